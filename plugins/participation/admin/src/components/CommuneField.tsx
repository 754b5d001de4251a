import * as React from 'react';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { useT } from '../utils/useT';

type Commune = { inseeCode: string; name: string; postalCodes?: string[] };

/** The public territory search: accents, case, hyphens and « st »/« ste » forgiven (same as the site's). */
async function searchCommunes(q: string, signal: AbortSignal): Promise<Commune[]> {
  const params = new URLSearchParams({ kind: 'commune', pageSize: '10', ...(q.trim() ? { q: q.trim() } : {}) });
  const res = await fetch(`/api/participation/territories?${params}`, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) return [];
  return ((await res.json()) as { data: Commune[] }).data;
}

/**
 * A commune chosen by its name, as people say it (« st nazaire » finds Saint-Nazaire), wherever staff record a
 * place: the form keeps its INSEE code, the person sees and types names. A code typed as such is found too.
 */
export function CommuneField({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  required,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  const t = useT();
  const [options, setOptions] = React.useState<Commune[]>([]);
  const [loading, setLoading] = React.useState(false);
  const [query, setQuery] = React.useState('');
  const [chosen, setChosen] = React.useState<Commune | null>(null);
  const [open, setOpen] = React.useState(false);
  const typed = React.useRef(false);

  React.useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      searchCommunes(query, controller.signal)
        .then((found) => {
          setOptions(found);
          // What was typed opens the list of what it found (the answer arrives after the keystroke).
          if (typed.current) setOpen(true);
        })
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const shown = chosen && chosen.inseeCode === value ? [chosen, ...options.filter((o) => o.inseeCode !== value)] : options;
  return (
    <Field.Root name={name} error={error} hint={hint ?? t('commune.hint')} required={required}>
      <Field.Label>{label}</Field.Label>
      <Combobox
        autocomplete="none"
        open={open}
        onOpenChange={setOpen}
        value={value || undefined}
        loading={loading}
        loadingMessage={t('commune.loading')}
        noOptionsMessage={() => t('commune.none')}
        clearLabel={t('commune.clear')}
        placeholder={t('commune.placeholder')}
        onInputChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          typed.current = true;
          setQuery(e.target.value);
        }}
        onClear={() => {
          setChosen(null);
          onChange('');
        }}
        onChange={(code?: string) => {
          typed.current = false;
          setChosen(shown.find((o) => o.inseeCode === code) ?? null);
          onChange(code ?? '');
        }}
      >
        {shown.map((commune) => (
          <ComboboxOption key={commune.inseeCode} value={commune.inseeCode} textValue={commune.name}>
            {`${commune.name} (${commune.inseeCode})`}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
