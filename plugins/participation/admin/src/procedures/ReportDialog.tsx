import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { AdminProcedure, ReportKind } from './data';

/** Publishing the bilan, the report or the synthesis, or the owner's response: dated by its author, published once. */
export function ReportDialog({ procedure, kind, onClose }: { procedure: AdminProcedure; kind: ReportKind; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const label = procedure.actions[kind].label;
  const [title, setTitle] = React.useState(label);
  const [date, setDate] = React.useState(new Date().toISOString().slice(0, 10));
  const [body, setBody] = React.useState('');
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  return (
    <FormDialog
      title={t('procedures.report.title', { label })}
      submitLabel={t('procedures.report.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={() =>
        run(
          () => post(`/participation/procedures/${procedure.documentId}/reports`, { kind, title: title.trim(), date, body: body.trim() }),
          t('procedures.report.done')
        )
      }
      onClose={() => onClose(false)}
    >
      <TextField name="title" label={t('procedures.report.field.title')} value={title} onChange={setTitle} error={errors.title} required />
      <TextField name="date" type="date" label={t('procedures.report.field.date')} value={date} onChange={setDate} error={errors.date} required />
      <TextField
        name="body"
        label={t('procedures.report.field.body')}
        hint={t('procedures.report.field.bodyHint')}
        value={body}
        onChange={setBody}
        error={errors.body}
        multiline
        required
      />
    </FormDialog>
  );
}
