import * as React from 'react';
import { Box, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit } from '../components/FormFields';
import { useT } from '../utils/useT';
import { DateTimeText } from '../fields/DateTimeText';
import { Errors, Process, toIso } from './model';

export function ProcessDialog({ process, onClose }: { process: Process | null; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const s = process?.settings;
  const [v, setV] = React.useState({
    name: process?.name ?? '',
    slug: process?.slug ?? '',
    description: process?.description ?? '',
    filingOpensAt: process?.filingOpensAt ?? '',
    filingClosesAt: process?.filingClosesAt ?? '',
    voteOpensAt: process?.voteOpensAt ?? '',
    voteClosesAt: process?.voteClosesAt ?? '',
    followUpAt: process?.followUpAt ?? '',
    envelope: String(s?.envelope ?? 2_000_000),
    minProjectCost: String(s?.minProjectCost ?? 1_000),
    maxProjectCost: String(s?.maxProjectCost ?? 50_000),
    method: s?.method ?? 'approval',
    minChoices: String(s?.minChoices ?? 3),
    maxChoices: String(s?.maxChoices ?? 10),
    minimumAge: String(s?.minimumAge ?? 16),
    groupingKey: s?.groupingKey ?? 'epci',
    territoryEnvelopes: (s?.territoryEnvelopes ?? []).map((e) => `${e.territoryCode} = ${e.amount}`).join('\n'),
    comments: s?.comments ?? 'closed',
  });
  const [flags, setFlags] = React.useState({
    oneWinnerPerTerritory: s?.oneWinnerPerTerritory ?? false,
    blankVoteAllowed: s?.blankVoteAllowed ?? true,
    showLiveCounts: s?.showLiveCounts ?? false,
  });
  const [links, setLinks] = React.useState<string[]>(s?.eligibilityLinks ?? ['live', 'work', 'study']);
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () => {
    const body = {
      name: v.name.trim(),
      slug: v.slug.trim(),
      description: v.description.trim() || null,
      filingOpensAt: toIso(v.filingOpensAt),
      filingClosesAt: toIso(v.filingClosesAt),
      voteOpensAt: toIso(v.voteOpensAt),
      voteClosesAt: toIso(v.voteClosesAt),
      followUpAt: v.followUpAt ? toIso(v.followUpAt) : null,
      settings: {
        envelope: Number(v.envelope),
        territoryEnvelopes: v.territoryEnvelopes
          .split('\n')
          .map((line) => line.split('=').map((x) => x.trim()))
          .filter(([code]) => !!code)
          .map(([code, amount]) => ({ territoryCode: code, amount: Number(String(amount ?? '').replace(/\s/g, '')) })),
        groupingKey: v.groupingKey || null,
        minProjectCost: Number(v.minProjectCost),
        maxProjectCost: Number(v.maxProjectCost),
        method: v.method,
        minChoices: Number(v.minChoices),
        maxChoices: Number(v.maxChoices),
        minimumAge: Number(v.minimumAge),
        eligibilityLinks: links,
        comments: v.comments,
        ...flags,
      },
    };
    run(() => (process ? put(`/participation/budgets/${process.documentId}`, body) : post('/participation/budgets', body)), t('budgets.saved'));
  };
  const flag = (k: keyof typeof flags) => (
    <Checkbox checked={flags[k]} onCheckedChange={(c: boolean | 'indeterminate') => setFlags((x) => ({ ...x, [k]: c === true }))}>
      {t(`budgets.settings.${k}`)}
    </Checkbox>
  );
  return (
    <FormDialog
      title={t(process ? 'budgets.edit' : 'budgets.new')}
      submitLabel={t('budgets.save')}
      busy={busy}
      error={errors.form ?? errors.settings}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField name="name" label={t('budgets.field.name')} value={v.name} onChange={set('name')} error={errors.name} required />
      <TextField
        name="slug"
        label={t('budgets.field.slug')}
        hint={t('petitions.scheme.slug.hint')}
        value={v.slug}
        onChange={set('slug')}
        error={errors.slug}
        required
      />
      <TextField name="description" label={t('budgets.field.description')} value={v.description} onChange={set('description')} multiline />
      <Typography variant="delta" tag="h3">
        {t('budgets.calendar')}
      </Typography>
      <Flex gap={2} wrap="wrap">
        {(['filingOpensAt', 'filingClosesAt', 'voteOpensAt', 'voteClosesAt', 'followUpAt'] as const).map((k) => (
          <Box key={k} minWidth="16rem" flex="1">
            <DateTimeText
              name={k}
              label={t(`budgets.field.${k}`)}
              value={v[k] || null}
              onChange={(next) => set(k)(next ?? '')}
              error={errors[k]}
              required={k !== 'followUpAt'}
            />
          </Box>
        ))}
      </Flex>
      <Typography variant="delta" tag="h3">
        {t('budgets.rules')}
      </Typography>
      <Flex gap={2} wrap="wrap">
        <TextField name="envelope" type="number" label={t('budgets.settings.envelope')} value={v.envelope} onChange={set('envelope')} required />
        <TextField
          name="minProjectCost"
          type="number"
          label={t('budgets.settings.minProjectCost')}
          value={v.minProjectCost}
          onChange={set('minProjectCost')}
          required
        />
        <TextField
          name="maxProjectCost"
          type="number"
          label={t('budgets.settings.maxProjectCost')}
          value={v.maxProjectCost}
          onChange={set('maxProjectCost')}
          required
        />
      </Flex>
      <Field.Root name="method">
        <Field.Label>{t('budgets.settings.method')}</Field.Label>
        <SingleSelect value={v.method} onChange={(x: string | number) => set('method')(String(x))}>
          <SingleSelectOption value="approval">{t('budgets.method.approval')}</SingleSelectOption>
          <SingleSelectOption value="knapsack">{t('budgets.method.knapsack')}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <Flex gap={2} wrap="wrap">
        <TextField name="minChoices" type="number" label={t('budgets.settings.minChoices')} value={v.minChoices} onChange={set('minChoices')} required />
        <TextField name="maxChoices" type="number" label={t('budgets.settings.maxChoices')} value={v.maxChoices} onChange={set('maxChoices')} required />
        <TextField name="minimumAge" type="number" label={t('budgets.settings.minimumAge')} value={v.minimumAge} onChange={set('minimumAge')} required />
      </Flex>
      <Box>
        <Typography variant="pi" fontWeight="bold" tag="p">
          {t('budgets.settings.eligibilityLinks')}
        </Typography>
        {(['live', 'work', 'study'] as const).map((l) => (
          <Checkbox
            key={l}
            checked={links.includes(l)}
            onCheckedChange={(c: boolean | 'indeterminate') => setLinks((x) => (c === true ? [...new Set([...x, l])] : x.filter((y) => y !== l)))}
          >
            {t(`budgets.link.${l}`)}
          </Checkbox>
        ))}
      </Box>
      <TextField
        name="groupingKey"
        label={t('budgets.settings.groupingKey')}
        hint={t('budgets.settings.groupingKey.hint')}
        value={v.groupingKey}
        onChange={set('groupingKey')}
      />
      <TextField
        name="territoryEnvelopes"
        label={t('budgets.settings.territoryEnvelopes')}
        hint={t('budgets.settings.territoryEnvelopes.hint')}
        value={v.territoryEnvelopes}
        onChange={set('territoryEnvelopes')}
        multiline
      />
      {flag('oneWinnerPerTerritory')}
      {flag('blankVoteAllowed')}
      {flag('showLiveCounts')}
      <Field.Root name="comments" hint={t('budgets.settings.comments.hint')}>
        <Field.Label>{t('budgets.settings.comments')}</Field.Label>
        <SingleSelect value={v.comments} onChange={(x: string | number) => set('comments')(String(x))}>
          {(['closed', 'a_priori', 'a_posteriori'] as const).map((mode) => (
            <SingleSelectOption key={mode} value={mode}>
              {t(`budgets.comments.${mode}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
      </Field.Root>
    </FormDialog>
  );
}
