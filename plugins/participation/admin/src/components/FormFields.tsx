import * as React from 'react';
import { Field, Textarea, TextInput } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { serverFieldErrors, serverMessage } from '../api/types';
import { useT } from '../utils/useT';

/** A form's errors, by field (and `form` for the whole form), as the dialogs show them. */
export type Errors = Record<string, string | undefined>;

/** A text field of the agents' dialogs, its error said under it. */
export function TextField({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  type,
  required,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  multiline?: boolean;
  type?: string;
  required?: boolean;
}) {
  return (
    <Field.Root name={name} error={error} hint={hint} required={required}>
      <Field.Label>{label}</Field.Label>
      {multiline ? (
        <Textarea value={value} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)} />
      ) : (
        <TextInput type={type ?? 'text'} value={value} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} />
      )}
      {hint ? <Field.Hint /> : null}
      <Field.Error />
    </Field.Root>
  );
}

/** What a staff action says once it succeeded: a message, or one chosen from the server's answer (a warning, say). */
type Success<T> = string | ((result: T) => { type: 'success' | 'warning'; message: string });

/**
 * Runs a staff action: a toast and `done` once the server accepted it, or the server's field errors (by field name;
 * `fieldErrors` maps them when the form names a field otherwise) and its message kept in the dialog, so nothing
 * typed is lost.
 */
export function useSubmit(setErrors: (e: Errors) => void, done: () => void, fieldErrors: (error: unknown) => Errors = serverFieldErrors) {
  const { toggleNotification } = useNotification();
  const t = useT();
  const [busy, setBusy] = React.useState(false);
  const run = async <T,>(call: () => Promise<T>, success: Success<T>) => {
    setBusy(true);
    setErrors({});
    try {
      const result = await call();
      toggleNotification(typeof success === 'string' ? { type: 'success', message: success } : success(result));
      done();
    } catch (error) {
      setErrors({ ...fieldErrors(error), form: serverMessage(error) ?? t('error.load') });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
