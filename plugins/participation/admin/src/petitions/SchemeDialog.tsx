import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { useT } from '../utils/useT';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { TRIGGERS, type Grouping, type Scheme, type Stage } from './types';

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

type StageDraft = {
  key: string;
  label: string;
  mode: 'count' | 'ratio';
  amount: string;
  withinDays: string;
  minTerritories: string;
  perTerritory: string;
  triggers: string;
};

const draftOf = (s: Stage): StageDraft => ({
  key: s.key,
  label: s.label,
  mode: s.populationRatio ? 'ratio' : 'count',
  amount: String(s.populationRatio ?? s.signatures ?? ''),
  withinDays: String(s.withinDays),
  minTerritories: s.minTerritories ? String(s.minTerritories) : '',
  perTerritory: s.perTerritory ? String(s.perTerritory) : '',
  triggers: s.triggers,
});

const stageOf = (d: StageDraft) => ({
  key: d.key.trim(),
  label: d.label.trim(),
  ...(d.mode === 'ratio' ? { populationRatio: num(d.amount) } : { signatures: num(d.amount) }),
  withinDays: num(d.withinDays),
  ...(num(d.minTerritories) !== undefined ? { minTerritories: num(d.minTerritories) } : {}),
  ...(num(d.perTerritory) !== undefined ? { perTerritory: num(d.perTerritory) } : {}),
  triggers: d.triggers,
});

/** A scheme's settings: what the public reads (criteria), who may sign, its grouping, retention, and its threshold stages. */
export function SchemeDialog({ scheme, groupings, onClose }: { scheme: Scheme | null; groupings: Grouping[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const [v, setV] = React.useState({
    name: scheme?.name ?? '',
    slug: scheme?.slug ?? '',
    kind: scheme?.kind ?? 'petition',
    description: scheme?.description ?? '',
    criteria: scheme?.criteria ?? '',
    minimumAge: String(scheme?.minimumAge ?? 16),
    groupingKey: scheme?.groupingKey ?? '',
    retentionDays: String(scheme?.retentionDays ?? 365),
    acceptsPetitions: scheme?.acceptsPetitions ?? true,
  });
  const [stages, setStages] = React.useState<StageDraft[]>(
    scheme?.stages.map(draftOf) ?? [
      { key: 'dialogue', label: '', mode: 'count', amount: '100', withinDays: '90', minTerritories: '', perTerritory: '', triggers: 'dialogue_meeting' },
    ]
  );
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const setStage = (i: number, k: keyof StageDraft) => (value: string) => setStages((all) => all.map((s, j) => (j === i ? { ...s, [k]: value } : s)));
  const submit = () => {
    const body = {
      name: v.name.trim(),
      slug: v.slug.trim(),
      kind: v.kind,
      description: v.description.trim() || null,
      criteria: v.criteria.trim() || null,
      minimumAge: num(v.minimumAge),
      groupingKey: v.groupingKey || null,
      retentionDays: num(v.retentionDays),
      acceptsPetitions: v.acceptsPetitions,
      stages: stages.map(stageOf),
    };
    run(
      () => (scheme ? put(`/participation/petition-schemes/${scheme.documentId}`, body) : post('/participation/petition-schemes', body)),
      t('petitions.scheme.saved')
    );
  };
  return (
    <FormDialog
      title={t(scheme ? 'petitions.scheme.edit' : 'petitions.scheme.new')}
      submitLabel={t('petitions.scheme.save')}
      busy={busy}
      error={errors.form ?? errors.stages}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField name="name" label={t('petitions.scheme.name')} value={v.name} onChange={set('name')} error={errors.name} required />
      <TextField
        name="slug"
        label={t('petitions.scheme.slug')}
        hint={t('petitions.scheme.slug.hint')}
        value={v.slug}
        onChange={set('slug')}
        error={errors.slug}
        required
      />
      <Field.Root name="kind" required>
        <Field.Label>{t('petitions.scheme.kind')}</Field.Label>
        <SingleSelect value={v.kind} onChange={(x: string | number) => set('kind')(String(x))}>
          <SingleSelectOption value="petition">{t('petitions.scheme.kind.petition')}</SingleSelectOption>
          <SingleSelectOption value="interpellation">{t('petitions.scheme.kind.interpellation')}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <TextField
        name="description"
        label={t('petitions.scheme.description')}
        value={v.description}
        onChange={set('description')}
        error={errors.description}
        multiline
      />
      <TextField
        name="criteria"
        label={t('petitions.scheme.criteria')}
        hint={t('petitions.scheme.criteria.hint')}
        value={v.criteria}
        onChange={set('criteria')}
        error={errors.criteria}
        multiline
      />
      <Flex gap={4}>
        <TextField
          name="minimumAge"
          type="number"
          label={t('petitions.scheme.minimumAge')}
          value={v.minimumAge}
          onChange={set('minimumAge')}
          error={errors.minimumAge}
          required
        />
        <TextField
          name="retentionDays"
          type="number"
          label={t('petitions.scheme.retentionDays')}
          hint={t('petitions.scheme.retentionDays.hint')}
          value={v.retentionDays}
          onChange={set('retentionDays')}
          error={errors.retentionDays}
          required
        />
      </Flex>
      <Field.Root name="groupingKey" error={errors.groupingKey} hint={t('petitions.scheme.grouping.hint')}>
        <Field.Label>{t('petitions.scheme.grouping')}</Field.Label>
        <SingleSelect value={v.groupingKey} onChange={(x: string | number) => set('groupingKey')(String(x))}>
          <SingleSelectOption value="">{t('petitions.scheme.grouping.none')}</SingleSelectOption>
          {groupings.map((g) => (
            <SingleSelectOption key={g.key} value={g.key}>{`${g.name} (${g.territoriesCount})`}</SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Checkbox checked={v.acceptsPetitions} onCheckedChange={(c: boolean | 'indeterminate') => setV((x) => ({ ...x, acceptsPetitions: c === true }))}>
        {t('petitions.scheme.accepts')}
      </Checkbox>
      <Typography variant="delta" tag="h3">
        {t('petitions.scheme.stages')}
      </Typography>
      {stages.map((s, i) => (
        <Box key={i} padding={3} hasRadius borderColor="neutral200" data-testid="stage-editor">
          <Flex justifyContent="space-between">
            <Typography fontWeight="bold">{t('petitions.scheme.stage', { n: i + 1 })}</Typography>
            <IconButton
              label={t('petitions.scheme.stage.remove', { n: i + 1 })}
              onClick={() => setStages((all) => all.filter((_, j) => j !== i))}
              disabled={stages.length === 1}
            >
              <Trash />
            </IconButton>
          </Flex>
          <Flex gap={2} wrap="wrap" alignItems="flex-start">
            <TextField name={`stages.${i}.key`} label={t('petitions.stage.key')} value={s.key} onChange={setStage(i, 'key')} required />
            <TextField name={`stages.${i}.label`} label={t('petitions.stage.label')} value={s.label} onChange={setStage(i, 'label')} required />
            <Field.Root name={`stages.${i}.mode`}>
              <Field.Label>{t('petitions.stage.mode')}</Field.Label>
              <SingleSelect value={s.mode} onChange={(x: string | number) => setStage(i, 'mode')(String(x))}>
                <SingleSelectOption value="count">{t('petitions.stage.mode.count')}</SingleSelectOption>
                <SingleSelectOption value="ratio">{t('petitions.stage.mode.ratio')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
            <TextField
              name={`stages.${i}.amount`}
              label={t(s.mode === 'ratio' ? 'petitions.stage.ratio' : 'petitions.stage.signatures')}
              value={s.amount}
              onChange={setStage(i, 'amount')}
              required
            />
            <TextField
              name={`stages.${i}.withinDays`}
              type="number"
              label={t('petitions.stage.withinDays')}
              value={s.withinDays}
              onChange={setStage(i, 'withinDays')}
              required
            />
            <TextField
              name={`stages.${i}.minTerritories`}
              type="number"
              label={t('petitions.stage.minTerritories')}
              value={s.minTerritories}
              onChange={setStage(i, 'minTerritories')}
            />
            <TextField
              name={`stages.${i}.perTerritory`}
              type="number"
              label={t('petitions.stage.perTerritory')}
              value={s.perTerritory}
              onChange={setStage(i, 'perTerritory')}
            />
            <Field.Root name={`stages.${i}.triggers`}>
              <Field.Label>{t('petitions.stage.triggers')}</Field.Label>
              <SingleSelect value={s.triggers} onChange={(x: string | number) => setStage(i, 'triggers')(String(x))}>
                {TRIGGERS.map((tr) => (
                  <SingleSelectOption key={tr} value={tr}>
                    {t(`petitions.trigger.${tr}`)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Flex>
        </Box>
      ))}
      <Box>
        <Button
          variant="secondary"
          onClick={() =>
            setStages((all) => [
              ...all,
              {
                key: `etape-${all.length + 1}`,
                label: '',
                mode: 'count',
                amount: '',
                withinDays: '365',
                minTerritories: '',
                perTerritory: '',
                triggers: 'official_answer',
              },
            ])
          }
        >
          {t('petitions.scheme.stage.add')}
        </Button>
      </Box>
    </FormDialog>
  );
}
