import * as React from 'react';
import { Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { CommuneField } from '../components/CommuneField';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import { serverMessage } from '../api/types';
import { FILE_ANSWERS, validateAnswers, visibleQuestions, type Answers, type Definition, type Question } from '../../../shared/questionnaire';

type Raw = Record<string, unknown>;

/** The server's field errors by question key (`answers.<key>`), and the place and date by name. */
const byQuestion = (error: unknown): Errors => {
  const details = (error as { response?: { data?: { error?: { details?: { errors?: { path: string[]; message: string }[] } } } } }).response?.data?.error
    ?.details;
  return Object.fromEntries((details?.errors ?? []).map((e) => [e.path[0] === 'answers' ? e.path[1] : e.path[0], e.message]));
};

/** A file of the paper form: its id (the answer) and its name (shown). */
type Joined = { id: string; name: string };

/**
 * A file question on paper: the agent joins the scan or photo (sent at once, recognised by the server by its bytes),
 * as many as the question takes. In the preview, nothing is sent: the file is only named.
 */
function FileAnswerField({
  q,
  label,
  documentId,
  value,
  onChange,
}: {
  q: Extract<Question, { type: 'file' }>;
  label: string;
  documentId: string | null;
  value: Joined[];
  onChange: (v: Joined[]) => void;
}) {
  const t = useT();
  const { post } = useFetchClient();
  const [error, setError] = React.useState<string | null>(null);
  const join = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (!documentId) {
      // The preview names the file with an id of the right form; nothing leaves the browser.
      const id = `f_${Array.from(crypto.getRandomValues(new Uint8Array(22)), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;
      onChange([...value, { id, name: file.name }]);
      return;
    }
    const form = new FormData();
    form.append('question', q.key);
    form.append('file', file);
    try {
      const res = await post<{ data: Joined }>(`/participation/questionnaires/${documentId}/paper-files`, form);
      onChange([...value, { id: res.data.data.id, name: res.data.data.name }]);
    } catch (failure) {
      setError(serverMessage(failure) ?? t('error.load'));
    }
  };
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} role="group" aria-label={q.label}>
      <Field.Root name={q.key} id={`file-${q.key}`} error={error ?? undefined} hint={t('questionnaires.question.maxFilesHint')}>
        <Field.Label>{`${label} — ${t('questionnaires.paper.file')}`}</Field.Label>
        <input
          id={`file-${q.key}`}
          type="file"
          accept={FILE_ANSWERS.accept}
          disabled={value.length >= q.maxFiles}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            void join(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      {value.map((f) => (
        <Flex key={f.id} gap={2} alignItems="center">
          <Typography>{t('questionnaires.paper.fileSent', { name: f.name })}</Typography>
          <Button variant="tertiary" size="S" onClick={() => onChange(value.filter((x) => x.id !== f.id))}>
            {t('questionnaires.paper.fileRemove', { name: f.name })}
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}

/** One question of the paper form, as its type asks: a list, boxes to tick, a number, a date, a commune, a file, a text. */
function AnswerField({
  q,
  value,
  onChange,
  error,
  documentId,
}: {
  q: Question;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  documentId: string | null;
}) {
  const t = useT();
  const select = (name: string, label: string, current: string, options: { key: string; label: string }[], set: (v: string) => void) => (
    <Field.Root name={name} key={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={current} onChange={(v: string | number) => set(String(v))}>
        <SingleSelectOption value="">{t('questionnaires.paper.none')}</SingleSelectOption>
        {options.map((o) => (
          <SingleSelectOption key={o.key} value={o.key}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
  const label = `${q.label}${q.required ? ' *' : ''}`;
  let field: React.ReactNode;
  switch (q.type) {
    case 'single_choice':
      field = select(q.key, label, (value as string) ?? '', q.options, (v) => onChange(v || undefined));
      break;
    case 'multiple_choice': {
      const list = (value as string[] | undefined) ?? [];
      field = (
        <Flex direction="column" alignItems="flex-start" gap={1} role="group" aria-label={q.label}>
          <Typography fontWeight="semiBold">{label}</Typography>
          {q.options.map((o) => (
            <Checkbox
              key={o.key}
              checked={list.includes(o.key)}
              onCheckedChange={(c: boolean | 'indeterminate') => onChange(c === true ? [...list, o.key] : list.filter((k) => k !== o.key))}
            >
              {o.label}
            </Checkbox>
          ))}
        </Flex>
      );
      break;
    }
    case 'ranking': {
      const list = (value as string[] | undefined) ?? [];
      field = (
        <Flex direction="column" alignItems="stretch" gap={1} role="group" aria-label={q.label}>
          <Typography fontWeight="semiBold">{label}</Typography>
          {Array.from({ length: q.positions }, (_, i) =>
            select(`${q.key}-${i}`, t('questionnaires.paper.rank', { n: i + 1 }), list[i] ?? '', q.options, (v) => {
              const next = [...list];
              next[i] = v;
              onChange(next.filter(Boolean));
            })
          )}
        </Flex>
      );
      break;
    }
    case 'matrix_single':
    case 'matrix_multiple': {
      const grid = (value as Record<string, string | string[]> | undefined) ?? {};
      field = (
        <Flex direction="column" alignItems="stretch" gap={1} role="group" aria-label={q.label}>
          <Typography fontWeight="semiBold">{label}</Typography>
          {q.rows.map((r) =>
            q.type === 'matrix_single' ? (
              select(`${q.key}-${r.key}`, r.label, (grid[r.key] as string) ?? '', q.columns, (v) => onChange({ ...grid, [r.key]: v || undefined }))
            ) : (
              <Flex key={r.key} gap={2}>
                <Typography>{r.label}</Typography>
                {q.columns.map((c) => {
                  const cells = (grid[r.key] as string[] | undefined) ?? [];
                  return (
                    <Checkbox
                      key={c.key}
                      checked={cells.includes(c.key)}
                      onCheckedChange={(x: boolean | 'indeterminate') =>
                        onChange({ ...grid, [r.key]: x === true ? [...cells, c.key] : cells.filter((k) => k !== c.key) })
                      }
                    >
                      {c.label}
                    </Checkbox>
                  );
                })}
              </Flex>
            )
          )}
        </Flex>
      );
      break;
    }
    case 'commune':
      field = <CommuneField name={q.key} label={label} value={(value as string) ?? ''} onChange={(v: string) => onChange(v || undefined)} />;
      break;
    case 'file':
      field = (
        <FileAnswerField
          q={q}
          label={label}
          documentId={documentId}
          value={(value as Joined[] | undefined) ?? []}
          onChange={(files) => onChange(files.length ? files : undefined)}
        />
      );
      break;
    default:
      field = (
        <TextField
          name={q.key}
          label={label}
          type={q.type === 'date' ? 'date' : q.type === 'scale' || q.type === 'number' ? 'number' : 'text'}
          multiline={q.type === 'long_text'}
          value={value === undefined ? '' : String(value)}
          onChange={(v) => onChange(v === '' ? undefined : v)}
        />
      );
  }
  return (
    <div>
      {field}
      {error ? (
        <Typography textColor="danger600" tag="p">
          {error}
        </Typography>
      ) : null}
    </div>
  );
}

/**
 * « Saisir un questionnaire papier »: the questions shown as the respondent's answers make them show (the same
 * conditions as online), where and when it was filled in; the server checks it as an online answer.
 */
export function PaperResponseDialog({
  documentId,
  definition,
  onClose,
  preview = false,
}: {
  documentId: string | null;
  definition: Definition;
  onClose: (saved: boolean) => void;
  /** « Aperçu »: the questionnaire as a respondent meets it, checked by the same rules, nothing sent. */
  preview?: boolean;
}) {
  const t = useT();
  const { post } = useFetchClient();
  const [answers, setAnswers] = React.useState<Raw>({});
  const [place, setPlace] = React.useState('');
  const [date, setDate] = React.useState(new Date().toISOString().slice(0, 10));
  const [errors, setErrors] = React.useState<Errors>({});
  const [checked, setChecked] = React.useState(false);
  const { busy, run } = useSubmit(setErrors, () => onClose(true), byQuestion);
  const { questions } = visibleQuestions(definition, answers as Answers);
  const shown = new Set(questions.map((q) => q.key));
  // A file question's answer is its files' ids (the dialog keeps their names to show them).
  const kept = () =>
    Object.fromEntries(
      Object.entries(answers)
        .filter(([k, v]) => shown.has(k) && v !== undefined)
        .map(([k, v]) => [k, definition.pages.some((p) => p.questions.some((x) => x.key === k && x.type === 'file')) ? (v as Joined[]).map((f) => f.id) : v])
    );
  const check = () => {
    const { issues } = validateAnswers(definition, kept(), () => true);
    setErrors(Object.fromEntries(issues.map((i) => [String(i.path[1]), i.message])));
    setChecked(issues.length === 0);
  };
  return (
    <FormDialog
      title={preview ? t('questionnaires.preview.title') : t('questionnaires.paper.title')}
      submitLabel={preview ? t('questionnaires.preview.check') : t('questionnaires.paper.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={() =>
        preview || !documentId
          ? check()
          : run(
              () => post(`/participation/questionnaires/${documentId}/paper-responses`, { answers: kept(), place: place.trim(), date }),
              t('questionnaires.paper.done')
            )
      }
      onClose={() => onClose(false)}
    >
      {preview ? (
        <Typography tag="p" role="status">
          {checked ? t('questionnaires.preview.valid') : t('questionnaires.preview.hint')}
        </Typography>
      ) : (
        <>
          <TextField name="place" label={t('questionnaires.paper.place')} value={place} onChange={setPlace} error={errors.place} required />
          <TextField name="date" type="date" label={t('questionnaires.paper.date')} value={date} onChange={setDate} error={errors.date} required />
        </>
      )}
      {questions.map((q) => (
        <AnswerField
          key={q.key}
          q={q}
          value={answers[q.key]}
          onChange={(v) => setAnswers((a) => ({ ...a, [q.key]: v }))}
          error={errors[q.key]}
          documentId={preview ? null : documentId}
        />
      ))}
    </FormDialog>
  );
}
