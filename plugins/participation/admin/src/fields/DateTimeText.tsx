import * as React from 'react';
import { Field, TextInput, Typography } from '@strapi/design-system';
import { formatTypedDateTime, parseTypedDateTime, spelledDateTime } from '../../../shared/typed-dates';
import { useT } from '../utils/useT';
import { DateTimeAttributeInput } from './DateTimeAttributeInput';

type Props = {
  name: string;
  label: React.ReactNode;
  /** The stored value: an ISO instant, or what was typed when it names no date (the server then refuses it). */
  value: string | null | undefined;
  onChange: (next: string | null) => void;
  error?: string;
  hint?: React.ReactNode;
  disabled?: boolean;
  required?: boolean;
};

/**
 * A date and time typed as staff write them (« 15/01/2027 09:30 », any minute), with the date spelled out under
 * the field to check it (« vendredi 15 janvier 2027 à 09:30 »). Enter confirms the date instead of submitting the form (no stray draft).
 */
export function DateTimeText({ name, label, value, onChange, error, hint, disabled, required }: Props) {
  const t = useT();
  const [text, setText] = React.useState(() => formatTypedDateTime(value));
  // The value changed from outside (a template applied, the form reset or reloaded): the text follows.
  React.useEffect(() => {
    const typed = parseTypedDateTime(text);
    const same = value ? typed?.getTime() === new Date(value).getTime() || text === value : text.trim() === '';
    if (!same) setText(formatTypedDateTime(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change of the value resets the text
  }, [value]);

  const typed = parseTypedDateTime(text);
  const unreadable = text.trim() !== '' && !typed;
  const change = (next: string) => {
    setText(next);
    const date = parseTypedDateTime(next);
    onChange(next.trim() === '' ? null : date ? date.toISOString() : next);
  };
  const shownError = error ?? (unreadable ? t('dates.unreadable') : undefined);

  return (
    <Field.Root name={name} error={shownError} hint={hint ?? t('dates.format')} required={required}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        value={text}
        disabled={disabled}
        placeholder={t('dates.placeholder')}
        autoComplete="off"
        inputMode="text"
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => change(e.target.value)}
        onKeyDown={(e: React.KeyboardEvent<HTMLInputElement>) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (typed) setText(formatTypedDateTime(typed));
        }}
        onBlur={() => typed && setText(formatTypedDateTime(typed))}
      />
      {typed ? (
        <Typography variant="pi" textColor="neutral700" aria-live="polite" data-testid={`${name}-spelled`}>
          {spelledDateTime(typed)}
        </Typography>
      ) : null}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

export default DateTimeAttributeInput;
