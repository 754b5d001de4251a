import * as React from 'react';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { useT } from '../utils/useT';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { type Scheme } from './types';
import { CommuneField } from '../components/CommuneField';

export function PaperPetitionDialog({ schemes, onClose }: { schemes: Scheme[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({
    scheme: schemes[0]?.slug ?? '',
    title: '',
    body: '',
    authorKind: 'citizen',
    authorName: '',
    provenance: '',
    communeCode: '',
  });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post('/participation/petitions', {
          scheme: v.scheme,
          title: v.title.trim(),
          body: v.body.trim(),
          authorKind: v.authorKind,
          authorName: v.authorName.trim(),
          provenance: v.provenance.trim(),
          ...(v.communeCode.trim() ? { communeCode: v.communeCode.trim() } : {}),
        }),
      t('petitions.paper.petition.done')
    );
  return (
    <FormDialog
      title={t('petitions.paper.petition.title')}
      submitLabel={t('petitions.paper.petition.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Field.Root name="scheme" required error={errors.scheme}>
        <Field.Label>{t('petitions.column.scheme')}</Field.Label>
        <SingleSelect value={v.scheme} onChange={(x: string | number) => set('scheme')(String(x))}>
          {schemes.map((s) => (
            <SingleSelectOption key={s.slug} value={s.slug}>
              {s.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
      </Field.Root>
      <TextField name="title" label={t('petitions.field.title')} value={v.title} onChange={set('title')} error={errors.title} required />
      <TextField name="body" label={t('petitions.field.body')} value={v.body} onChange={set('body')} error={errors.body} multiline required />
      <Field.Root name="authorKind" required>
        <Field.Label>{t('petitions.field.authorKind')}</Field.Label>
        <SingleSelect value={v.authorKind} onChange={(x: string | number) => set('authorKind')(String(x))}>
          {(['citizen', 'association', 'collective'] as const).map((k) => (
            <SingleSelectOption key={k} value={k}>
              {t(`petitions.authorKind.${k}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
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
      <CommuneField
        name="communeCode"
        label={t('petitions.paper.communeCode')}
        value={v.communeCode}
        onChange={set('communeCode')}
        error={errors.communeCode}
      />
    </FormDialog>
  );
}
