/**
 * Dates and times as staff type them, in French: « 15/01/2027 09:30 », « 15/1/27 9h », « 15.01.2027 à 17h45 »,
 * « 15/01/2027 » (midnight), or an ISO date (« 2027-01-15T09:30 »). Any minute is accepted. Read in the browser's
 * time zone, as the admin panel shows every date.
 */

const FRENCH = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})(?:(?:\s*,\s*|\s+)(?:à\s*|a\s+)?(\d{1,2})(?:\s*(?:h|:)\s*(\d{2})?)?)?$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant the text names, or null when it names none (an impossible day such as 31/02 included). */
export function parseTypedDateTime(text: string): Date | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  const iso = ISO.exec(typed);
  if (iso) {
    if (iso[6]) {
      const instant = new Date(typed.replace(' ', 'T'));
      return Number.isNaN(instant.getTime()) ? null : instant;
    }
    return localDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0));
  }
  const french = FRENCH.exec(typed);
  if (!french) return null;
  const year = french[3].length === 2 ? 2000 + Number(french[3]) : Number(french[3]);
  return localDate(year, Number(french[2]), Number(french[1]), Number(french[4] ?? 0), Number(french[5] ?? 0));
}

function localDate(year: number, month: number, day: number, hours: number, minutes: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59) return null;
  const date = new Date(year, month - 1, day, hours, minutes);
  // new Date(2027, 1, 31) rolls over to March: a day the month does not have is refused.
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** How a date is written back in the field: « 15/01/2027 09:30 ». */
export function formatTypedDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The date in words, to check what was typed: « jeudi 15 janvier 2027 à 09:30 ». */
export function spelledDateTime(date: Date): string {
  return `${date.toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })} à ${two(date.getHours())}:${two(date.getMinutes())}`;
}
