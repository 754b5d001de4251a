import * as React from 'react';
import { Field, SingleSelect, SingleSelectOption, Textarea, TextInput } from '@strapi/design-system';
import { FormDialog } from './FormDialog';
import { useSubmit } from './FormFields';
import { useFetchClient } from '@strapi/strapi/admin';
import { serverFieldErrors } from '../api/types';
import { useT } from '../utils/useT';
import { CommuneField } from './CommuneField';

const CHANNELS = ['paper', 'mail', 'email', 'meeting'] as const;
type Channel = (typeof CHANNELS)[number];
type Values = { channel: Channel | ''; receivedOn: string; title: string; body: string; territory: string; authorName: string };
type FieldErrors = Partial<Record<keyof Values | 'receivedAt' | 'form', string>>;

/** The server's field errors by form field (the server's `receivedAt` is the form's date field). */
function fieldErrors(error: unknown): FieldErrors {
  const byField: FieldErrors = serverFieldErrors(error);
  return { ...byField, receivedOn: byField.receivedAt };
}

/**
 * An agent enters a contribution received on paper, by post, by e-mail or in a meeting; it is published with its
 * channel. From a meeting's screen (`meeting`), it is what was said in the room: the channel, the date and the
 * provenance come from the meeting.
 */
export function EnterContributionDialog({
  consultation,
  meeting,
  onClose,
}: {
  consultation?: { documentId: string; title: string };
  meeting?: { documentId: string; title: string };
  onClose: (entered: boolean) => void;
}) {
  const t = useT();
  const { post } = useFetchClient();
  const [values, setValues] = React.useState<Values>({ channel: meeting ? 'meeting' : '', receivedOn: '', title: '', body: '', territory: '', authorName: '' });
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true), fieldErrors);
  const set = (key: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = async () => {
    const local: FieldErrors = {};
    if (!values.channel) local.channel = t('enter.channel.required');
    if (values.title.trim().length < 3) local.title = t('enter.title.required');
    if (values.body.trim().length < 10) local.body = t('enter.body.required');
    if (values.territory && !/^\d[\dAB]\d{3}$/.test(values.territory.trim())) local.territory = t('enter.territory.invalid');
    if (values.receivedOn && new Date(values.receivedOn).getTime() > Date.now()) local.receivedOn = t('enter.receivedOn.future');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const common = {
      title: values.title.trim(),
      body: values.body.trim(),
      ...(values.territory.trim() ? { territory: values.territory.trim() } : {}),
      ...(values.authorName.trim() ? { authorName: values.authorName.trim() } : {}),
    };
    return run(
      () =>
        meeting
          ? post(`/participation/meetings/${meeting.documentId}/contributions`, common)
          : post(`/participation/consultations/${consultation!.documentId}/contributions`, {
              channel: values.channel,
              ...common,
              ...(values.receivedOn ? { receivedAt: values.receivedOn } : {}),
            }),
      t('enter.done')
    );
  };

  return (
    <FormDialog
      title={meeting ? t('meetings.said.dialogTitle', { meeting: meeting.title }) : t('enter.title', { consultation: consultation!.title })}
      submitLabel={t('enter.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      {meeting ? null : (
        <Field.Root name="channel" required error={errors.channel}>
          <Field.Label>{t('enter.channel')}</Field.Label>
          <SingleSelect
            placeholder={t('enter.channel.placeholder')}
            value={values.channel}
            onChange={(value) => setValues((v) => ({ ...v, channel: value as Channel }))}
          >
            {CHANNELS.map((c) => (
              <SingleSelectOption key={c} value={c}>
                {t(`channel.${c}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
      )}
      {meeting ? null : (
        <Field.Root name="receivedOn" hint={t('enter.receivedOn.hint')} error={errors.receivedOn}>
          <Field.Label>{t('enter.receivedOn')}</Field.Label>
          <TextInput type="date" value={values.receivedOn} onChange={set('receivedOn')} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      )}
      <Field.Root name="authorName" error={errors.authorName} hint={t('enter.authorName.hint')}>
        <Field.Label>{t('enter.authorName')}</Field.Label>
        <TextInput value={values.authorName} maxLength={80} onChange={set('authorName')} />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <CommuneField
        name="territory"
        label={t('enter.territory')}
        value={values.territory}
        onChange={(territory) => setValues((v) => ({ ...v, territory }))}
        error={errors.territory}
      />
      <Field.Root name="title" required error={errors.title}>
        <Field.Label>{t('enter.contributionTitle')}</Field.Label>
        <TextInput value={values.title} maxLength={140} onChange={set('title')} />
        <Field.Error />
      </Field.Root>
      <Field.Root name="body" required error={errors.body}>
        <Field.Label>{t('enter.body')}</Field.Label>
        <Textarea value={values.body} maxLength={5000} onChange={set('body')} />
        <Field.Error />
      </Field.Root>
    </FormDialog>
  );
}
