import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { whereSearchKey } from '../platform/database/columns';
import { rowsOf, isTrue, type Db } from '../platform/database/rows';
import { thresholdStages, type PetitionStatus, type SchemeRules, type ThresholdStage, type PetitionEventKind } from './domain/rules';

export const PETITION_UID = 'plugin::participation.petition' as const;
export const SCHEME_UID = 'plugin::participation.petition-scheme' as const;
export const SIGNATURE_UID = 'plugin::participation.petition-signature' as const;
export const EVENT_UID = 'plugin::participation.petition-event' as const;

export type Scheme = SchemeRules & {
  id: number;
  documentId: string;
  name: string;
  slug: string;
  kind: 'interpellation' | 'petition';
  description: string | null;
  criteria: string | null;
  acceptsPetitions: boolean;
};

export type Petition = {
  id: number;
  documentId: string;
  slug: string;
  schemeId: number;
  title: string;
  body: string;
  authorId: number | null;
  authorKind: 'citizen' | 'association' | 'collective';
  authorName: string;
  channel: 'web' | 'paper';
  provenance: string | null;
  communeCode: string | null;
  status: PetitionStatus;
  decisionReason: string | null;
  decidedAt: Date | null;
  forwardedTo: string | null;
  appealReason: string | null;
  appealDecisionReason: string | null;
  openedAt: Date | null;
  closesAt: Date | null;
  signaturesCount: number;
  paperPendingCount: number;
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
};

export type PetitionEvent = { kind: PetitionEventKind; stageKey: string | null; reason: string | null; actorName: string | null; at: Date };

const PETITION_ATTRS = [
  'id',
  'documentId',
  'slug',
  'schemeId',
  'title',
  'body',
  'authorId',
  'authorKind',
  'authorName',
  'channel',
  'provenance',
  'communeCode',
  'decisionReason',
  'decidedAt',
  'forwardedTo',
  'appealReason',
  'appealDecisionReason',
  'openedAt',
  'closesAt',
  'signaturesCount',
  'paperPendingCount',
  'answer',
  'answeredAt',
  'createdAt',
];
const SCHEME_ATTRS = [
  'id',
  'documentId',
  'name',
  'slug',
  'kind',
  'description',
  'criteria',
  'minimumAge',
  'groupingKey',
  'stages',
  'retentionDays',
  'acceptsPetitions',
];

const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v)));
const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Typed records in and out of the petition tables: the only place they are read or written (knex and raw SQL alike), never raw rows past this file. */
export function petitionsRepository(strapi: Core.Strapi) {
  const petitions = rowsOf(strapi, PETITION_UID);
  const schemes = rowsOf(strapi, SCHEME_UID);
  const signatures = rowsOf(strapi, SIGNATURE_UID);
  const events = rowsOf(strapi, EVENT_UID);
  const knex = () => strapi.db.connection;

  const toPetition = (r: Record<string, unknown>): Petition => ({
    ...(r as unknown as Petition),
    id: Number(r.id),
    schemeId: Number(r.schemeId),
    authorId: int(r.authorId),
    decidedAt: date(r.decidedAt),
    openedAt: date(r.openedAt),
    closesAt: date(r.closesAt),
    answeredAt: date(r.answeredAt),
    createdAt: date(r.createdAt)!,
    signaturesCount: Number(r.signaturesCount),
    paperPendingCount: Number(r.paperPendingCount),
  });

  const toScheme = (r: Record<string, unknown>): Scheme => {
    const raw = typeof r.stages === 'string' ? JSON.parse(r.stages) : r.stages;
    const parsed = thresholdStages.safeParse(raw);
    return {
      ...(r as unknown as Scheme),
      id: Number(r.id),
      minimumAge: Number(r.minimumAge),
      retentionDays: Number(r.retentionDays),
      groupingKey: (r.groupingKey as string | null) || null,
      stages: parsed.success ? parsed.data : ([] as ThresholdStage[]),
      acceptsPetitions: isTrue(r.acceptsPetitions),
    };
  };

  const petitionQuery = (db: Db) => db(petitions.table).select({ ...petitions.select(PETITION_ATTRS), status: petitions.column('petitionStatus') });

  // The tables stay in here: the rest of the capability reads and writes petitions through the methods below.
  return {
    async petitionBy(where: { slug?: string; documentId?: string; id?: number }, db: Db = knex()): Promise<Petition | null> {
      const q = petitionQuery(db);
      if (where.slug !== undefined) q.where(petitions.column('slug'), where.slug);
      if (where.documentId !== undefined) q.where(petitions.column('documentId'), where.documentId);
      if (where.id !== undefined) q.where(petitions.column('id'), where.id);
      const row = await q.first();
      return row ? toPetition(row) : null;
    },

    async schemeBy(where: { id?: number; slug?: string }, db: Db = knex()): Promise<Scheme | null> {
      const q = db(schemes.table).select(schemes.select(SCHEME_ATTRS));
      if (where.id !== undefined) q.where(schemes.column('id'), where.id);
      if (where.slug !== undefined) q.where(schemes.column('slug'), where.slug);
      const row = await q.first();
      return row ? toScheme(row) : null;
    },

    async allSchemes(db: Db = knex()): Promise<Scheme[]> {
      const rows = await db(schemes.table).select(schemes.select(SCHEME_ATTRS)).orderBy(schemes.column('name'));
      return rows.map(toScheme);
    },

    /** A conditional update from the state the caller read: false if another request changed it first. */
    async updateFrom(db: Db, id: number, from: PetitionStatus, changes: Record<string, unknown>): Promise<boolean> {
      const updated = await db(petitions.table)
        .where(petitions.column('id'), id)
        .where(petitions.column('petitionStatus'), from)
        .update(petitions.toColumns({ ...changes, updatedAt: new Date() }));
      return Number(updated) === 1;
    },

    /** Appends to the history; an event with a key already recorded (a stage reached twice) is ignored: false. */
    async record(
      db: Db,
      petitionId: number,
      event: {
        kind: PetitionEventKind;
        eventKey?: string;
        stageKey?: string | null;
        reason?: string | null;
        actor?: { id: number | null; name: string } | null;
      },
      at: Date
    ) {
      const key = event.eventKey ?? `${petitionId}:${event.kind}:${at.getTime()}:${Math.random().toString(36).slice(2, 10)}`;
      const inserted = (await db(events.table)
        .insert(
          events.newRow(
            {
              petitionId,
              eventKey: key,
              kind: event.kind,
              stageKey: event.stageKey ?? null,
              reason: event.reason ?? null,
              actorId: event.actor?.id ?? null,
              actorName: event.actor?.name ?? null,
              at,
            },
            at
          )
        )
        .onConflict(events.column('eventKey'))
        .ignore()
        .returning([events.column('id')])) as unknown[];
      return inserted.length > 0;
    },

    async history(petitionId: number, db: Db = knex()): Promise<PetitionEvent[]> {
      const rows = (await db(events.table)
        .select(events.select(['kind', 'stageKey', 'reason', 'actorName', 'at']))
        .where(events.column('petitionId'), petitionId)
        .orderBy([events.column('at'), events.column('id')])) as Record<string, unknown>[];
      return rows.map((r) => ({
        kind: r.kind as PetitionEventKind,
        stageKey: (r.stageKey as string) ?? null,
        reason: (r.reason as string) ?? null,
        actorName: (r.actorName as string) ?? null,
        at: date(r.at)!,
      }));
    },

    /** Verified signatures per territory code (null: no grouping), read in the caller's transaction. */
    async countsByTerritory(petitionId: number, db: Db = knex()): Promise<{ total: number; byTerritory: Map<string, number> }> {
      const rows = (await db(signatures.table)
        .select({ territory: signatures.column('territoryCode') })
        .count({ n: '*' })
        .where(signatures.column('petitionId'), petitionId)
        .where(signatures.column('verification'), 'verified')
        .groupBy(signatures.column('territoryCode'))) as { territory: string | null; n: number | string }[];
      const byTerritory = new Map<string, number>();
      let total = 0;
      for (const r of rows) {
        total += Number(r.n);
        if (r.territory) byTerritory.set(r.territory, Number(r.n));
      }
      return { total, byTerritory };
    },

    /** Adds `delta` to a petition's counter in one statement (a row lock that orders concurrent signatures); the new value. */
    async addToCount(db: Db, petitionId: number, attribute: 'signaturesCount' | 'paperPendingCount', delta: number): Promise<number> {
      const column = petitions.column(attribute);
      const rows = (await db(petitions.table)
        .where(petitions.column('id'), petitionId)
        .update({ [column]: db.raw('?? + ?', [column, delta]) })
        .returning([column])) as Record<string, unknown>[];
      return Number(rows[0]?.[column] ?? 0);
    },

    async signatureOf(petitionId: number, userId: number, db: Db = knex()) {
      const row = (await db(signatures.table)
        .select(signatures.select(['id', 'communeCode', 'territoryCode', 'showName', 'channel', 'verification', 'signedAt']))
        .where(signatures.column('petitionId'), petitionId)
        .where(signatures.column('signerKey'), `user:${userId}`)
        .first()) as Record<string, unknown> | undefined;
      return row
        ? {
            id: Number(row.id),
            communeCode: String(row.communeCode),
            territoryCode: (row.territoryCode as string) ?? null,
            showName: isTrue(row.showName),
            channel: row.channel as 'web' | 'paper',
            verification: row.verification as 'verified' | 'pending' | 'rejected',
            signedAt: date(row.signedAt)!,
          }
        : null;
    },

    /* Writes and reads for the use cases: the only place the petition tables are touched. */

    /** A new petition's row, its public id drawn and its slug made from it (`slugFor`): insert it with insertPetition. */
    newPetition(fields: Record<string, unknown>, now: Date, slugFor: (documentId: string) => string) {
      const row = petitions.newRow(fields, now);
      const documentId = String(row[petitions.column('documentId')]);
      row[petitions.column('slug')] = slugFor(documentId);
      return { row, documentId };
    },

    /** Inserts a row made by newPetition: its id. */
    async insertPetition(db: Db, row: Record<string, unknown>) {
      const [inserted] = (await db(petitions.table)
        .insert(row)
        .returning([petitions.column('id')])) as Record<string, unknown>[];
      return Number(inserted[petitions.column('id')] ?? Object.values(inserted)[0]);
    },

    /** Every petition of the given statuses (the scheduler's rounds). */
    async petitionsIn(statuses: PetitionStatus[], options: { retentionPending?: boolean } = {}): Promise<Petition[]> {
      const q = petitionQuery(knex()).whereIn(petitions.column('petitionStatus'), statuses);
      if (options.retentionPending) q.whereNull(petitions.column('retentionDoneAt'));
      return ((await q) as Record<string, unknown>[]).map(toPetition);
    },

    /** The petitions an account filed, newest first. */
    async petitionsOfAuthor(userId: number): Promise<Petition[]> {
      return (
        (await petitionQuery(knex()).where(petitions.column('authorId'), userId).orderBy(petitions.column('createdAt'), 'desc')) as Record<string, unknown>[]
      ).map(toPetition);
    },

    /** Public petitions matching the filters, one page, and their total. */
    async publicPage(filters: {
      statuses: readonly PetitionStatus[];
      schemeId?: number;
      q?: string;
      communes?: Knex.QueryBuilder | string[];
      sort: string;
      page: number;
      pageSize: number;
    }): Promise<{ rows: Petition[]; total: number }> {
      const base = knex()(petitions.table).whereIn(petitions.column('petitionStatus'), filters.statuses.length ? filters.statuses : ['none']);
      if (filters.schemeId !== undefined) base.where(petitions.column('schemeId'), filters.schemeId);
      if (filters.q) whereSearchKey(base, petitions.column('searchKey'), filters.q);
      if (filters.communes) base.whereIn(petitions.column('communeCode'), filters.communes);
      const [{ total }] = (await base.clone().count({ total: '*' })) as { total: number | string }[];
      const query = petitionQuery(knex()).whereIn(petitions.column('id'), base.clone().select(petitions.column('id')));
      if (filters.sort === '-signaturesCount') query.orderBy(petitions.column('signaturesCount'), 'desc');
      else if (filters.sort === 'closesAt')
        query.orderByRaw(`CASE WHEN ?? IS NULL THEN 1 ELSE 0 END, ?? ASC`, [petitions.column('closesAt'), petitions.column('closesAt')]);
      query.orderBy(petitions.column('createdAt'), 'desc').orderBy(petitions.column('id'), 'desc');
      const rows = ((await query.limit(filters.pageSize).offset((filters.page - 1) * filters.pageSize)) as Record<string, unknown>[]).map(toPetition);
      return { rows, total: Number(total) };
    },

    /** Every petition (under review included), newest first, one page; the total and the count per status. */
    async adminPage(filter: { status?: PetitionStatus; page: number; pageSize: number }) {
      const base = knex()(petitions.table).where((q) => {
        if (filter.status) q.where(petitions.column('petitionStatus'), filter.status);
      });
      // The count per status gives the total too: two statements, the page carrying its scheme's name.
      const counts = (await knex()(petitions.table)
        .select({ status: petitions.column('petitionStatus') })
        .count({ n: '*' })
        .groupBy(petitions.column('petitionStatus'))) as { status: PetitionStatus; n: number | string }[];
      const byStatus = new Map(counts.map((c) => [c.status, Number(c.n)]));
      const total = filter.status ? (byStatus.get(filter.status) ?? 0) : [...byStatus.values()].reduce((a, b) => a + b, 0);
      const raw = (await petitionQuery(knex())
        .select(
          knex().raw('(SELECT s.?? FROM ?? s WHERE s.id = ??.??) AS ??', [
            schemes.column('name'),
            schemes.table,
            petitions.table,
            petitions.column('schemeId'),
            'schemeName',
          ])
        )
        .whereIn(petitions.column('id'), base.clone().select(petitions.column('id')))
        .orderBy(petitions.column('createdAt'), 'desc')
        .orderBy(petitions.column('id'), 'desc')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize)) as Record<string, unknown>[];
      const rows = raw.map((r) => ({ ...toPetition(r), schemeName: (r.schemeName as string | null) ?? '' }));
      return { rows, total, counts: byStatus };
    },

    /** Marks a petition's retention as applied. */
    async markRetentionDone(db: Db, petitionId: number, now: Date) {
      await db(petitions.table)
        .where(petitions.column('id'), petitionId)
        .update(petitions.toColumns({ retentionDoneAt: now }));
    },

    /** The petitions an erased account filed keep their text: under `erasedName` when a citizen filed them, without its id in any case. */
    async eraseAuthor(db: Db, userId: number, erasedName: string) {
      await db(petitions.table)
        .where(petitions.column('authorId'), userId)
        .where(petitions.column('authorKind'), 'citizen')
        .update(petitions.toColumns({ authorId: null, authorName: erasedName }));
      await db(petitions.table)
        .where(petitions.column('authorId'), userId)
        .update(petitions.toColumns({ authorId: null }));
    },

    /** A new scheme; a taken slug is a unique violation for the caller to turn into a field error. */
    async insertScheme(fields: Record<string, unknown>, now: Date) {
      await knex()(schemes.table).insert(schemes.newRow(fields, now));
    },

    /** Updates a scheme: false when there is none with that public id. */
    async updateScheme(documentId: string, fields: Record<string, unknown>, now: Date) {
      return (
        Number(
          await knex()(schemes.table)
            .where(schemes.column('documentId'), documentId)
            .update(schemes.toColumns({ ...fields, updatedAt: now }))
        ) > 0
      );
    },

    /** The stage keys already recorded (reached or missed) for a petition. */
    async recordedStages(db: Db, petitionId: number): Promise<Set<string>> {
      const rows = (await db(events.table)
        .select({ stageKey: events.column('stageKey') })
        .where(events.column('petitionId'), petitionId)
        .whereIn(events.column('kind'), ['stage_reached', 'stage_missed'])) as { stageKey: string }[];
      return new Set(rows.map((r) => r.stageKey));
    },

    /** A signature, online or on paper. */
    async insertSignature(db: Db, fields: Record<string, unknown>, now: Date) {
      await db(signatures.table).insert(signatures.newRow(fields, now));
    },

    /** Withdraws a signer's signature: how many rows went (0 or 1). */
    async deleteSignatureOf(db: Db, petitionId: number, signerKey: string) {
      return Number(await db(signatures.table).where(signatures.column('petitionId'), petitionId).where(signatures.column('signerKey'), signerKey).delete());
    },

    /** The second check of a paper signature, once: false when it was already checked (or is not this petition's). */
    async verifySignature(db: Db, petitionId: number, signatureId: number, fields: Record<string, unknown>) {
      const changed = await db(signatures.table)
        .where(signatures.column('id'), signatureId)
        .where(signatures.column('petitionId'), petitionId)
        .where(signatures.column('verification'), 'pending')
        .update(signatures.toColumns(fields));
      return Number(changed) > 0;
    },

    /** Paper signatures waiting for their check, oldest first (at most 200). */
    async pendingPaperSignatures(petitionId: number) {
      const rows = (await knex()(signatures.table)
        .select(signatures.select(['id', 'signerName', 'communeCode', 'territoryCode', 'provenance', 'verificationNote', 'signedAt']))
        .where(signatures.column('petitionId'), petitionId)
        .where(signatures.column('verification'), 'pending')
        .orderBy(signatures.column('id'))
        .limit(200)) as Record<string, unknown>[];
      return rows.map((x) => ({
        id: Number(x.id),
        name: (x.signerName as string) ?? '',
        communeCode: String(x.communeCode),
        territoryCode: (x.territoryCode as string) ?? null,
        provenance: (x.provenance as string) ?? null,
        note: (x.verificationNote as string) ?? null,
        signedAt: date(x.signedAt)!,
      }));
    },

    /** Every signature of a petition with the signer's name, for the nominative export. */
    async signaturesForExport(petitionId: number) {
      const rows = (await knex()(signatures.table)
        .select(signatures.select(['signerName', 'showName', 'communeCode', 'territoryCode', 'channel', 'provenance', 'verification', 'signedAt']))
        .where(signatures.column('petitionId'), petitionId)
        .orderBy(signatures.column('id'))) as Record<string, unknown>[];
      return rows.map((x) => ({
        signerName: (x.signerName as string | null) ?? null,
        showName: isTrue(x.showName),
        communeCode: String(x.communeCode),
        territoryCode: (x.territoryCode as string | null) ?? null,
        channel: String(x.channel),
        provenance: (x.provenance as string | null) ?? null,
        verification: String(x.verification),
        signedAt: date(x.signedAt)!,
      }));
    },

    /** The names signers agreed to show, newest first, one page, and how many there are. */
    async publicSignatures(petitionId: number, page: number, pageSize: number) {
      const base = knex()(signatures.table)
        .where(signatures.column('petitionId'), petitionId)
        .where(signatures.column('verification'), 'verified')
        .where(signatures.column('showName'), true)
        .whereNotNull(signatures.column('signerName'));
      const [{ total }] = (await base.clone().count({ total: '*' })) as { total: number | string }[];
      const rows = (await base
        .clone()
        .select({ name: signatures.column('signerName'), communeCode: signatures.column('communeCode'), signedAt: signatures.column('signedAt') })
        .orderBy(signatures.column('signedAt'), 'desc')
        .orderBy(signatures.column('id'), 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)) as { name: string; communeCode: string; signedAt: unknown }[];
      return { rows: rows.map((x) => ({ name: x.name, communeCode: x.communeCode, signedAt: date(x.signedAt)! })), total: Number(total) };
    },

    /** What an account signed, newest first, with each petition's title and slug and its status. */
    async signaturesOfUser(userId: number, db: Db = knex()) {
      const rows = (await db({ s: signatures.table })
        .join({ p: petitions.table }, `p.${petitions.column('id')}`, `s.${signatures.column('petitionId')}`)
        .select({
          id: `s.${signatures.column('id')}`,
          petitionId: `p.${petitions.column('id')}`,
          status: `p.${petitions.column('petitionStatus')}`,
          title: `p.${petitions.column('title')}`,
          slug: `p.${petitions.column('slug')}`,
          communeCode: `s.${signatures.column('communeCode')}`,
          showName: `s.${signatures.column('showName')}`,
          signedAt: `s.${signatures.column('signedAt')}`,
        })
        .where(`s.${signatures.column('userId')}`, userId)
        .orderBy(`s.${signatures.column('signedAt')}`, 'desc')) as Record<string, unknown>[];
      return rows.map((x) => ({
        id: Number(x.id),
        petitionId: Number(x.petitionId),
        status: x.status as PetitionStatus,
        title: String(x.title),
        slug: String(x.slug),
        communeCode: String(x.communeCode),
        showName: isTrue(x.showName),
        signedAt: date(x.signedAt)!,
      }));
    },

    /** A signature withdrawn (its signer's account erased while signatures are open). */
    async deleteSignature(db: Db, signatureId: number) {
      await db(signatures.table).where(signatures.column('id'), signatureId).delete();
    },

    /** A signature that stays counted without anything that identifies its signer. */
    async anonymiseSignature(db: Db, signatureId: number) {
      await db(signatures.table)
        .where(signatures.column('id'), signatureId)
        .update({
          [signatures.column('userId')]: null,
          [signatures.column('signerName')]: null,
          [signatures.column('showName')]: false,
          [signatures.column('signerKey')]: `erased:${signatureId}`,
        });
    },

    /** The retention period is over: every signature of the petition loses its personal data (counts stay). How many. */
    async expireSignatures(db: Db, petitionId: number) {
      return Number(
        await db(signatures.table)
          .where(signatures.column('petitionId'), petitionId)
          .update({
            [signatures.column('userId')]: null,
            [signatures.column('signerName')]: null,
            [signatures.column('showName')]: false,
            [signatures.column('provenance')]: null,
            [signatures.column('verificationNote')]: null,
            [signatures.column('signerKey')]: db.raw(`'expired:' || ??`, [signatures.column('id')]),
          })
      );
    },

    /** The département's population (the sum of its communes', as loaded), for thresholds in proportion to it. */
    async departementPopulation(db: Db = knex()): Promise<number> {
      const t = rowsOf(strapi, 'plugin::participation.territory');
      const row = (await db(t.table)
        .select({ population: t.column('population') })
        .where(t.column('kind'), 'departement')
        .first()) as { population: unknown } | undefined;
      return Number(row?.population ?? 0);
    },
  };
}

export type PetitionsRepository = ReturnType<typeof petitionsRepository>;
