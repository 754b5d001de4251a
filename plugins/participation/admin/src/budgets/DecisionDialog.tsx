import * as React from 'react';
import { Checkbox, Field, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { Errors, Project } from './model';

export function DecisionDialog({ project, others, onClose }: { project: Project; others: Project[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const options: string[] = project.decisions.map((d) => d.decision);
  const [v, setV] = React.useState({
    decision: options[0] ?? '',
    reason: '',
    revisedCost: '',
    mergeInto: '',
    assignedService: project.assignedService ?? '',
    analysis: project.analysis ?? '',
  });
  const [committee, setCommittee] = React.useState(false);
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post(`/participation/budget-projects/${project.documentId}/decisions`, {
          decision: v.decision,
          ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
          ...(v.revisedCost.trim() ? { revisedCost: Number(v.revisedCost) } : {}),
          ...(v.decision === 'merge' ? { mergeInto: v.mergeInto } : {}),
          ...(v.assignedService.trim() ? { assignedService: v.assignedService.trim() } : {}),
          ...(v.analysis.trim() ? { analysis: v.analysis.trim() } : {}),
          committee,
        }),
      t('budgets.decision.done')
    );
  return (
    <FormDialog
      title={t('budgets.decision.title')}
      submitLabel={t('budgets.decision.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Typography fontWeight="bold">{project.title}</Typography>
      <Typography variant="pi" tag="p">
        {project.description}
      </Typography>
      <Field.Root name="decision" required>
        <Field.Label>{t('budgets.decision.label')}</Field.Label>
        <SingleSelect value={v.decision} onChange={(x: string | number) => set('decision')(String(x))}>
          {options.map((o) => (
            <SingleSelectOption key={o} value={o}>
              {t(`budgets.decision.${o}` as 'budgets.decision.publish')}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {v.decision === 'merge' ? (
        <Field.Root name="mergeInto" required error={errors.mergeInto}>
          <Field.Label>{t('budgets.decision.mergeInto')}</Field.Label>
          <SingleSelect value={v.mergeInto} onChange={(x: string | number) => set('mergeInto')(String(x))}>
            {others.map((o) => (
              <SingleSelectOption key={o.documentId} value={o.documentId}>
                {o.title}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
      ) : null}
      <TextField name="assignedService" label={t('budgets.decision.assignedService')} value={v.assignedService} onChange={set('assignedService')} />
      <TextField
        name="analysis"
        label={t('budgets.decision.analysis')}
        hint={t('budgets.decision.analysis.hint')}
        value={v.analysis}
        onChange={set('analysis')}
        multiline
      />
      {v.decision === 'admissible' ? (
        <TextField
          name="revisedCost"
          type="number"
          label={t('budgets.decision.revisedCost')}
          value={v.revisedCost}
          onChange={set('revisedCost')}
          error={errors.revisedCost}
        />
      ) : null}
      <TextField
        name="reason"
        label={t('budgets.decision.reason')}
        hint={t('budgets.decision.reason.hint')}
        value={v.reason}
        onChange={set('reason')}
        error={errors.reason}
        multiline
        required={!!project.decisions.find((d) => d.decision === v.decision)?.reasonRequired}
      />
      <Checkbox checked={committee} onCheckedChange={(c: boolean | 'indeterminate') => setCommittee(c === true)}>
        {t('budgets.decision.committee')}
      </Checkbox>
    </FormDialog>
  );
}
