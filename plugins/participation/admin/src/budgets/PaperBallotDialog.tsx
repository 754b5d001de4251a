import * as React from 'react';
import { Box, Checkbox, Field, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { serverFieldErrors, type AdminAnswer } from '../api/types';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit } from '../components/FormFields';
import { useT } from '../utils/useT';
import { CommuneField } from '../components/CommuneField';
import { Detail, Errors, euros } from './model';

export function PaperBallotDialog({ detail, onClose }: { detail: Detail; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({ pollingPlace: '', fullName: '', birthDate: '', communeCode: '', link: 'live', rejectionReason: '' });
  const [choices, setChoices] = React.useState<string[]>([]);
  const [blank, setBlank] = React.useState(false);
  const [errors, setErrors] = React.useState<Errors>({});
  // Nested fields (declaration.fullName…) are shown under the field of the same name.
  const { busy, run } = useSubmit(
    setErrors,
    () => onClose(true),
    (error) => serverFieldErrors(error, 'last')
  );
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post<AdminAnswer<'/budgets/{documentId}/paper-ballots', 'post'>>(`/participation/budgets/${detail.documentId}/paper-ballots`, {
          pollingPlace: v.pollingPlace.trim(),
          blank,
          choices: blank ? [] : choices,
          declaration: { fullName: v.fullName.trim(), birthDate: v.birthDate, communeCode: v.communeCode.trim(), link: v.link },
          ...(v.rejectionReason.trim() ? { rejectionReason: v.rejectionReason.trim() } : {}),
        }),
      (res) => {
        const outcome = res.data.data.outcome;
        return { type: outcome === 'counted' ? 'success' : 'warning', message: t(`budgets.paper.outcome.${outcome}`) };
      }
    );
  const admissible = detail.projects.filter((p) => p.status === 'admissible');
  return (
    <FormDialog
      title={t('budgets.paper.ballot.title')}
      submitLabel={t('budgets.paper.ballot.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField
        name="pollingPlace"
        label={t('budgets.paper.pollingPlace')}
        value={v.pollingPlace}
        onChange={set('pollingPlace')}
        error={errors.pollingPlace}
        required
      />
      <TextField name="fullName" label={t('petitions.paper.name')} value={v.fullName} onChange={set('fullName')} error={errors.fullName} required />
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
      <Field.Root name="link">
        <Field.Label>{t('budgets.settings.eligibilityLinks')}</Field.Label>
        <SingleSelect value={v.link} onChange={(x: string | number) => set('link')(String(x))}>
          {(['live', 'work', 'study'] as const).map((l) => (
            <SingleSelectOption key={l} value={l}>
              {t(`budgets.link.${l}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Checkbox checked={blank} onCheckedChange={(c: boolean | 'indeterminate') => setBlank(c === true)}>
        {t('budgets.paper.blank')}
      </Checkbox>
      {!blank ? (
        <Box>
          <Typography variant="pi" fontWeight="bold" tag="p">
            {t('budgets.paper.choices')}
          </Typography>
          {admissible.map((p) => (
            <Checkbox
              key={p.documentId}
              checked={choices.includes(p.documentId)}
              onCheckedChange={(c: boolean | 'indeterminate') => setChoices((x) => (c === true ? [...x, p.documentId] : x.filter((y) => y !== p.documentId)))}
            >
              {`${p.title} (${euros(p.cost)})`}
            </Checkbox>
          ))}
          {errors.choices ? (
            <Typography role="alert" variant="pi" textColor="danger600">
              {errors.choices}
            </Typography>
          ) : null}
        </Box>
      ) : null}
      <TextField
        name="rejectionReason"
        label={t('budgets.paper.rejectionReason')}
        hint={t('budgets.paper.rejectionReason.hint')}
        value={v.rejectionReason}
        onChange={set('rejectionReason')}
      />
    </FormDialog>
  );
}
