import type { Core } from '@strapi/strapi';
import { CONTRIBUTION } from '../contributions/public';
import { isTrue, rowsOf, toDate, type Db, type RawRow } from '../platform/database/rows';
import { textHashOf, entryHashOf, genesisHash, type RegisteredText } from './domain/register';

const ENTRY = 'plugin::participation.register-entry';
const HEAD = 'plugin::participation.register-head';
const REPORT = 'plugin::participation.procedure-report';
const DOSSIER = 'plugin::participation.dossier-document';
export const ANNEX = 'plugin::participation.register-annex';
const SCAN = 'plugin::participation.observation-scan';

/** The scan of an observation received on paper, joined to its register number by an agent. */
export type ObservationScan = { number: number; name: string; mime: string; bytes: number; sha256: string; url: string; publishable: boolean; addedAt: Date };

/** The register as it stood at the end of a day, in PDF for the paper register's annex. */
export type RegisterAnnex = { day: string; url: string; bytes: number; sha256: string; count: number; headHash: string };

/** A piece of a procedure's dossier, and when it was online. */
export type DossierPiece = { name: string; url: string; mime: string | null; size: number | null; onlineFrom: Date; onlineUntil: Date | null };

export type ReportKind = 'report' | 'response';
export type ProcedureReport = { kind: ReportKind; title: string; body: string; reportDate: string; authorName: string | null; publishedAt: Date };

/** What the public sees of an entry: its text once published, a placeholder while moderated, nothing once withheld. */
export type Visibility = 'published' | 'pending' | 'withheld';

export type RegisterEntry = {
  number: number;
  contributionDocumentId: string;
  channel: string;
  receivedAt: Date;
  registeredAt: Date;
  title: string | null;
  body: string | null;
  territoryCode: string | null;
  authorName: string | null;
  visibility: Visibility;
  textHash: string;
  previousHash: string;
  entryHash: string;
};

export type RegisterHead = { lastNumber: number; headHash: string };

/** An observation as its procedure's staff and overseer read it: whatever its moderation, with the reason. */
export type StaffObservation = RegisterEntry & { status: string; moderationReason: string | null };

/**
 * A `date` column as `YYYY-MM-DD`: text on SQLite; on PostgreSQL a Date at local midnight (node-postgres), read in
 * local time so that a server outside UTC does not move it to the day before.
 */
const calendarDay = (value: unknown): string => {
  if (typeof value === 'string') return value.slice(0, 10);
  const d = toDate(value)!;
  if (value instanceof Date) return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return d.toISOString().slice(0, 10);
};

const visibilityOf = (status: unknown): Visibility => (status === 'published' ? 'published' : status === 'pending' ? 'pending' : 'withheld');

/** The registers of the legal procedures: the only place their tables are read or written. */
export function registerRepository(strapi: Core.Strapi) {
  const entries = () => rowsOf(strapi, ENTRY);
  const heads = () => rowsOf(strapi, HEAD);
  const knex = () => strapi.db.connection;

  const toEntry = (r: RawRow): RegisterEntry => ({
    number: Number(r.number),
    contributionDocumentId: String(r.contributionDocumentId),
    channel: String(r.channel),
    receivedAt: toDate(r.receivedAt)!,
    registeredAt: toDate(r.registeredAt)!,
    title: (r.title as string | null) ?? null,
    body: (r.body as string | null) ?? null,
    territoryCode: (r.territoryCode as string | null) ?? null,
    authorName: (r.authorName as string | null) ?? null,
    visibility: visibilityOf(r.status),
    textHash: String(r.textHash),
    previousHash: String(r.previousHash),
    entryHash: String(r.entryHash),
  });

  /** Entries joined to their contribution (its moderation state and the author's current public name). */
  function joined(db: Db, consultationDocumentId: string) {
    const e = entries();
    const c = rowsOf(strapi, CONTRIBUTION);
    return db({ e: e.table })
      .leftJoin({ c: c.table }, `c.${c.column('documentId')}`, `e.${e.column('contributionDocumentId')}`)
      .select({
        ...e.select(
          [
            'number',
            'contributionDocumentId',
            'channel',
            'receivedAt',
            'registeredAt',
            'title',
            'body',
            'territoryCode',
            'textHash',
            'previousHash',
            'entryHash',
          ],
          'e'
        ),
        status: `c.${c.column('status')}`,
        moderationReason: `c.${c.column('moderationReason')}`,
        authorName: `c.${c.column('authorName')}`,
      })
      .where(`e.${e.column('consultationDocumentId')}`, consultationDocumentId);
  }
  const reports = () => rowsOf(strapi, REPORT);
  const toReport = (r: RawRow): ProcedureReport => ({
    kind: r.kind as ReportKind,
    title: String(r.title),
    body: String(r.body),
    reportDate: calendarDay(r.reportDate),
    authorName: (r.authorName as string | null) ?? null,
    publishedAt: toDate(r.publishedAt)!,
  });

  return {
    /**
     * Inscribes an observation in the caller's transaction: takes the next number on the register's head row (the
     * update locks it until the transaction ends, so numbers follow the order of commits, without gap, whatever the
     * instance), chains its hash to the head's, and moves the head. A rollback gives the number back.
     */
    async append(
      trx: Db,
      consultationDocumentId: string,
      observation: { contributionDocumentId: string; channel: string; receivedAt: Date | null; text: RegisteredText }
    ): Promise<{ number: number; entryHash: string }> {
      const h = heads();
      const e = entries();
      await trx(h.table)
        .insert(h.newRow({ consultationDocumentId, lastNumber: 0, headHash: genesisHash(consultationDocumentId) }))
        .onConflict(h.column('consultationDocumentId'))
        .ignore();
      await trx(h.table).where(h.column('consultationDocumentId'), consultationDocumentId).increment(h.column('lastNumber'), 1);
      // Dated once the number is taken: numbers and dates of online observations follow the same order.
      const now = new Date();
      const receivedAt = observation.receivedAt ?? now;
      const head: RawRow = await trx(h.table)
        .select(h.select(['lastNumber', 'headHash']))
        .where(h.column('consultationDocumentId'), consultationDocumentId)
        .first();
      const fields = {
        previousHash: String(head.headHash),
        number: Number(head.lastNumber),
        receivedAt: receivedAt.toISOString(),
        channel: observation.channel,
        textHash: textHashOf(observation.text),
      };
      const entryHash = entryHashOf(fields);
      await trx(e.table).insert(
        e.newRow(
          {
            consultationDocumentId,
            contributionDocumentId: observation.contributionDocumentId,
            channel: fields.channel,
            receivedAt,
            registeredAt: now,
            title: observation.text.title,
            body: observation.text.body,
            territoryCode: observation.text.territoryCode,
            textHash: fields.textHash,
            previousHash: fields.previousHash,
            entryHash,
            number: fields.number,
          },
          now
        )
      );
      await trx(h.table)
        .where(h.column('consultationDocumentId'), consultationDocumentId)
        .update({ [h.column('headHash')]: entryHash, [h.column('updatedAt')]: now });
      return { number: fields.number, entryHash };
    },

    /** The register's last number for the consultation whose document id is the column `documentIdRef`, as an expression. */
    lastNumberExpression(documentIdRef: string) {
      const h = heads();
      return knex().raw('(SELECT h.?? FROM ?? h WHERE h.?? = ??)', [h.column('lastNumber'), h.table, h.column('consultationDocumentId'), documentIdRef]);
    },

    async head(consultationDocumentId: string, db: Db = knex()): Promise<RegisterHead> {
      const h = heads();
      const row: RawRow | undefined = await db(h.table)
        .select(h.select(['lastNumber', 'headHash']))
        .where(h.column('consultationDocumentId'), consultationDocumentId)
        .first();
      return row ? { lastNumber: Number(row.lastNumber), headHash: String(row.headHash) } : { lastNumber: 0, headHash: genesisHash(consultationDocumentId) };
    },

    /** One page of the register, by number; `q` searches the public texts (titles and bodies of published entries). */
    async page(consultationDocumentId: string, opts: { page: number; pageSize: number; q?: string | null }) {
      const e = entries();
      const c = rowsOf(strapi, CONTRIBUTION);
      const filtered = () => {
        const query = joined(knex(), consultationDocumentId);
        if (opts.q) {
          const like = `%${opts.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
          query
            .where(`c.${c.column('status')}`, 'published')
            .where((qb) =>
              qb
                .whereRaw(`LOWER(??) LIKE ? ESCAPE '\\'`, [`e.${e.column('title')}`, like])
                .orWhereRaw(`LOWER(??) LIKE ? ESCAPE '\\'`, [`e.${e.column('body')}`, like])
            );
        }
        return query;
      };
      const [{ total }] = await filtered().clearSelect().count({ total: '*' });
      const rows: RawRow[] = await filtered()
        .orderBy(`e.${e.column('number')}`, 'asc')
        .limit(opts.pageSize)
        .offset((opts.page - 1) * opts.pageSize);
      return { entries: rows.map(toEntry), total: Number(total) };
    },

    /** Every observation of a procedure for its staff and overseer, held ones included, by number. */
    async staffPage(consultationDocumentId: string, opts: { page: number; pageSize: number }) {
      const e = entries();
      const [{ total }] = await joined(knex(), consultationDocumentId).clearSelect().count({ total: '*' });
      const rows: RawRow[] = await joined(knex(), consultationDocumentId)
        .orderBy(`e.${e.column('number')}`, 'asc')
        .limit(opts.pageSize)
        .offset((opts.page - 1) * opts.pageSize);
      const observations: StaffObservation[] = rows.map((r) => ({
        ...toEntry(r),
        status: String(r.status ?? 'pending'),
        moderationReason: (r.moderationReason as string | null) ?? null,
      }));
      return { observations, total: Number(total) };
    },

    async reports(consultationDocumentIds: string[]): Promise<Map<string, ProcedureReport[]>> {
      const r = reports();
      const found = new Map<string, ProcedureReport[]>(consultationDocumentIds.map((id) => [id, []]));
      if (!consultationDocumentIds.length) return found;
      const rows: RawRow[] = await knex()(r.table)
        .select({
          consultationDocumentId: r.column('consultationDocumentId'),
          ...r.select(['kind', 'title', 'body', 'reportDate', 'authorName', 'publishedAt']),
        })
        .whereIn(r.column('consultationDocumentId'), consultationDocumentIds)
        .orderBy(r.column('kind'), 'asc');
      for (const row of rows) found.get(String(row.consultationDocumentId))?.push(toReport(row));
      return found;
    },

    /** Publishes a report or a response; one of each per procedure (the unique index refuses a second). */
    async insertReport(consultationDocumentId: string, report: Omit<ProcedureReport, 'publishedAt'> & { publishedById: number | null }) {
      const r = reports();
      const now = new Date();
      await knex()(r.table).insert(r.newRow({ consultationDocumentId, ...report }, now));
      const { publishedById: _by, ...published } = report;
      return { ...published, publishedAt: now };
    },

    /**
     * Keeps the dossier's history in step with the documents published now, in the caller's transaction: a piece no
     * longer published is closed (online until now), a new one opened (online from now); nothing else changes.
     */
    async syncDossier(
      db: Db,
      consultationDocumentId: string,
      published: { name: string; url: string; mime: string | null; size: number | null }[],
      now = new Date()
    ) {
      const d = rowsOf(strapi, DOSSIER);
      const open: RawRow[] = await db(d.table)
        .select(d.select(['id', 'url']))
        .where(d.column('consultationDocumentId'), consultationDocumentId)
        .whereNull(d.column('onlineUntil'));
      const wanted = new Set(published.map((p) => p.url));
      const online = new Set(open.map((r) => String(r.url)));
      const gone = open.filter((r) => !wanted.has(String(r.url))).map((r) => Number(r.id));
      if (gone.length)
        await db(d.table)
          .whereIn(d.column('id'), gone)
          .update({ [d.column('onlineUntil')]: now, [d.column('updatedAt')]: now });
      const added = published.filter((p, i) => !online.has(p.url) && published.findIndex((q) => q.url === p.url) === i);
      if (added.length) await db(d.table).insert(added.map((p) => d.newRow({ consultationDocumentId, ...p, onlineFrom: now, onlineUntil: null }, now)));
    },

    /** What was online in the dossier, and when, oldest first. */
    async dossier(consultationDocumentId: string): Promise<DossierPiece[]> {
      const d = rowsOf(strapi, DOSSIER);
      const rows: RawRow[] = await knex()(d.table)
        .select(d.select(['name', 'url', 'mime', 'size', 'onlineFrom', 'onlineUntil']))
        .where(d.column('consultationDocumentId'), consultationDocumentId)
        .orderBy([
          { column: d.column('onlineFrom'), order: 'asc' },
          { column: d.column('id'), order: 'asc' },
        ]);
      return rows.map((r) => ({
        name: String(r.name),
        url: String(r.url),
        mime: (r.mime as string | null) ?? null,
        size: r.size === null || r.size === undefined ? null : Number(r.size),
        onlineFrom: toDate(r.onlineFrom)!,
        onlineUntil: toDate(r.onlineUntil),
      }));
    },

    /** The whole register in order, for its export and its verification; `before`: only what was inscribed before then. */
    async all(consultationDocumentId: string, before?: Date): Promise<RegisterEntry[]> {
      const e = entries();
      const query = joined(knex(), consultationDocumentId).orderBy(`e.${e.column('number')}`, 'asc');
      if (before) query.where(`e.${e.column('registeredAt')}`, '<', before);
      const rows: RawRow[] = await query;
      return rows.map(toEntry);
    },

    /** One entry of a register, by its number, with its contribution's channel. */
    async entry(consultationDocumentId: string, number: number): Promise<RegisterEntry | null> {
      const e = entries();
      const row: RawRow | undefined = await joined(knex(), consultationDocumentId)
        .where(`e.${e.column('number')}`, number)
        .first();
      return row ? toEntry(row) : null;
    },

    async insertScan(consultationDocumentId: string, scan: Omit<ObservationScan, 'addedAt'> & { addedById: number | null }) {
      const s = rowsOf(strapi, SCAN);
      await knex()(s.table).insert(s.newRow({ consultationDocumentId, ...scan }));
    },

    /** The scans of some entries of a register, by number, oldest first; `publishableOnly`: what the public may see. */
    async scans(consultationDocumentId: string, numbers: number[], publishableOnly = false): Promise<Map<number, ObservationScan[]>> {
      const s = rowsOf(strapi, SCAN);
      const found = new Map<number, ObservationScan[]>();
      if (!numbers.length) return found;
      const query = knex()(s.table)
        .select(s.select(['number', 'name', 'mime', 'bytes', 'sha256', 'url', 'publishable', 'createdAt']))
        .where(s.column('consultationDocumentId'), consultationDocumentId)
        .whereIn(s.column('number'), numbers)
        .orderBy(s.column('id'), 'asc');
      if (publishableOnly) query.where(s.column('publishable'), true);
      for (const r of (await query) as RawRow[]) {
        const scan: ObservationScan = {
          number: Number(r.number),
          name: String(r.name),
          mime: String(r.mime),
          bytes: Number(r.bytes),
          sha256: String(r.sha256),
          url: String(r.url),
          publishable: isTrue(r.publishable),
          addedAt: toDate(r.createdAt)!,
        };
        found.set(scan.number, [...(found.get(scan.number) ?? []), scan]);
      }
      return found;
    },

    /** The daily annexes written of a register, newest first. */
    async annexes(consultationDocumentId: string): Promise<RegisterAnnex[]> {
      const a = rowsOf(strapi, ANNEX);
      const rows: RawRow[] = await knex()(a.table)
        .select(a.select(['day', 'url', 'bytes', 'sha256', 'count', 'headHash']))
        .where(a.column('consultationDocumentId'), consultationDocumentId)
        .where(a.column('status'), 'ready')
        .orderBy(a.column('day'), 'desc');
      return rows.map((r) => ({
        day: String(r.day),
        url: String(r.url),
        bytes: Number(r.bytes),
        sha256: String(r.sha256),
        count: Number(r.count),
        headHash: String(r.headHash),
      }));
    },
  };
}
