import fs from 'fs';
import path from 'path';
import type { Readable } from 'stream';
import { parse } from 'csv-parse';
import yauzl from 'yauzl';
import { resourceOf, type ImportProblem } from './domain/decidim';

/** One CSV of the archive: its name as shown in the report, and the resource it holds. */
export type ArchiveFile = { name: string; resource: string };

/** A Decidim open-data archive, as a zip or as the folder it unpacks to; files are read as streams, never whole. */
export type Archive = {
  /** The archive's name, as the report shows it. */
  name: string;
  files: ArchiveFile[];
  open(file: ArchiveFile): Promise<Readable>;
  close(): void;
};

/** The archive could not be read at all (not a zip, no CSV of Decidim's open data). */
export class UnreadableArchiveError extends Error {
  readonly name = 'UnreadableArchiveError';
}

const openZip = (file: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true }, (error, zip) => (error ? reject(error) : resolve(zip)))
  );

async function zipArchive(file: string): Promise<Archive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    throw new UnreadableArchiveError(`« ${path.basename(file)} » n'est pas une archive zip lisible (${(error as Error).message}).`);
  }
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/') && resourceOf(entry.fileName)) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return {
    name: path.basename(file),
    files: [...entries.keys()].sort().map((name) => ({ name, resource: resourceOf(name)! })),
    open: (f) =>
      new Promise<Readable>((resolve, reject) => zip.openReadStream(entries.get(f.name)!, (error, stream) => (error ? reject(error) : resolve(stream)))),
    close: () => zip.close(),
  };
}

function folderArchive(folder: string): Archive {
  const names = fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => resourceOf(name) && fs.statSync(path.join(folder, name)).isFile())
    .sort();
  return {
    name: path.basename(folder),
    files: names.map((name) => ({ name, resource: resourceOf(name)! })),
    open: async (f) => fs.createReadStream(path.join(folder, f.name)),
    close: () => undefined,
  };
}

/** Opens a zip or a folder of Decidim's open-data CSVs. */
export async function openArchive(source: string): Promise<Archive> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new UnreadableArchiveError(`« ${source} » est introuvable.`);
  }
  const archive = stat.isDirectory() ? folderArchive(source) : await zipArchive(source);
  if (!archive.files.length) {
    archive.close();
    throw new UnreadableArchiveError(`« ${archive.name} » ne contient aucun fichier de données ouvertes Decidim (…-open-data-<ressource>.csv).`);
  }
  return archive;
}

/** A CSV that cannot be read past a line (a broken quote, a row with more fields than the header). */
export class CsvProblem extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'le nombre de champs ne correspond pas à l’en-tête',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'le nombre de champs ne correspond pas à l’en-tête',
  CSV_INVALID_CLOSING_QUOTE: 'guillemet fermant mal placé',
  CSV_QUOTE_NOT_CLOSED: 'guillemet jamais refermé',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'caractère inattendu après un guillemet fermant',
  CSV_INVALID_OPENING_QUOTE: 'guillemet ouvrant mal placé',
};

/**
 * The rows of one CSV, one at a time, each with the line it starts on (the header is line 1). Decidim writes `;`
 * between fields (its default `col_sep`), UTF-8 with or without a byte-order mark.
 */
export async function* csvRows(stream: Readable, file: string): AsyncGenerator<{ line: number; row: Record<string, string> }> {
  const parser = stream.pipe(parse({ delimiter: ';', columns: true, bom: true, info: true, skip_empty_lines: true, trim: false }));
  stream.once('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; records: number } }>) {
      yield { line: info.lines - countBreaks(record), row: record };
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number; column?: number | string; message: string };
    if (e.code && e.code.startsWith('CSV_')) {
      throw new CsvProblem({
        file,
        line: e.lines ?? null,
        column: e.column !== undefined && e.column !== null ? String(e.column) : null,
        message: `Ligne illisible : ${CSV_MESSAGES[e.code] ?? e.message}.`,
      });
    }
    throw error;
  } finally {
    stream.destroy();
  }
}

/** Line breaks inside quoted fields: `info.lines` is the record's last line, the report wants its first. */
function countBreaks(record: Record<string, string>) {
  let n = 0;
  for (const value of Object.values(record)) for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) n += 1;
  return n;
}
