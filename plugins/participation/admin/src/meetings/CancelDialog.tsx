import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';

export function CancelDialog({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [reason, setReason] = React.useState('');
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, onClose);
  return (
    <FormDialog
      title={t('meetings.cancel.title')}
      submitLabel={t('meetings.cancel.submit')}
      busy={busy}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => run(() => post(`/participation/meetings/${documentId}/cancel`, { reason: reason.trim() }), t('meetings.cancel.done'))}
    >
      <Typography>{t('meetings.cancel.warning')}</Typography>
      <TextField name="reason" label={t('meetings.cancel.reason')} value={reason} onChange={setReason} error={errors.reason} multiline required />
    </FormDialog>
  );
}
