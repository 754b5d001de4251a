import * as React from 'react';
import { Checkbox } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { PetitionDetail as Detail } from './types';
import { CommuneField } from '../components/CommuneField';

export function PaperSignatureDialog({ petition, onClose }: { petition: Detail; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({ name: '', birthDate: '', communeCode: '', territoryCode: '', provenance: '', showName: false });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post(`/participation/petitions/${petition.documentId}/paper-signatures`, {
          name: v.name.trim(),
          birthDate: v.birthDate,
          communeCode: v.communeCode.trim(),
          provenance: v.provenance.trim(),
          showName: v.showName,
          ...(v.territoryCode.trim() ? { territoryCode: v.territoryCode.trim() } : {}),
        }),
      t('petitions.paper.signature.done')
    );
  return (
    <FormDialog
      title={t('petitions.paper.signature.title')}
      submitLabel={t('petitions.paper.signature.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField name="name" label={t('petitions.paper.name')} value={v.name} onChange={set('name')} error={errors.name} required />
      <TextField
        name="birthDate"
        type="date"
        label={t('petitions.paper.birthDate')}
        value={v.birthDate}
        onChange={set('birthDate')}
        error={errors.birthDate}
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
        name="territoryCode"
        label={t('petitions.paper.territoryCode')}
        hint={t('petitions.paper.territoryCode.hint')}
        value={v.territoryCode}
        onChange={set('territoryCode')}
        error={errors.territoryCode}
      />
      <TextField
        name="provenance"
        label={t('petitions.paper.provenance')}
        hint={t('petitions.paper.provenance.hint')}
        value={v.provenance}
        onChange={set('provenance')}
        error={errors.provenance}
        required
      />
      <Checkbox checked={v.showName} onCheckedChange={(c: boolean | 'indeterminate') => setV((x) => ({ ...x, showName: c === true }))}>
        {t('petitions.paper.showName')}
      </Checkbox>
    </FormDialog>
  );
}
