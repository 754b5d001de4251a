import { DateTimeText } from './DateTimeText';
import * as React from 'react';
import { useField } from '@strapi/strapi/admin';

/** The Content Manager's input for every date-and-time attribute (registered with app.addFields). */
export function DateTimeAttributeInput(props: { name: string; label: string; hint?: React.ReactNode; disabled?: boolean; required?: boolean }) {
  const field = useField(props.name);
  return (
    <DateTimeText
      name={props.name}
      label={props.label}
      hint={props.hint}
      value={typeof field.value === 'string' ? field.value : field.value instanceof Date ? field.value.toISOString() : null}
      onChange={(next) => field.onChange(props.name, next)}
      error={field.error}
      disabled={props.disabled}
      required={props.required}
    />
  );
}
