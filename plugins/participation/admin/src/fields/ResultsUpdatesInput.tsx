import * as React from 'react';
import { Box, Button, DatePicker, Field, Flex, Grid, IconButton, Textarea, TextInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useField } from '@strapi/strapi/admin';
import { asArray, useNestedErrors } from './errors';
import { useT } from '../utils/useT';

type Update = { date: string; title: string; text: string };
type Props = { name: string; label?: string; hint?: React.ReactNode; disabled?: boolean };

/** A calendar day as the server stores it (AAAA-MM-JJ), from the picker's local date. */
const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const dateOf = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00`) : undefined);

/** « Et ensuite » : dated updates on what became of the results, newest first once published. */
export function ResultsUpdatesInput({ name, label, hint, disabled }: Props) {
  const t = useT();
  const field = useField(name);
  const errors = useNestedErrors(name);
  const updates = asArray<Update>(field.value);
  const set = (next: Update[]) => field.onChange(name, next.length ? next : null);
  const update = (i: number, patch: Partial<Update>) => set(updates.map((u, j) => (j === i ? { ...u, ...patch } : u)));
  const errorOf = (i: number, key: string) => errors[`${name}.${i}.${key}`];

  return (
    <Field.Root name={name} error={field.error ?? errors[name]} hint={hint}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Field.Label>{label ?? t('resultsUpdates.label')}</Field.Label>
        {updates.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {t('resultsUpdates.empty')}
          </Typography>
        ) : null}
        {updates.map((u, i) => (
          <Box key={i} padding={4} hasRadius borderColor="neutral200" background="neutral100" data-update={i}>
            <Flex justifyContent="space-between" paddingBottom={2}>
              <Typography variant="delta" tag="h3">
                {t('resultsUpdates.item', { n: i + 1 })}
              </Typography>
              <IconButton
                label={t('resultsUpdates.remove', { n: i + 1 })}
                disabled={disabled}
                variant="ghost"
                onClick={() => set(updates.filter((_, j) => j !== i))}
              >
                <Trash />
              </IconButton>
            </Flex>
            <Grid.Root gap={3}>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name={`${name}.${i}.date`} error={errorOf(i, 'date')} required>
                  <Field.Label>{t('resultsUpdates.date', { n: i + 1 })}</Field.Label>
                  <DatePicker
                    value={dateOf(u.date)}
                    disabled={disabled}
                    clearLabel={t('phases.clearDate')}
                    onChange={(d?: Date) => d && update(i, { date: dayOf(d) })}
                  />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                <Field.Root name={`${name}.${i}.title`} error={errorOf(i, 'title')} required>
                  <Field.Label>{t('resultsUpdates.title', { n: i + 1 })}</Field.Label>
                  <TextInput
                    value={u.title}
                    disabled={disabled}
                    maxLength={160}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => update(i, { title: e.target.value })}
                  />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name={`${name}.${i}.text`} error={errorOf(i, 'text')} required>
                  <Field.Label>{t('resultsUpdates.text', { n: i + 1 })}</Field.Label>
                  <Textarea
                    value={u.text}
                    disabled={disabled}
                    maxLength={5000}
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => update(i, { text: e.target.value })}
                  />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Box>
        ))}
        <Box>
          <Button
            variant="secondary"
            startIcon={<Plus />}
            disabled={disabled || updates.length >= 50}
            onClick={() => set([...updates, { date: dayOf(new Date()), title: '', text: '' }])}
          >
            {t('resultsUpdates.add')}
          </Button>
        </Box>
        <Field.Hint />
        <Field.Error />
      </Flex>
    </Field.Root>
  );
}

export default ResultsUpdatesInput;
