/** A date and time as agents read them, in French; a dash when there is none. */
export const dateTime = (iso: string | null | undefined, style: 'short' | 'medium' = 'short') =>
  iso ? new Date(iso).toLocaleString('fr-FR', { dateStyle: style, timeStyle: 'short' }) : '—';
