import * as React from 'react';
import { Box, Button, Field, Flex, Grid, IconButton, TextInput } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useFetchClient, useField } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import type { Envelope, LifecycleState } from '../api/types';
import { asArray, useNestedErrors } from './errors';
import { useT } from '../utils/useT';

type Figure = { label: string; value: string | number; unit?: string };
type Props = { name: string; label?: string; hint?: React.ReactNode; disabled?: boolean };

/**
 * What staff type is kept as typed; the server stores « 3,5 » or « 1 240 » as a number when the form is saved.
 * A stored number shown the French way (3,5 ; 1 240), which the server reads back as the same number. */
const shown = (value: string | number | undefined) => (typeof value === 'number' ? value.toLocaleString('fr-FR', { maximumFractionDigits: 6 }) : (value ?? ''));

/** The results' key figures as a list of label, value and unit. */
export function KeyFiguresInput({ name, label, hint, disabled }: Props) {
  const t = useT();
  const field = useField(name);
  const errors = useNestedErrors(name);
  const figures = asArray<Figure>(field.value);
  const set = (next: Figure[]) => field.onChange(name, next.length ? next : null);
  const update = (i: number, patch: Partial<Figure>) =>
    set(
      figures
        .map((f, j) => (j === i ? (Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as Figure) : f))
        .map((f) => ({ label: f.label ?? '', value: f.value ?? '', ...(f.unit ? { unit: f.unit } : {}) }))
    );
  const errorOf = (i: number, key: string) => errors[`${name}.${i}.${key}`];
  const fromCounts = useParticipationFigures();

  return (
    <Field.Root name={name} error={field.error ?? errors[name]} hint={hint}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Field.Label>{label ?? t('keyFigures.label')}</Field.Label>
        {figures.map((figure, i) => (
          <Box key={i} data-figure={i}>
            <Grid.Root gap={2}>
              <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                <Field.Root name={`${name}.${i}.label`} error={errorOf(i, 'label')} required>
                  <Field.Label>{t('keyFigures.figureLabel', { n: i + 1 })}</Field.Label>
                  <TextInput
                    value={figure.label}
                    disabled={disabled}
                    maxLength={120}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => update(i, { label: e.target.value })}
                  />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
                <Field.Root name={`${name}.${i}.value`} error={errorOf(i, 'value')} required>
                  <Field.Label>{t('keyFigures.value', { n: i + 1 })}</Field.Label>
                  <TextInput
                    value={shown(figure.value)}
                    disabled={disabled}
                    maxLength={40}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => update(i, { value: e.target.value })}
                  />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={5} direction="column" alignItems="stretch">
                <Field.Root name={`${name}.${i}.unit`} error={errorOf(i, 'unit')}>
                  <Field.Label>{t('keyFigures.unit', { n: i + 1 })}</Field.Label>
                  <TextInput
                    value={figure.unit ?? ''}
                    disabled={disabled}
                    maxLength={20}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => update(i, { unit: e.target.value })}
                  />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={1} s={1} alignItems="end">
                <IconButton
                  label={t('keyFigures.remove', { n: i + 1 })}
                  disabled={disabled}
                  variant="ghost"
                  onClick={() => set(figures.filter((_, j) => j !== i))}
                >
                  <Trash />
                </IconButton>
              </Grid.Item>
            </Grid.Root>
          </Box>
        ))}
        <Flex gap={2} wrap="wrap">
          <Button
            variant="secondary"
            startIcon={<Plus />}
            disabled={disabled || figures.length >= 20}
            onClick={() => set([...figures, { label: '', value: '' }])}
          >
            {t('keyFigures.add')}
          </Button>
          {fromCounts ? (
            <Button
              variant="tertiary"
              disabled={disabled}
              onClick={async () => {
                const counted = await fromCounts();
                if (counted) set([...figures.filter((f) => !counted.some((c) => c.label === f.label)), ...counted].slice(0, 20));
              }}
            >
              {t('keyFigures.fromCounts')}
            </Button>
          ) : null}
        </Flex>
        <Field.Hint />
        <Field.Error />
      </Flex>
    </Field.Root>
  );
}

/**
 * The consultation's own counts as key figures (participants, contributions, supports), read from the server when
 * the edit view shows a saved consultation; null on a new one.
 */
function useParticipationFigures() {
  const t = useT();
  const { get } = useFetchClient();
  const { id } = useParams<{ id?: string }>();
  if (!id || id === 'create') return null;
  return async (): Promise<Figure[] | null> => {
    try {
      const { data } = await get<Envelope<LifecycleState>>(`/participation/consultations/${id}/lifecycle`);
      const { participants, contributions, supports } = data.data.counts;
      return [
        { label: t('keyFigures.participants'), value: participants },
        { label: t('keyFigures.contributions'), value: contributions },
        { label: t('keyFigures.supports'), value: supports },
      ];
    } catch {
      return null;
    }
  };
}

export default KeyFiguresInput;
