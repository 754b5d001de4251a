import { useForm } from '@strapi/strapi/admin';

/**
 * The server's field errors under a JSON field (e.g. `phases.1.endsAt`), whether the form keeps them flat
 * (`{ "phases.1.endsAt": "…" }`) or nested (`{ phases: { 1: { endsAt: "…" } } }`).
 */
export function useNestedErrors(name: string): Record<string, string> {
  const errors = useForm('ParticipationJsonField', (state) => state.errors) as Record<string, unknown>;
  const found: Record<string, string> = {};
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') found[path] = value;
    else if (value && typeof value === 'object' && 'defaultMessage' in value) found[path] = String((value as { defaultMessage: string }).defaultMessage);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const [key, value] of Object.entries(errors ?? {})) {
    if (key === name || key.startsWith(`${name}.`)) walk(value, key);
  }
  return found;
}

/** A JSON value as the form holds it: an array, or its text when the Content Manager kept it as a string. */
export function asArray<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (typeof value === 'string' && value.trim()) {
    try {
      const parsed = JSON.parse(value);
      return Array.isArray(parsed) ? (parsed as T[]) : [];
    } catch {
      return [];
    }
  }
  return [];
}
