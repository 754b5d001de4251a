import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, Grid, IconButton, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { useField } from '@strapi/strapi/admin';
import { asArray, useNestedErrors } from './errors';
import { DateTimeText } from './DateTimeText';
import { ConsultationTemplates } from './ConsultationTemplates';
import { useT } from '../utils/useT';

type Kind = 'information' | 'contribution' | 'vote' | 'analysis';
type Ability = 'allowContributions' | 'allowSupports' | 'allowComments';
type Phase = { kind: Kind; title: string; description?: string; startsAt: string; endsAt: string } & Partial<Record<Ability, boolean>>;

const KINDS: Kind[] = ['information', 'contribution', 'vote', 'analysis'];
const ABILITIES: Ability[] = ['allowContributions', 'allowSupports', 'allowComments'];
/** By kind, what a phase enables unless it says otherwise (the server's rule, shown as the checkboxes' default). */
const DEFAULTS: Record<Kind, Record<Ability, boolean>> = {
  information: { allowContributions: false, allowSupports: false, allowComments: false },
  contribution: { allowContributions: true, allowSupports: true, allowComments: true },
  vote: { allowContributions: false, allowSupports: true, allowComments: true },
  analysis: { allowContributions: false, allowSupports: false, allowComments: false },
};

type Props = { name: string; label?: string; hint?: React.ReactNode; disabled?: boolean; required?: boolean };

/** The consultation's phases as a form: an ordered list of named, dated steps saying what citizens may do. */
export function PhasesInput({ name, label, hint, disabled }: Props) {
  const t = useT();
  const field = useField(name);
  const errors = useNestedErrors(name);
  const phases = asArray<Phase>(field.value);
  const set = (next: Phase[]) => field.onChange(name, next.length ? next : null);
  const update = (i: number, patch: Partial<Phase>) => set(phases.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const move = (i: number, by: number) => {
    const next = [...phases];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    set(next);
  };
  const add = () => {
    const last = phases[phases.length - 1];
    const start = last ? new Date(last.endsAt) : new Date();
    const end = new Date(start.getTime() + 14 * 86_400_000);
    set([...phases, { kind: 'contribution', title: '', startsAt: start.toISOString(), endsAt: end.toISOString() }]);
  };
  const errorOf = (i: number, key: string) => errors[`${name}.${i}.${key}`];
  const generalError = field.error ?? errors[name];

  return (
    <Field.Root name={name} error={generalError} hint={hint} id={`${name}-field`}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Field.Label>{label ?? t('phases.label')}</Field.Label>
        {disabled ? null : <ConsultationTemplates phasesField={name} replacing={phases.length > 0} />}
        {phases.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {t('phases.empty')}
          </Typography>
        ) : null}
        {phases.map((phase, i) => {
          const abilities = { ...DEFAULTS[phase.kind], ...Object.fromEntries(ABILITIES.filter((a) => phase[a] !== undefined).map((a) => [a, phase[a]])) };
          return (
            <Box key={i} padding={4} hasRadius borderColor="neutral200" background="neutral100" data-phase={i}>
              <Flex justifyContent="space-between" paddingBottom={2}>
                <Typography variant="delta" tag="h3">
                  {t('phases.item', { n: i + 1 })}
                </Typography>
                <Flex gap={1}>
                  <IconButton label={t('phases.up', { n: i + 1 })} disabled={disabled || i === 0} onClick={() => move(i, -1)} variant="ghost">
                    <ArrowUp />
                  </IconButton>
                  <IconButton label={t('phases.down', { n: i + 1 })} disabled={disabled || i === phases.length - 1} onClick={() => move(i, 1)} variant="ghost">
                    <ArrowDown />
                  </IconButton>
                  <IconButton
                    label={t('phases.remove', { n: i + 1 })}
                    disabled={disabled}
                    onClick={() => set(phases.filter((_, j) => j !== i))}
                    variant="ghost"
                  >
                    <Trash />
                  </IconButton>
                </Flex>
              </Flex>
              <Grid.Root gap={3}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name={`${name}.${i}.kind`} error={errorOf(i, 'kind')}>
                    <Field.Label>{t('phases.kind')}</Field.Label>
                    <SingleSelect
                      value={phase.kind}
                      disabled={disabled}
                      onChange={(v) => update(i, { kind: v as Kind, allowContributions: undefined, allowSupports: undefined, allowComments: undefined })}
                    >
                      {KINDS.map((k) => (
                        <SingleSelectOption key={k} value={k}>
                          {t(`phases.kind.${k}`)}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                  <Field.Root name={`${name}.${i}.title`} error={errorOf(i, 'title')} required>
                    <Field.Label>{t('phases.title')}</Field.Label>
                    <TextInput
                      value={phase.title}
                      disabled={disabled}
                      maxLength={120}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) => update(i, { title: e.target.value })}
                    />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <DateTimeText
                    name={`${name}.${i}.startsAt`}
                    label={t('phases.startsAt')}
                    value={phase.startsAt}
                    error={errorOf(i, 'startsAt')}
                    disabled={disabled}
                    required
                    onChange={(v) => update(i, { startsAt: v ?? '' })}
                  />
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <DateTimeText
                    name={`${name}.${i}.endsAt`}
                    label={t('phases.endsAt')}
                    value={phase.endsAt}
                    error={errorOf(i, 'endsAt')}
                    disabled={disabled}
                    required
                    onChange={(v) => update(i, { endsAt: v ?? '' })}
                  />
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Flex gap={4} wrap="wrap" role="group" aria-label={t('phases.abilities', { n: i + 1 })}>
                    {ABILITIES.map((a) => (
                      <Checkbox
                        key={a}
                        checked={abilities[a]}
                        disabled={disabled}
                        onCheckedChange={(checked: boolean | 'indeterminate') => update(i, { [a]: checked === true })}
                      >
                        {t(`phases.${a}`)}
                      </Checkbox>
                    ))}
                  </Flex>
                </Grid.Item>
              </Grid.Root>
            </Box>
          );
        })}
        <Box>
          <Button variant="secondary" startIcon={<Plus />} disabled={disabled || phases.length >= 12} onClick={add}>
            {t('phases.add')}
          </Button>
        </Box>
        <Field.Hint />
        <Field.Error />
      </Flex>
    </Field.Root>
  );
}

export default PhasesInput;
