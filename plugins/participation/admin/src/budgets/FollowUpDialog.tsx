import * as React from 'react';
import { Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { Errors, Project } from './model';

type FollowUpStatus = NonNullable<Project['followUpStatus']>;
const FOLLOW_UP_STATUSES: FollowUpStatus[] = ['planned', 'in_study', 'in_progress', 'delivered', 'abandoned'];

export function FollowUpDialog({ project, onClose }: { project: Project; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { put } = useFetchClient();
  const [status, setStatus] = React.useState<FollowUpStatus>(project.followUpStatus ?? 'planned');
  const [milestones, setMilestones] = React.useState(project.milestones);
  const [next, setNext] = React.useState({ date: '', label: '' });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const submit = () => {
    const all = next.date && next.label.trim() ? [...milestones, { date: next.date, label: next.label.trim(), done: false }] : milestones;
    run(() => put(`/participation/budget-projects/${project.documentId}/follow-up`, { status, milestones: all }), t('budgets.followUp.saved'));
  };
  return (
    <FormDialog
      title={t('budgets.followUp.title')}
      submitLabel={t('budgets.followUp.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Typography fontWeight="bold">{project.title}</Typography>
      <Field.Root name="status">
        <Field.Label>{t('budgets.followUp.status')}</Field.Label>
        <SingleSelect value={status} onChange={(x: string | number) => setStatus(String(x) as FollowUpStatus)}>
          {FOLLOW_UP_STATUSES.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {t(`budgets.followUp.${s}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {milestones.map((m, i) => (
        <Checkbox
          key={i}
          checked={m.done}
          onCheckedChange={(c: boolean | 'indeterminate') => setMilestones((x) => x.map((y, j) => (j === i ? { ...y, done: c === true } : y)))}
        >
          {`${m.date} — ${m.label}`}
        </Checkbox>
      ))}
      <Flex gap={2}>
        <TextField
          name="milestoneDate"
          type="date"
          label={t('budgets.followUp.milestoneDate')}
          value={next.date}
          onChange={(x) => setNext((y) => ({ ...y, date: x }))}
        />
        <TextField
          name="milestoneLabel"
          label={t('budgets.followUp.milestoneLabel')}
          value={next.label}
          onChange={(x) => setNext((y) => ({ ...y, label: x }))}
        />
      </Flex>
    </FormDialog>
  );
}
