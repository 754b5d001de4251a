import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';

/** Withholds a remark from publication: the reason is published in its place. */
export function WithholdDialog({ documentId, remarkId, onClose }: { documentId: string; remarkId: number; onClose: () => void }) {
  const t = useT();
  const { put } = useFetchClient();
  const [reason, setReason] = React.useState('');
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, onClose);
  return (
    <FormDialog
      title={t('meetings.remarks.withhold.title')}
      submitLabel={t('meetings.remarks.withhold.submit')}
      busy={busy}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        run(
          () => put(`/participation/meetings/${documentId}/minutes/remarks/${remarkId}`, { withheld: true, reason: reason.trim() }),
          t('meetings.remarks.withhold.done')
        )
      }
    >
      <Typography>{t('meetings.remarks.withhold.warning')}</Typography>
      <TextField name="reason" label={t('meetings.remarks.withhold.reason')} value={reason} onChange={setReason} error={errors.reason} multiline required />
    </FormDialog>
  );
}
