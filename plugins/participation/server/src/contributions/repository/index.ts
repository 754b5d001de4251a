import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { contextColumns, holdOpen, incrementLifecycle, lifecycleTable } from '../../consultations/public';
import type { ModerationStatus } from '../../moderation/domain/moderation';
import { insertWhere, pgColumnTypes, tableOf } from '../../platform/database/columns';
import { territoryNames } from '../../territories/public';
import { param, runPrepared } from '../../platform/database/prepared';
import { fromJson, rowsOf, toDate, type Db, type RawRow } from '../../platform/database/rows';
import { fail, validationFailed } from '../../platform/errors';
import type { Citizen } from '../../platform/citizen';
import { transaction } from '../../platform/database/transaction';

export const CONTRIBUTION = 'plugin::participation.contribution' as const;
export const COMMENT = 'plugin::participation.comment' as const;
export const SUPPORT = 'plugin::participation.support' as const;
export const REPORT = 'plugin::participation.report' as const;
export const PARTICIPANT = 'plugin::participation.participant' as const;
export const TERRITORY = 'plugin::participation.territory' as const;

export type Channel = 'web' | 'paper' | 'mail' | 'meeting';

/** What a one-statement submission found: the consultation open, a contribution slot left, the row written. */
export type SubmissionOutcome = { open: boolean; slot: boolean; made: boolean };

/** A contribution as the use cases see it: typed, never a raw row. */
export type ContributionRecord = {
  id: number;
  documentId: string;
  consultationDocumentId: string;
  title: string;
  body: string;
  territoryCode: string | null;
  authorId: number | null;
  authorName: string | null;
  channel: Channel;
  status: ModerationStatus;
  moderationReason: string | null;
  officialAnswerStatus: 'retained' | 'under_study' | 'not_retained' | 'already_done' | null;
  officialAnswerText: string | null;
  officialAnswerAt: Date | null;
  supportsCount: number;
  commentsCount: number;
  createdAt: Date;
  /** Said at a public meeting and entered by an agent: the meeting and « Réunion du 12/03 à Rezé ». */
  meetingDocumentId: string | null;
  provenance: string | null;
  /** Imported from another platform: where it was, and its figures there (never counted as supports here). */
  origin: ContributionOrigin | null;
};

/** Where an imported contribution comes from: Decidim's proposal, its address and its figures there. */
export type ContributionOrigin = {
  platform: 'decidim';
  url: string | null;
  figures: { supports: number | null; endorsements: number | null; comments: number | null };
};

/** The columns a `ContributionRecord` is read from. */
export const CONTRIBUTION_FIELDS = [
  'id',
  'documentId',
  'consultationDocumentId',
  'title',
  'body',
  'territoryCode',
  'authorId',
  'authorName',
  'channel',
  'status',
  'moderationReason',
  'officialAnswerStatus',
  'officialAnswerText',
  'officialAnswerAt',
  'supportsCount',
  'commentsCount',
  'createdAt',
  'updatedAt',
  'meetingDocumentId',
  'provenance',
  'origin',
];

const nullableText = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toContributionRecord(r: RawRow): ContributionRecord {
  return {
    id: Number(r.id),
    documentId: String(r.documentId),
    consultationDocumentId: String(r.consultationDocumentId),
    title: String(r.title),
    body: String(r.body),
    territoryCode: nullableText(r.territoryCode),
    authorId: r.authorId === null || r.authorId === undefined ? null : Number(r.authorId),
    authorName: nullableText(r.authorName),
    channel: r.channel as Channel,
    status: r.status as ModerationStatus,
    moderationReason: nullableText(r.moderationReason),
    officialAnswerStatus: (r.officialAnswerStatus ?? null) as ContributionRecord['officialAnswerStatus'],
    officialAnswerText: nullableText(r.officialAnswerText),
    officialAnswerAt: toDate(r.officialAnswerAt),
    supportsCount: Number(r.supportsCount ?? 0),
    commentsCount: Number(r.commentsCount ?? 0),
    createdAt: toDate(r.createdAt)!,
    meetingDocumentId: nullableText(r.meetingDocumentId),
    provenance: nullableText(r.provenance),
    origin: fromJson<ContributionOrigin | null>(r.origin, null),
  };
}

/** The contributions table and what every use case reads and writes there. */
/** What a person's data export shows of their contributions: the record's columns but who wrote it and how it came. */
const PERSONAL_FIELDS = CONTRIBUTION_FIELDS.filter(
  (f) => !['authorId', 'authorName', 'channel', 'officialAnswerAt', 'meetingDocumentId', 'provenance', 'origin'].includes(f)
);

export function contributionsRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const contributions = () => rowsOf(strapi, CONTRIBUTION);

  return {
    table: contributions,

    async find(documentId: string, db: Db = knex()): Promise<ContributionRecord | null> {
      const c = contributions();
      const row = await db(c.table).select(c.select(CONTRIBUTION_FIELDS)).where(c.column('documentId'), documentId).first();
      return row ? toContributionRecord(row) : null;
    },

    /**
     * The contributions said at a meeting, in the order they were entered (published ones only for the public), and
     * how many there are, counted by the same statement (a window count).
     */
    async ofMeeting(meetingDocumentId: string, publishedOnly: boolean, limit: number, offset: number): Promise<{ rows: ContributionRecord[]; total: number }> {
      const c = contributions();
      const db = knex();
      const q = db(c.table)
        .select(c.select(CONTRIBUTION_FIELDS))
        .select(db.raw('COUNT(*) OVER () AS ??', ['total']))
        .where(c.column('meetingDocumentId'), meetingDocumentId)
        .orderBy(c.column('createdAt'))
        .orderBy(c.column('id'))
        .limit(limit)
        .offset(offset);
      if (publishedOnly) q.where(c.column('status'), 'published');
      const rows = (await q) as RawRow[];
      return { rows: rows.map(toContributionRecord), total: rows.length ? Number(rows[0].total) : 0 };
    },

    /** The titles of some contributions, by documentId (for lists of what a citizen follows). */
    async titles(documentIds: string[]): Promise<Map<string, string>> {
      const c = contributions();
      const found = new Map<string, string>();
      if (!documentIds.length) return found;
      const rows: RawRow[] = await knex()(c.table)
        .select(c.select(['documentId', 'title']))
        .whereIn(c.column('documentId'), documentIds);
      for (const r of rows) found.set(String(r.documentId), String(r.title));
      return found;
    },

    /** A commune's INSEE code checked against the territories; answers its names by code, for the response. */
    async commune(code: string | null | undefined) {
      if (!code) return { code: null, names: new Map<string, string>() };
      const t = tableOf(strapi, TERRITORY);
      const [found] = await runPrepared(
        knex(),
        'territories.commune',
        {},
        () =>
          knex()(t.table)
            .select({ name: t.column('name') })
            .where(t.column('inseeCode'), param('code'))
            .where(t.column('kind'), 'commune')
            .limit(1),
        { code }
      );
      if (!found) throw validationFailed([{ path: ['territory'], message: 'Commune inconnue (code INSEE attendu).' }]);
      return { code, names: new Map([[code, String(found.name)]]) };
    },

    territoryNames: (codes: string[]) => territoryNames(strapi, codes),

    /** Which of these items the citizen supports (contributions) and has reported. */
    async viewerMarks(userId: number | undefined, type: 'contribution' | 'comment', ids: number[]) {
      const supported = new Set<number>();
      const reported = new Set<number>();
      if (!userId || !ids.length) return { supported, reported };
      if (type === 'contribution') {
        const s = rowsOf(strapi, SUPPORT);
        const rows: RawRow[] = await knex()(s.table)
          .select({ id: s.column('contributionId') })
          .where(s.column('userId'), userId)
          .whereIn(s.column('contributionId'), ids);
        for (const r of rows) supported.add(Number(r.id));
      }
      const r = rowsOf(strapi, REPORT);
      const rows: RawRow[] = await knex()(r.table)
        .select({ id: r.column('targetId') })
        .where(r.column('userId'), userId)
        .where(r.column('targetType'), type)
        .whereIn(r.column('targetId'), ids);
      for (const x of rows) reported.add(Number(x.id));
      return { supported, reported };
    },

    /**
     * Counts the citizen once per consultation (unique row, insert-or-nothing); anonymous contributions count one
     * each. With `limit`, also takes one of the citizen's contribution slots, refused by the database itself
     * (conditional increment) when none is left.
     */
    async registerParticipant(trx: Knex.Transaction, consultationDocumentId: string, citizen: Citizen | null, limit?: { max: number | null }) {
      if (!citizen) {
        await incrementLifecycle(strapi, trx, consultationDocumentId, 'participantsCount', 1);
        return;
      }
      const p = rowsOf(strapi, PARTICIPANT);
      const inserted = await trx(p.table)
        .insert(p.newRow({ consultationDocumentId, userId: citizen.id, contributionsCount: 0 }))
        .onConflict([p.column('consultationDocumentId'), p.column('userId')])
        .ignore()
        .returning([p.column('id')]);
      if (inserted.length > 0) await incrementLifecycle(strapi, trx, consultationDocumentId, 'participantsCount', 1);
      if (!limit) return;
      const slot = trx(p.table).where(p.column('consultationDocumentId'), consultationDocumentId).where(p.column('userId'), citizen.id);
      if (limit.max !== null) slot.where(p.column('contributionsCount'), '<', limit.max);
      const taken = await slot.increment(p.column('contributionsCount'), 1);
      if (taken !== 1) throw fail('contribution_limit_reached', `Vous avez déjà déposé ${limit.max} contribution(s) sur cette consultation, le maximum.`);
    },

    /**
     * PostgreSQL: a submission as one statement. `open` holds the consultation open until it commits (as a support
     * does); `slot` joins the citizen to the consultation or takes one of their contribution slots (refused by the
     * row itself when `max` are taken); `made` writes the contribution; the consultation's counters move by what was
     * done. Nothing is written unless all of it is. Anonymous contributions count one participant each.
     */
    async submitInOneStatement(
      row: Record<string, unknown>,
      consultationDocumentId: string,
      citizen: Citizen | null,
      opts: { max: number | null; published: boolean }
    ): Promise<SubmissionOutcome> {
      const c = contributions();
      const p = rowsOf(strapi, PARTICIPANT);
      const l = lifecycleTable(strapi);
      const [contributionTypes, participantTypes] = await Promise.all([pgColumnTypes(knex(), c.table), pgColumnTypes(knex(), p.table)]);
      const participant = citizen ? p.newRow({ consultationDocumentId, userId: citizen.id, contributionsCount: 1 }) : {};
      // Compiled once per shape (which columns, a citizen or not, a limit or not); the values are bound at each call.
      const shape = {
        columns: Object.keys(row).join(','),
        participantColumns: Object.keys(participant).join(','),
        citizen: !!citizen,
        limited: opts.max !== null,
      };
      const values: Record<string, unknown> = { consultation: consultationDocumentId, max: opts.max, published: opts.published ? 1 : 0 };
      const marked = (prefix: string, columns: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(columns).map(([column, value]) => ((values[`${prefix}.${column}`] = value), [column, param(`${prefix}.${column}`)])));
      const rowParams = marked('row', row);
      const participantParams = marked('participant', participant);
      const [outcome] = await runPrepared<{ open: unknown; slot: unknown; made: unknown }>(
        knex(),
        'contributions.submit',
        shape,
        () => {
          const made = insertWhere(contributionTypes, rowParams, citizen ? 'slot' : 'open');
          let slot = { sql: 'SELECT true AS joined FROM open', bindings: [] as unknown[] };
          if (citizen) {
            const joined = insertWhere(participantTypes, participantParams, 'open');
            const limit = shape.limited
              ? { sql: ' WHERE ??.?? < ?', bindings: [p.table, p.column('contributionsCount'), param('max')] }
              : { sql: '', bindings: [] };
            slot = {
              // xmax = 0: the row was inserted (a new participant), not updated (another contribution of theirs).
              sql: `INSERT INTO ?? ${joined.sql} ON CONFLICT (??, ??) DO UPDATE SET ?? = ??.?? + 1${limit.sql} RETURNING (xmax = 0) AS joined`,
              bindings: [
                p.table,
                ...joined.bindings,
                p.column('consultationDocumentId'),
                p.column('userId'),
                p.column('contributionsCount'),
                p.table,
                p.column('contributionsCount'),
                ...limit.bindings,
              ],
            };
          }
          return knex().raw(
            `WITH open AS (SELECT 1 FROM ?? WHERE ?? = ? AND ?? = 'open' AND (?? IS NULL OR ?? > now()) FOR NO KEY UPDATE),
           slot AS (${slot.sql}),
           made AS (INSERT INTO ?? ${made.sql} RETURNING 1),
           counted AS (
             UPDATE ?? SET ?? = ?? + (SELECT COUNT(*) FROM slot WHERE joined), ?? = ?? + CAST(? AS INTEGER) * (SELECT COUNT(*) FROM made)
             WHERE ?? = ? AND EXISTS (SELECT 1 FROM made)
           )
           SELECT (SELECT COUNT(*) FROM open) AS open, (SELECT COUNT(*) FROM slot) AS slot, (SELECT COUNT(*) FROM made) AS made`,
            [
              l.table,
              l.column('consultationDocumentId'),
              param('consultation'),
              l.column('status'),
              l.column('closesAt'),
              l.column('closesAt'),
              ...slot.bindings,
              c.table,
              ...made.bindings,
              l.table,
              l.column('participantsCount'),
              l.column('participantsCount'),
              l.column('contributionsCount'),
              l.column('contributionsCount'),
              param('published'),
              l.column('consultationDocumentId'),
              param('consultation'),
            ] as Knex.RawBinding[]
          );
        },
        values
      );
      return { open: Number(outcome.open) > 0, slot: Number(outcome.slot) > 0, made: Number(outcome.made) > 0 };
    },

    /**
     * PostgreSQL: the whole support (or withdrawal) as one statement, answering the contribution's new count.
     * `changed` holds the support row inserted or deleted (none when it already was so: idempotent); the
     * participant row is insert-or-nothing; both counters move by what changed, on rows locked by the update.
     */
    async supportInOneStatement(target: SupportTarget, citizen: Citizen, supported: boolean): Promise<number> {
      const s = rowsOf(strapi, SUPPORT);
      const p = rowsOf(strapi, PARTICIPANT);
      const c = contributions();
      const l = lifecycleTable(strapi);
      // Rows inserted only while the consultation is open: `INSERT … SELECT … WHERE EXISTS (open)`, parameters cast.
      const [supportTypes, participantTypes] = [await pgColumnTypes(knex(), s.table), await pgColumnTypes(knex(), p.table)];
      const support = insertWhere(supportTypes, s.newRow({ contributionId: target.id, userId: citizen.id }), 'open');
      const participant = insertWhere(
        participantTypes,
        p.newRow({ consultationDocumentId: target.consultationDocumentId, userId: citizen.id, contributionsCount: 0 }),
        'open'
      );
      const sign = supported ? '+' : '-';
      const changed = supported
        ? {
            sql: `INSERT INTO ?? ${support.sql} ON CONFLICT (??, ??) DO NOTHING RETURNING 1`,
            bindings: [s.table, ...support.bindings, s.column('contributionId'), s.column('userId')],
          }
        : {
            sql: `DELETE FROM ?? WHERE ?? = ? AND ?? = ? AND EXISTS (SELECT 1 FROM open) RETURNING 1`,
            bindings: [s.table, s.column('contributionId'), target.id, s.column('userId'), citizen.id],
          };
      const joined = supported
        ? {
            sql: `INSERT INTO ?? ${participant.sql} ON CONFLICT (??, ??) DO NOTHING RETURNING 1`,
            bindings: [p.table, ...participant.bindings, p.column('consultationDocumentId'), p.column('userId')],
          }
        : { sql: `SELECT 1 WHERE false`, bindings: [] };
      // `open` holds the consultation open until the statement commits (FOR NO KEY UPDATE, the lock its counter
      // update takes anyway): a close waits for it, and a support that starts after a close changes nothing and is refused.
      const { rows } = (await knex().raw(
        `WITH open AS (SELECT 1 FROM ?? WHERE ?? = ? AND ?? = 'open' AND (?? IS NULL OR ?? > now()) FOR NO KEY UPDATE),
         changed AS (${changed.sql}),
         joined AS (${joined.sql}),
         counted AS (UPDATE ?? SET ?? = ?? ${sign} (SELECT COUNT(*) FROM changed) WHERE ?? = ? RETURNING ?? AS n),
         consultation AS (
           UPDATE ?? SET ?? = ?? ${sign} (SELECT COUNT(*) FROM changed), ?? = ?? + (SELECT COUNT(*) FROM joined)
           WHERE ?? = ? AND (EXISTS (SELECT 1 FROM changed) OR EXISTS (SELECT 1 FROM joined))
         )
         SELECT n, (SELECT COUNT(*) FROM open) AS open FROM counted`,
        [
          l.table,
          l.column('consultationDocumentId'),
          target.consultationDocumentId,
          l.column('status'),
          l.column('closesAt'),
          l.column('closesAt'),
          ...changed.bindings,
          ...joined.bindings,
          c.table,
          c.column('supportsCount'),
          c.column('supportsCount'),
          c.column('id'),
          target.id,
          c.column('supportsCount'),
          l.table,
          l.column('supportsCount'),
          l.column('supportsCount'),
          l.column('participantsCount'),
          l.column('participantsCount'),
          l.column('consultationDocumentId'),
          target.consultationDocumentId,
        ] as Knex.RawBinding[]
      )) as { rows: { n: unknown; open: unknown }[] };
      if (Number(rows[0].open) === 0) throw fail('consultation_closed');
      return Number(rows[0].n);
    },

    /** SQLite (one writer, in-process): the same steps, one statement each, in one transaction. */
    async supportStepByStep(target: SupportTarget, citizen: Citizen, supported: boolean): Promise<number> {
      const s = rowsOf(strapi, SUPPORT);
      const c = contributions();
      return transaction(strapi, async (trx) => {
        await holdOpen(strapi, trx, target.consultationDocumentId);
        let changed: number;
        if (supported) {
          const inserted = await trx(s.table)
            .insert(s.newRow({ contributionId: target.id, userId: citizen.id }))
            .onConflict([s.column('contributionId'), s.column('userId')])
            .ignore()
            .returning([s.column('id')]);
          changed = inserted.length;
          if (changed) await this.registerParticipant(trx, target.consultationDocumentId, citizen);
        } else {
          changed = -(await trx(s.table).where(s.column('contributionId'), target.id).where(s.column('userId'), citizen.id).del());
        }
        if (changed !== 0) await incrementLifecycle(strapi, trx, target.consultationDocumentId, 'supportsCount', changed);
        const [fresh] = await trx(c.table)
          .where(c.column('id'), target.id)
          .increment(c.column('supportsCount'), changed)
          .returning([c.column('supportsCount')]);
        return Number((fresh as RawRow)[c.column('supportsCount')]);
      });
    },

    /** A citizen's contributions (every status), the contributions they support and the consultations they took part in (their data export). */
    async personalDataOf(userId: number) {
      const db = knex();
      const c = contributions();
      const s = rowsOf(strapi, SUPPORT);
      const p = rowsOf(strapi, PARTICIPANT);
      const [own, supports, participated] = await Promise.all([
        db(c.table).select(c.select(PERSONAL_FIELDS)).where(c.column('authorId'), userId).orderBy(c.column('createdAt')) as Promise<RawRow[]>,
        db({ s: s.table })
          .join({ c: c.table }, 'c.id', `s.${s.column('contributionId')}`)
          .select({ contribution: `c.${c.column('documentId')}`, at: `s.${s.column('createdAt')}` })
          .where(`s.${s.column('userId')}`, userId) as Promise<RawRow[]>,
        db(p.table)
          .select({ id: p.column('consultationDocumentId') })
          .where(p.column('userId'), userId) as Promise<RawRow[]>,
      ]);
      return { contributions: own, supports, participated: participated.map((x) => String(x.id)) };
    },

    /** Erasure: a citizen's contributions, supports and participations stay, under a tombstone and the erased author's name. */
    async tombstoneAuthor(trx: Knex.Transaction, userId: number, tombstone: number, erasedName: string) {
      const c = contributions();
      await trx(c.table)
        .where(c.column('authorId'), userId)
        .update(c.toColumns({ authorId: tombstone, authorName: erasedName }));
      for (const uid of [SUPPORT, PARTICIPANT]) {
        const t = rowsOf(strapi, uid);
        await trx(t.table)
          .where(t.column('userId'), userId)
          .update({ [t.column('userId')]: tombstone });
      }
    },

    /** A new contribution's row (built with `table().newRow`), in the caller's transaction. */
    async insert(trx: Knex.Transaction, row: Record<string, unknown>) {
      await trx(contributions().table).insert(row);
    },

    /** One more published comment on a contribution, atomically. */
    async countComment(trx: Knex.Transaction, id: number) {
      const c = contributions();
      await trx(c.table).where(c.column('id'), id).increment(c.column('commentsCount'), 1);
    },

    /** The author's edit of a contribution still pending moderation: false when it is no longer pending. */
    async editPending(id: number, text: { title: string; body: string; territoryCode: string | null; contentHash: string }) {
      const c = contributions();
      const updated = await knex()(c.table)
        .where(c.column('id'), id)
        .where(c.column('status'), 'pending')
        .update(c.toColumns({ ...text, updatedAt: new Date() }));
      return updated === 1;
    },

    /** What a support needs, in one read: the contribution (status, author) and its public consultation's context. */
    async supportTarget(documentId: string, now: Date) {
      const c = contributions();
      const l = contextColumns(strapi, 'l');
      const raw: RawRow | undefined = await l
        .wherePublic(
          knex()({ k: c.table })
            .select({ contributionId: `k.${c.column('id')}`, contributionStatus: `k.${c.column('status')}`, authorId: `k.${c.column('authorId')}` })
            .select(l.select)
            .join({ l: l.table }, `l.${l.column('consultationDocumentId')}`, `k.${c.column('consultationDocumentId')}`)
        )
        .where(`k.${c.column('documentId')}`, documentId)
        .first();
      const context = l.toContext(raw, now);
      if (!raw || !context) return null;
      return {
        id: Number(raw.contributionId),
        status: raw.contributionStatus as ModerationStatus,
        authorId: raw.authorId === null || raw.authorId === undefined ? null : Number(raw.authorId),
        context,
      };
    },
  };
}

export type SupportTarget = { id: number; consultationDocumentId: string };
export type ContributionsRepository = ReturnType<typeof contributionsRepository>;

/** A contribution by documentId, for another capability (follows). */
export const findContribution = (strapi: Core.Strapi, documentId: string) => contributionsRepository(strapi).find(documentId);
/** Contributions' titles by documentId, for another capability (follows). */
export const contributionTitles = (strapi: Core.Strapi, documentIds: string[]) => contributionsRepository(strapi).titles(documentIds);

/** The contributions said at a meeting (the meetings capability lists them on the meeting's page and report). */
export const meetingContributions = (strapi: Core.Strapi, meetingDocumentId: string, publishedOnly: boolean, limit: number, offset: number) =>
  contributionsRepository(strapi).ofMeeting(meetingDocumentId, publishedOnly, limit, offset);
