import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { TextField } from '../components/FormFields';
import { useT } from '../utils/useT';
import {
  QUESTION_TYPES,
  definitionIssues,
  type Choice,
  type Condition,
  type Definition,
  type Question,
  type QuestionType,
} from '../../../shared/questionnaire';
import type { AdminQuestionnaire } from './data';
import { PaperResponseDialog } from './PaperResponseDialog';

/** A key from a label: lower case, no accents, underscores (« Vélo électrique » → velo_electrique). */
const keyOf = (label: string, taken: Set<string>) => {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'q_$1')
      .slice(0, 30) || 'q';
  let key = base;
  for (let i = 2; taken.has(key) || key === 'autre'; i += 1) key = `${base}_${i}`;
  return key;
};

/** Choices typed one per line: a line keeps the key of the choice it was (by position), a new line gets a key from its label. */
const choicesFromLines = (text: string, before: Choice[]): Choice[] => {
  const taken = new Set<string>();
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label, i) => {
      const key = before[i] && !taken.has(before[i].key) ? before[i].key : keyOf(label, taken);
      taken.add(key);
      return { key, label };
    });
};

/** A new question of a type, with the limits that type needs. */
function newQuestion(type: QuestionType, key: string, label: string, required: boolean, condition?: Condition | null): Question {
  const base = { key, label, required, condition: condition ?? null };
  const two = [
    { key: 'oui', label: 'Oui' },
    { key: 'non', label: 'Non' },
  ];
  switch (type) {
    case 'short_text':
      return { ...base, type, maxLength: 200 };
    case 'long_text':
      return { ...base, type, maxLength: 2000 };
    case 'single_choice':
      return { ...base, type, options: two, other: false };
    case 'multiple_choice':
      return { ...base, type, options: two, other: false, min: null, max: null };
    case 'ranking':
      return { ...base, type, options: two, positions: 2 };
    case 'matrix_single':
    case 'matrix_multiple':
      return { ...base, type, rows: [{ key: 'ligne_1', label: 'Ligne 1' }], columns: two };
    case 'scale':
      return { ...base, type, min: 0, max: 10, minLabel: null, maxLabel: null };
    case 'number':
      return { ...base, type, min: null, max: null, integer: true };
    case 'date':
      return { ...base, type, min: null, max: null };
    case 'commune':
      return { ...base, type };
    case 'file':
      return { ...base, type, maxFiles: 1 };
  }
}

type Leaf = { question: string; op: 'answered' | 'not_answered' | 'equals' | 'not_equals' | 'matches'; value?: string };
const leafOf = (c: Condition | null | undefined): Leaf | null => (c && 'question' in c ? (c as Leaf) : null);

type Form = {
  title: string;
  slug: string;
  description: string;
  audience: 'signed_in' | 'anonymous';
  editable: boolean;
  published: boolean;
  opensAt: string;
  closesAt: string;
  receiptNote: string;
  definition: Definition;
};

const local = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const formOf = (q: AdminQuestionnaire | null): Form => ({
  title: q?.title ?? '',
  slug: q?.slug ?? '',
  description: q?.description ?? '',
  audience: q?.audience ?? 'signed_in',
  editable: q?.editable ?? false,
  published: q?.published ?? false,
  opensAt: local(q?.opensAt ?? new Date(Date.now() + 86_400_000).toISOString()),
  closesAt: local(q?.closesAt ?? new Date(Date.now() + 31 * 86_400_000).toISOString()),
  receiptNote: q?.receiptNote ?? '',
  definition: (q?.definition as Definition | undefined) ?? { pages: [{ key: 'page_1', title: 'Page 1', questions: [] }] },
});

/**
 * « Constructeur » of a questionnaire: its title, dates and who may answer, then its pages and questions — type,
 * choices one per line, required, display condition chosen among the earlier questions — moved up or down. The
 * definition is checked by the same function as the server's before it is sent; the server's refusals are said
 * in place and what was typed stays.
 */
export function QuestionnaireBuilder({ questionnaire, onDone }: { questionnaire: AdminQuestionnaire | null; onDone: (documentId: string | null) => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [form, setForm] = React.useState<Form>(() => formOf(questionnaire));
  const [errors, setErrors] = React.useState<string[]>([]);
  const [busy, setBusy] = React.useState(false);
  const [preview, setPreview] = React.useState(false);
  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const pages = form.definition.pages;
  const setPages = (next: Definition['pages']) => setForm((f) => ({ ...f, definition: { pages: next } }));
  const allKeys = () => new Set(pages.flatMap((p) => p.questions.map((q) => q.key)));
  const updateQuestion = (p: number, i: number, next: Question) =>
    setPages(pages.map((page, x) => (x === p ? { ...page, questions: page.questions.map((q, y) => (y === i ? next : q)) } : page)));
  const move = <T,>(list: T[], from: number, to: number) => {
    if (to < 0 || to >= list.length) return list;
    const copy = [...list];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item);
    return copy;
  };

  const save = async () => {
    const local = definitionIssues(form.definition).map((i) => i.message);
    if (local.length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setErrors([]);
    const body = {
      title: form.title.trim(),
      slug: form.slug.trim(),
      description: form.description.trim() || null,
      definition: form.definition,
      audience: form.audience,
      editable: form.editable,
      published: form.published,
      opensAt: new Date(form.opensAt).toISOString(),
      closesAt: new Date(form.closesAt).toISOString(),
      receiptNote: form.receiptNote.trim() || null,
    };
    try {
      const res = questionnaire
        ? await put(`/participation/questionnaires/${questionnaire.documentId}`, body)
        : await post('/participation/questionnaires', body);
      toggleNotification({ type: 'success', message: t('questionnaires.saved') });
      onDone((res.data as { data: { documentId: string } }).data.documentId);
    } catch (error) {
      const details = (error as { response?: { data?: { error?: { details?: { errors?: { path: unknown[]; message: string }[] } } } } }).response?.data?.error
        ?.details;
      setErrors(details?.errors?.map((e) => `${e.path.join(' › ')} : ${e.message}`) ?? [serverMessage(error) ?? t('error.load')]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2}>
        <Button variant="tertiary" onClick={() => onDone(null)}>
          {t('questionnaires.back')}
        </Button>
        <Button onClick={save} loading={busy}>
          {t('questionnaires.save')}
        </Button>
        <Button variant="secondary" onClick={() => setPreview(true)}>
          {t('questionnaires.preview.open')}
        </Button>
      </Flex>
      {preview ? <PaperResponseDialog documentId={null} definition={form.definition} preview onClose={() => setPreview(false)} /> : null}
      {questionnaire?.locked ? <Typography textColor="warning600">{t('questionnaires.locked')}</Typography> : null}
      {errors.length ? (
        <Box role="alert" padding={3} background="danger100">
          {errors.map((e) => (
            <Typography key={e} tag="p" textColor="danger600">
              {e}
            </Typography>
          ))}
        </Box>
      ) : null}
      <Flex gap={4} wrap="wrap" alignItems="flex-start">
        <TextField name="title" label={t('questionnaires.field.title')} value={form.title} onChange={set('title')} required />
        <TextField
          name="slug"
          label={t('questionnaires.field.slug')}
          hint={t('questionnaires.field.slugHint')}
          value={form.slug}
          onChange={set('slug')}
          required
        />
        <TextField name="opensAt" type="datetime-local" label={t('questionnaires.field.opensAt')} value={form.opensAt} onChange={set('opensAt')} required />
        <TextField name="closesAt" type="datetime-local" label={t('questionnaires.field.closesAt')} value={form.closesAt} onChange={set('closesAt')} required />
      </Flex>
      <TextField name="description" label={t('questionnaires.field.description')} value={form.description} onChange={set('description')} multiline />
      <TextField name="receiptNote" label={t('questionnaires.field.receiptNote')} value={form.receiptNote} onChange={set('receiptNote')} multiline />
      <Flex gap={6} wrap="wrap">
        <Field.Root name="audience">
          <Field.Label>{t('questionnaires.field.audience')}</Field.Label>
          <SingleSelect value={form.audience} onChange={(v: string | number) => set('audience')(v as Form['audience'])}>
            <SingleSelectOption value="signed_in">{t('questionnaires.audience.signed_in')}</SingleSelectOption>
            <SingleSelectOption value="anonymous">{t('questionnaires.audience.anonymous')}</SingleSelectOption>
          </SingleSelect>
        </Field.Root>
        <Checkbox checked={form.editable} onCheckedChange={(c: boolean | 'indeterminate') => set('editable')(c === true)}>
          {t('questionnaires.field.editable')}
        </Checkbox>
        <Checkbox checked={form.published} onCheckedChange={(c: boolean | 'indeterminate') => set('published')(c === true)}>
          {t('questionnaires.field.published')}
        </Checkbox>
      </Flex>

      {pages.map((page, p) => {
        const earlier = pages.slice(0, p).flatMap((x) => x.questions);
        return (
          <Box key={page.key} padding={4} background="neutral100" hasRadius tag="section" aria-label={t('questionnaires.page.of', { title: page.title })}>
            <Flex gap={2} alignItems="flex-end" wrap="wrap">
              <TextField
                name={`page-${p}`}
                label={t('questionnaires.page.title', { n: p + 1 })}
                value={page.title}
                onChange={(v) => setPages(pages.map((x, i) => (i === p ? { ...x, title: v } : x)))}
              />
              <Button variant="tertiary" size="S" onClick={() => setPages(move(pages, p, p - 1))} disabled={p === 0}>
                {t('questionnaires.up')}
              </Button>
              <Button variant="tertiary" size="S" onClick={() => setPages(move(pages, p, p + 1))} disabled={p === pages.length - 1}>
                {t('questionnaires.down')}
              </Button>
              <Button variant="danger-light" size="S" onClick={() => setPages(pages.filter((_, i) => i !== p))} disabled={pages.length === 1}>
                {t('questionnaires.page.remove')}
              </Button>
            </Flex>
            {page.questions.map((q, i) => (
              <QuestionEditor
                key={q.key}
                question={q}
                earlier={[...earlier, ...page.questions.slice(0, i)]}
                onChange={(next) => updateQuestion(p, i, next)}
                onMove={(to) => setPages(pages.map((x, k) => (k === p ? { ...x, questions: move(x.questions, i, to) } : x)))}
                onRemove={() => setPages(pages.map((x, k) => (k === p ? { ...x, questions: x.questions.filter((_, y) => y !== i) } : x)))}
                index={i}
                count={page.questions.length}
              />
            ))}
            <Box paddingTop={3}>
              <Button
                variant="secondary"
                onClick={() => {
                  const label = t('questionnaires.question.new');
                  const next = newQuestion('single_choice', keyOf(`question_${allKeys().size + 1}`, allKeys()), label, false);
                  setPages(pages.map((x, k) => (k === p ? { ...x, questions: [...x.questions, next] } : x)));
                }}
              >
                {t('questionnaires.question.add')}
              </Button>
            </Box>
          </Box>
        );
      })}
      <Box>
        <Button
          variant="secondary"
          onClick={() => {
            const keys = new Set(pages.map((x) => x.key));
            setPages([...pages, { key: keyOf(`page_${pages.length + 1}`, keys), title: `Page ${pages.length + 1}`, questions: [] }]);
          }}
        >
          {t('questionnaires.page.add')}
        </Button>
      </Box>
    </Flex>
  );
}

const OPS: Leaf['op'][] = ['answered', 'not_answered', 'equals', 'not_equals', 'matches'];

/** One question: label, type, required, what its type needs, and when it shows. */
function QuestionEditor({
  question: q,
  earlier,
  onChange,
  onMove,
  onRemove,
  index,
  count,
}: {
  question: Question;
  earlier: Question[];
  onChange: (q: Question) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  index: number;
  count: number;
}) {
  const t = useT();
  const leaf = leafOf(q.condition);
  const lines = (list: Choice[]) => list.map((c) => c.label).join('\n');
  const setCondition = (next: Leaf | null) =>
    onChange({
      ...q,
      condition: next
        ? next.op === 'answered' || next.op === 'not_answered'
          ? { question: next.question, op: next.op }
          : { ...next, value: next.value ?? '' }
        : null,
    } as Question);
  return (
    <Box marginTop={3} padding={3} background="neutral0" hasRadius data-testid="question-editor">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} alignItems="flex-end" wrap="wrap">
          <TextField
            name={`label-${q.key}`}
            label={t('questionnaires.question.label')}
            value={q.label}
            onChange={(label) => onChange({ ...q, label })}
            required
          />
          <Field.Root name={`type-${q.key}`}>
            <Field.Label>{t('questionnaires.question.type')}</Field.Label>
            <SingleSelect value={q.type} onChange={(v: string | number) => onChange(newQuestion(v as QuestionType, q.key, q.label, q.required, q.condition))}>
              {QUESTION_TYPES.map((type) => (
                <SingleSelectOption key={type} value={type}>
                  {t(`questionnaires.type.${type}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Checkbox checked={q.required} onCheckedChange={(c: boolean | 'indeterminate') => onChange({ ...q, required: c === true })}>
            {t('questionnaires.question.required')}
          </Checkbox>
          <Button variant="tertiary" size="S" onClick={() => onMove(index - 1)} disabled={index === 0}>
            {t('questionnaires.up')}
          </Button>
          <Button variant="tertiary" size="S" onClick={() => onMove(index + 1)} disabled={index === count - 1}>
            {t('questionnaires.down')}
          </Button>
          <Button variant="danger-light" size="S" onClick={onRemove}>
            {t('questionnaires.question.remove')}
          </Button>
        </Flex>
        {'options' in q ? (
          <TextField
            name={`options-${q.key}`}
            label={t('questionnaires.question.options')}
            hint={t('questionnaires.question.optionsHint')}
            value={lines(q.options)}
            onChange={(text) => onChange({ ...q, options: choicesFromLines(text, q.options) } as Question)}
            multiline
          />
        ) : null}
        {'rows' in q ? (
          <Flex gap={2} alignItems="flex-start">
            <TextField
              name={`rows-${q.key}`}
              label={t('questionnaires.question.rows')}
              value={lines(q.rows)}
              onChange={(text) => onChange({ ...q, rows: choicesFromLines(text, q.rows) })}
              multiline
            />
            <TextField
              name={`columns-${q.key}`}
              label={t('questionnaires.question.columns')}
              value={lines(q.columns)}
              onChange={(text) => onChange({ ...q, columns: choicesFromLines(text, q.columns) })}
              multiline
            />
          </Flex>
        ) : null}
        {q.type === 'single_choice' || q.type === 'multiple_choice' ? (
          <Checkbox checked={q.other} onCheckedChange={(c: boolean | 'indeterminate') => onChange({ ...q, other: c === true })}>
            {t('questionnaires.question.other')}
          </Checkbox>
        ) : null}
        {q.type === 'ranking' ? (
          <TextField
            name={`positions-${q.key}`}
            type="number"
            label={t('questionnaires.question.positions')}
            value={String(q.positions)}
            onChange={(v) => onChange({ ...q, positions: Number(v) || 1 })}
          />
        ) : null}
        {q.type === 'file' ? (
          <TextField
            name={`max-files-${q.key}`}
            type="number"
            label={t('questionnaires.question.maxFiles')}
            hint={t('questionnaires.question.maxFilesHint')}
            value={String(q.maxFiles)}
            onChange={(v) => onChange({ ...q, maxFiles: Number(v) || 1 })}
          />
        ) : null}
        {q.type === 'short_text' || q.type === 'long_text' ? (
          <TextField
            name={`max-${q.key}`}
            type="number"
            label={t('questionnaires.question.maxLength')}
            value={String(q.maxLength)}
            onChange={(v) => onChange({ ...q, maxLength: Number(v) || 1 })}
          />
        ) : null}
        {earlier.length ? (
          <Flex gap={2} alignItems="flex-end" wrap="wrap">
            <Field.Root name={`condition-${q.key}`}>
              <Field.Label>{t('questionnaires.condition.question')}</Field.Label>
              <SingleSelect
                value={leaf?.question ?? ''}
                onChange={(v: string | number) => setCondition(v ? { question: String(v), op: leaf?.op ?? 'answered', value: leaf?.value } : null)}
              >
                <SingleSelectOption value="">{t('questionnaires.condition.always')}</SingleSelectOption>
                {earlier.map((e) => (
                  <SingleSelectOption key={e.key} value={e.key}>
                    {e.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            {leaf ? (
              <Field.Root name={`op-${q.key}`}>
                <Field.Label>{t('questionnaires.condition.op')}</Field.Label>
                <SingleSelect value={leaf.op} onChange={(v: string | number) => setCondition({ ...leaf, op: v as Leaf['op'] })}>
                  {OPS.map((op) => (
                    <SingleSelectOption key={op} value={op}>
                      {t(`questionnaires.op.${op}`)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            ) : null}
            {leaf && leaf.op !== 'answered' && leaf.op !== 'not_answered' ? (
              <TextField
                name={`value-${q.key}`}
                label={t('questionnaires.condition.value')}
                value={leaf.value ?? ''}
                onChange={(value) => setCondition({ ...leaf, value })}
              />
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
}
