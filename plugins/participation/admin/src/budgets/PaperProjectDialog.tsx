import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit } from '../components/FormFields';
import { useT } from '../utils/useT';
import { CommuneField } from '../components/CommuneField';
import type { Detail, Errors } from './model';

export function PaperProjectDialog({ detail, onClose }: { detail: Detail; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({ title: '', description: '', estimatedCost: '', communeCode: '', authorName: '', provenance: '' });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post(`/participation/budgets/${detail.documentId}/paper-projects`, {
          title: v.title.trim(),
          description: v.description.trim(),
          estimatedCost: Number(v.estimatedCost),
          communeCode: v.communeCode.trim(),
          authorName: v.authorName.trim(),
          provenance: v.provenance.trim(),
        }),
      t('budgets.paper.project.done')
    );
  return (
    <FormDialog
      title={t('budgets.paper.project.title')}
      submitLabel={t('budgets.paper.project.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField name="title" label={t('petitions.field.title')} value={v.title} onChange={set('title')} error={errors.title} required />
      <TextField
        name="description"
        label={t('budgets.field.description')}
        value={v.description}
        onChange={set('description')}
        error={errors.description}
        multiline
        required
      />
      <TextField
        name="estimatedCost"
        type="number"
        label={t('budgets.paper.project.cost')}
        value={v.estimatedCost}
        onChange={set('estimatedCost')}
        error={errors.estimatedCost}
        required
      />
      <CommuneField
        name="communeCode"
        label={t('petitions.paper.communeCode')}
        value={v.communeCode}
        onChange={set('communeCode')}
        error={errors.communeCode}
        required
      />
      <TextField
        name="authorName"
        label={t('petitions.field.authorName')}
        value={v.authorName}
        onChange={set('authorName')}
        error={errors.authorName}
        required
      />
      <TextField
        name="provenance"
        label={t('petitions.paper.provenance')}
        hint={t('petitions.paper.petition.provenance.hint')}
        value={v.provenance}
        onChange={set('provenance')}
        error={errors.provenance}
        required
      />
    </FormDialog>
  );
}
