import * as React from 'react';
import { Field, Radio, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { FormDialog } from './FormDialog';
import { useSubmit } from './FormFields';
import { useFetchClient } from '@strapi/strapi/admin';
import { type AnswerStatus, type AnswerTemplate, type Envelope } from '../api/types';
import { useT } from '../utils/useT';

export const ANSWER_STATUSES: AnswerStatus[] = ['retained', 'under_study', 'not_retained', 'already_done'];

type Props = { targets: { documentId: string; title: string | null }[]; onClose: (answered: boolean) => void };

/**
 * The official answer to one or several contributions: a status, a text (from a template or typed), published at
 * once or held until the consultation's results are published. A refusal keeps what was typed.
 */
export function AnswerDialog({ targets, onClose }: Props) {
  const t = useT();
  const { get, put } = useFetchClient();
  const [templates, setTemplates] = React.useState<AnswerTemplate[]>([]);
  const [status, setStatus] = React.useState<AnswerStatus | ''>('');
  const [text, setText] = React.useState('');
  const [release, setRelease] = React.useState<'now' | 'with_results'>('now');
  const [errors, setErrors] = React.useState<{ status?: string; text?: string; form?: string }>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));

  React.useEffect(() => {
    get<Envelope<AnswerTemplate[]>>('/participation/answer-templates')
      .then((res) => setTemplates(res.data.data))
      .catch(() => setTemplates([]));
  }, [get]);

  const submit = async () => {
    const missing = { status: status ? undefined : t('answer.status.required'), text: text.trim() ? undefined : t('answer.text.required') };
    if (missing.status || missing.text) {
      setErrors(missing);
      return;
    }
    const body = { status, text: text.trim(), release };
    return run(
      () =>
        targets.length === 1
          ? put(`/participation/contributions/${targets[0].documentId}/answer`, body)
          : put('/participation/contributions/answers', { ...body, items: targets.map((x) => x.documentId) }),
      t(release === 'now' ? 'answer.done' : 'answer.held', { count: targets.length })
    );
  };

  return (
    <FormDialog
      title={t('answer.title', { count: targets.length })}
      submitLabel={t('answer.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      {targets.length === 1 && targets[0].title ? <Typography fontWeight="bold">{targets[0].title}</Typography> : null}
      {templates.length ? (
        <Field.Root name="template">
          <Field.Label>{t('answer.template')}</Field.Label>
          <SingleSelect
            placeholder={t('answer.template.placeholder')}
            onChange={(value) => {
              const picked = templates.find((x) => x.documentId === value);
              if (!picked) return;
              setStatus(picked.answerStatus);
              setText(picked.text);
            }}
          >
            {templates.map((x) => (
              <SingleSelectOption key={x.documentId} value={x.documentId}>
                {x.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          {t('answer.template.none')}
        </Typography>
      )}
      <Field.Root name="status" required error={errors.status}>
        <Field.Label>{t('answer.status')}</Field.Label>
        <SingleSelect placeholder={t('answer.status.placeholder')} value={status} onChange={(value) => setStatus(value as AnswerStatus)}>
          {ANSWER_STATUSES.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {t(`answer.status.${s}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
      </Field.Root>
      <Field.Root name="text" required error={errors.text}>
        <Field.Label>{t('answer.text')}</Field.Label>
        <Textarea value={text} maxLength={5000} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)} />
        <Field.Error />
      </Field.Root>
      <Field.Root name="release">
        <Field.Label>{t('answer.release')}</Field.Label>
        <Radio.Group value={release} onValueChange={(value: string) => setRelease(value as 'now' | 'with_results')} aria-label={t('answer.release')}>
          <Radio.Item value="now">{t('answer.release.now')}</Radio.Item>
          <Radio.Item value="with_results">{t('answer.release.with_results')}</Radio.Item>
        </Radio.Group>
      </Field.Root>
    </FormDialog>
  );
}
