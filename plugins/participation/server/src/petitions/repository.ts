import type { Core } from '@strapi/strapi';
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

/** Typed records in and out of the petition tables: never raw rows past this file. */
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

  return {
    petitions,
    schemes,
    signatures,
    events,
    toPetition,

    async petitionBy(where: { slug?: string; documentId?: string; id?: number }, db: Db = knex()): Promise<Petition | null> {
      const q = petitionQuery(db);
      if (where.slug !== undefined) q.where(petitions.column('slug'), where.slug);
      if (where.documentId !== undefined) q.where(petitions.column('documentId'), where.documentId);
      if (where.id !== undefined) q.where(petitions.column('id'), where.id);
      const row = await q.first();
      return row ? toPetition(row) : null;
    },

    petitionQuery,

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
    async countsByTerritory(db: Db, petitionId: number): Promise<{ total: number; byTerritory: Map<string, number> }> {
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

    async signatureOf(db: Db, petitionId: number, userId: number) {
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
