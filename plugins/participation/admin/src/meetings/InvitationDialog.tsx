import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';

export function InvitationDialog({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [values, setValues] = React.useState({ name: '', email: '', organisation: '' });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, onClose);
  const set = (k: keyof typeof values) => (v: string) => setValues((x) => ({ ...x, [k]: v }));
  return (
    <FormDialog
      title={t('meetings.invite.title')}
      submitLabel={t('meetings.invite.submit')}
      busy={busy}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        run(
          () =>
            post(`/participation/meetings/${documentId}/invitations`, {
              name: values.name.trim(),
              email: values.email.trim() || null,
              organisation: values.organisation.trim() || null,
            }),
          t('meetings.invite.done')
        )
      }
    >
      <TextField name="name" label={t('meetings.invite.name')} value={values.name} onChange={set('name')} error={errors.name} required />
      <TextField
        name="email"
        type="email"
        label={t('meetings.invite.email')}
        hint={t('meetings.invite.emailHint')}
        value={values.email}
        onChange={set('email')}
        error={errors.email}
      />
      <TextField
        name="organisation"
        label={t('meetings.invite.organisation')}
        value={values.organisation}
        onChange={set('organisation')}
        error={errors.organisation}
      />
    </FormDialog>
  );
}
