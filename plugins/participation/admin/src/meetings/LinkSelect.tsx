import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useT } from '../utils/useT';

const NONE = 'none';

/** A choice among a list read from the server, or none (« Aucune »). */
export function LinkSelect({
  name,
  label,
  hint,
  value,
  options,
  onChange,
  error,
}: {
  name: string;
  label: string;
  hint: string;
  value: string;
  options: { documentId: string; title: string }[];
  onChange: (documentId: string) => void;
  error?: string;
}) {
  const t = useT();
  return (
    <Field.Root name={name} hint={hint} error={error}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value || NONE} onChange={(v: string | number) => onChange(v === NONE ? '' : String(v))}>
        <SingleSelectOption value={NONE}>{t('meetings.field.none')}</SingleSelectOption>
        {options.map((o) => (
          <SingleSelectOption key={o.documentId} value={o.documentId}>
            {o.title}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
