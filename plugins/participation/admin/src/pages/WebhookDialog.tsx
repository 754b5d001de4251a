import * as React from 'react';
import { Box, Checkbox, Field, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverFieldErrors, serverMessage, type WebhookEventOption } from '../api/types';
import { FormDialog } from '../components/FormDialog';
import { useT } from '../utils/useT';

type FieldErrors = Partial<Record<'name' | 'url' | 'events' | 'form', string>>;

/** Add a webhook subscribed to participation events: name, address, events. */
export function WebhookDialog({ events, onClose }: { events: WebhookEventOption[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [values, setValues] = React.useState({ name: '', url: '', events: events.map((e) => e.event) });
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [busy, setBusy] = React.useState(false);

  const submit = async () => {
    const local: FieldErrors = {};
    if (!values.name.trim()) local.name = t('webhooks.name.required');
    if (!/^https?:\/\/.+/i.test(values.url.trim())) local.url = t('webhooks.url.invalid');
    if (!values.events.length) local.events = t('webhooks.events.required');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await post('/participation/webhooks', { name: values.name.trim(), url: values.url.trim(), events: values.events, isEnabled: true });
      toggleNotification({ type: 'success', message: t('webhooks.saved') });
      onClose(true);
    } catch (error) {
      setErrors({ ...serverFieldErrors(error), form: serverMessage(error) ?? t('error.load') });
      setBusy(false);
    }
  };

  return (
    <FormDialog title={t('webhooks.add')} submitLabel={t('webhooks.save')} busy={busy} error={errors.form} onSubmit={submit} onClose={() => onClose(false)}>
      <Field.Root name="name" required error={errors.name}>
        <Field.Label>{t('webhooks.name')}</Field.Label>
        <TextInput value={values.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, name: e.target.value }))} />
        <Field.Error />
      </Field.Root>
      <Field.Root name="url" required error={errors.url} hint={t('webhooks.url.hint')}>
        <Field.Label>{t('webhooks.url')}</Field.Label>
        <TextInput type="url" value={values.url} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, url: e.target.value }))} />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Box>
        <Typography variant="pi" fontWeight="bold" tag="p">
          {t('webhooks.events')}
        </Typography>
        {events.map((e) => (
          <Checkbox
            key={e.event}
            checked={values.events.includes(e.event)}
            onCheckedChange={(checked: boolean | 'indeterminate') =>
              setValues((v) => ({ ...v, events: checked === true ? [...new Set([...v.events, e.event])] : v.events.filter((x) => x !== e.event) }))
            }
          >
            {e.label}
          </Checkbox>
        ))}
        {errors.events ? (
          <Typography role="alert" variant="pi" textColor="danger600">
            {errors.events}
          </Typography>
        ) : null}
      </Box>
    </FormDialog>
  );
}
