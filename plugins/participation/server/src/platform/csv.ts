import type { Readable } from 'node:stream';
import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

/**
 * The one CSV writer of the product: every CSV it serves or exports (open data, agents' exports, budget results,
 * petition signatures, dated dumps) is written here, UTF-8 with a byte-order mark, RFC 4180 quoting, and no cell a
 * spreadsheet would run: a text starting with = + - @, a tab or a carriage return is prefixed with ' (OWASP, CSV
 * injection), so `=HYPERLINK("http://evil.example","x")` in a project title stays text.
 */
export type CsvOptions = { delimiter?: ',' | ';' };

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text a spreadsheet would run as a formula, made plain text; anything else as it is. */
const neutralised = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

const optionsOf = (header: string[] | { key: string; header: string }[], options: CsvOptions): Options => ({
  bom: true,
  header: true,
  columns: header,
  delimiter: options.delimiter ?? ',',
  record_delimiter: 'windows',
  cast: { string: neutralised, boolean: (value) => (value ? 'true' : 'false'), date: (value) => value.toISOString() },
});

/** A whole CSV as text: `rows` in the order of `header`. For files small enough to hold (a budget, one petition's signatures). */
export const csvText = (header: string[], rows: unknown[][], options: CsvOptions = {}): string => stringifySync(rows, optionsOf(header, options));

/**
 * A CSV streamed page by page: each record is an object read by the columns' keys. The pages are read only as fast
 * as the client takes the file, so memory stays flat whatever the number of rows.
 */
export function csvStream(columns: { key: string; header: string }[], pages: AsyncIterable<Record<string, unknown>[]>, options: CsvOptions = {}): Readable {
  const csv = stringify(optionsOf(columns, options));
  void (async () => {
    for await (const page of pages) {
      for (const record of page) if (!csv.write(record)) await new Promise((resolve) => csv.once('drain', resolve));
    }
    csv.end();
  })().catch((error: Error) => csv.destroy(error));
  return csv;
}
