import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import { validateAnswers, visibleQuestions, type Answers, type Definition } from '../../../shared/questionnaire';
import { Joined } from './FileAnswerField';
import { AnswerField } from './AnswerField';

type Raw = Record<string, unknown>;

/** The server's field errors by question key (`answers.<key>`), and the place and date by name. */
const byQuestion = (error: unknown): Errors => {
  const details = (error as { response?: { data?: { error?: { details?: { errors?: { path: string[]; message: string }[] } } } } }).response?.data?.error
    ?.details;
  return Object.fromEntries((details?.errors ?? []).map((e) => [e.path[0] === 'answers' ? e.path[1] : e.path[0], e.message]));
};

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
