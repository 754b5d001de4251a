import * as React from 'react';
import { Checkbox, Field } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';

/**
 * Joining the scan of an observation received on paper to its register number: a PDF, JPEG or PNG (the server
 * recognises it by its bytes), kept for staff and the overseer, published with the observation only once the agent
 * says its personal details are masked.
 */
export function ScanDialog({ documentId, number, onClose }: { documentId: string; number: number; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [file, setFile] = React.useState<File | null>(null);
  const [publishable, setPublishable] = React.useState(false);
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  return (
    <FormDialog
      title={t('procedures.scan.title', { number })}
      submitLabel={t('procedures.scan.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={() => {
        if (!file) {
          setErrors({ file: t('procedures.scan.required') });
          return;
        }
        const form = new FormData();
        form.append('publishable', String(publishable));
        form.append('file', file);
        void run(() => post(`/participation/procedures/${documentId}/observations/${number}/scans`, form), t('procedures.scan.done'));
      }}
      onClose={() => onClose(false)}
    >
      <Field.Root name="file" id="scan-file" error={errors.file} hint={t('procedures.scan.fileHint')} required>
        <Field.Label>{t('procedures.scan.file')}</Field.Label>
        <input
          id="scan-file"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Checkbox checked={publishable} onCheckedChange={(checked: boolean | 'indeterminate') => setPublishable(checked === true)}>
        {t('procedures.scan.publishable')}
      </Checkbox>
    </FormDialog>
  );
}
