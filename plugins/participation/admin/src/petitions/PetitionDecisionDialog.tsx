import * as React from 'react';
import { Field, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { PetitionDetail as Detail } from './types';

export function PetitionDecisionDialog({ petition, onClose }: { petition: Detail; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const options: string[] = petition.decisions.map((d) => d.decision);
  const [decision, setDecision] = React.useState(options[0] ?? '');
  const [reason, setReason] = React.useState('');
  const [forwardedTo, setForwardedTo] = React.useState('');
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const submit = () => {
    if (petition.decisions.find((d) => d.decision === decision)?.reasonRequired && !reason.trim())
      return setErrors({ reason: t('petitions.decision.reason.required') });
    if (decision === 'forward' && !forwardedTo.trim()) return setErrors({ forwardedTo: t('petitions.decision.forwardedTo.required') });
    run(
      () =>
        post(`/participation/petitions/${petition.documentId}/decisions`, {
          decision,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(decision === 'forward' ? { forwardedTo: forwardedTo.trim() } : {}),
        }),
      t('petitions.decision.done')
    );
  };
  return (
    <FormDialog
      title={t('petitions.decision.title')}
      submitLabel={t('petitions.decision.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Typography fontWeight="bold">{petition.title}</Typography>
      <Field.Root name="decision" required>
        <Field.Label>{t('petitions.decision.label')}</Field.Label>
        <SingleSelect value={decision} onChange={(v: string | number) => setDecision(String(v))}>
          {options.map((o) => (
            <SingleSelectOption key={o} value={o}>
              {t(`petitions.decision.${o}` as 'petitions.decision.admissible')}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {petition.scheme.criteria ? (
        <Typography variant="pi" textColor="neutral600">{`${t('petitions.scheme.criteria')} : ${petition.scheme.criteria}`}</Typography>
      ) : null}
      {decision === 'forward' ? (
        <TextField
          name="forwardedTo"
          label={t('petitions.decision.forwardedTo')}
          value={forwardedTo}
          onChange={setForwardedTo}
          error={errors.forwardedTo}
          required
        />
      ) : null}
      <TextField
        name="reason"
        label={t('petitions.decision.reason')}
        hint={t('petitions.decision.reason.hint')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        multiline
        required={!!petition.decisions.find((d) => d.decision === decision)?.reasonRequired}
      />
    </FormDialog>
  );
}
