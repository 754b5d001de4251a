import type { Core } from '@strapi/strapi';
import { keysetPages } from '../platform/database/keyset';
import { rowsOf, toDate, type RawRow } from '../platform/database/rows';
import type { ExportFormat, ExportRow } from './domain/columns';

const CONTRIBUTION = 'plugin::participation.contribution' as const;
const COMMENT = 'plugin::participation.comment' as const;
const TERRITORY = 'plugin::participation.territory' as const;
const USER = 'plugin::users-permissions.user' as const;
const EXPORT_LOG = 'plugin::participation.export-log' as const;

/** Keyset on `id`: the export's rows in the order they were written. */
const afterId = (after: number | null) => after ?? 0;
const idOf = (r: RawRow) => Number(r.id);

/** The author's e-mail and account id, for exports that include personal data. */
const personalOf = (r: RawRow) => ({
  email: (r.email as string | null) ?? null,
  userId: r.userId === null || r.userId === undefined ? null : Number(r.userId),
});

/**
 * Every contribution of a consultation, then every comment, in pages (keyset on id), with the commune and its
 * EPCI; the author's e-mail and account id only when `personal` is true.
 */
export async function* exportRows(strapi: Core.Strapi, consultationDocumentId: string, personal: boolean): AsyncGenerator<ExportRow[]> {
  const knex = strapi.db.connection;
  const c = rowsOf(strapi, CONTRIBUTION);
  const m = rowsOf(strapi, COMMENT);
  const t = rowsOf(strapi, TERRITORY);
  const u = rowsOf(strapi, USER);
  const people = (alias: string, column: (a: string) => string) =>
    personal ? { email: `u.${u.column('email')}`, userId: `${alias}.${column('authorId')}` } : {};

  yield* keysetPages<ExportRow, number>(
    (after) =>
      knex({ c: c.table })
        .leftJoin({ t: t.table }, `t.${t.column('inseeCode')}`, `c.${c.column('territoryCode')}`)
        .leftJoin({ e: t.table }, `e.${t.column('inseeCode')}`, `t.${t.column('parentCode')}`)
        .modify((q) => (personal ? q.leftJoin({ u: u.table }, `u.id`, `c.${c.column('authorId')}`) : q))
        .select({
          id: 'c.id',
          ...c.select(
            [
              'documentId',
              'title',
              'body',
              'authorName',
              'channel',
              'territoryCode',
              'status',
              'moderationReason',
              'supportsCount',
              'commentsCount',
              'reportsCount',
              'officialAnswerStatus',
              'officialAnswerText',
              'officialAnswerAt',
              'createdAt',
            ],
            'c'
          ),
          commune: `t.${t.column('name')}`,
          epci: `e.${t.column('name')}`,
          ...people('c', c.column),
        })
        .where(`c.${c.column('consultationDocumentId')}`, consultationDocumentId)
        .where('c.id', '>', afterId(after))
        .orderBy('c.id'),
    idOf,
    (r): ExportRow => ({
      type: 'contribution',
      documentId: String(r.documentId),
      contribution: String(r.documentId),
      parent: null,
      title: (r.title as string | null) ?? null,
      body: String(r.body ?? ''),
      author: (r.authorName as string | null) ?? null,
      channel: (r.channel as string | null) ?? null,
      commune: (r.commune as string | null) ?? null,
      communeCode: (r.territoryCode as string | null) ?? null,
      epci: (r.epci as string | null) ?? null,
      status: String(r.status),
      moderationReason: (r.moderationReason as string | null) ?? null,
      supports: Number(r.supportsCount ?? 0),
      comments: Number(r.commentsCount ?? 0),
      reports: Number(r.reportsCount ?? 0),
      answerStatus: (r.officialAnswerStatus as string | null) ?? null,
      answerText: (r.officialAnswerText as string | null) ?? null,
      answeredAt: toDate(r.officialAnswerAt),
      createdAt: toDate(r.createdAt)!,
      ...(personal ? personalOf(r) : {}),
    })
  );

  yield* keysetPages<ExportRow, number>(
    (after) =>
      knex({ m: m.table })
        .join({ c: c.table }, 'c.id', `m.${m.column('contributionId')}`)
        .leftJoin({ p: m.table }, 'p.id', `m.${m.column('parentId')}`)
        .modify((q) => (personal ? q.leftJoin({ u: u.table }, `u.id`, `m.${m.column('authorId')}`) : q))
        .select({
          id: 'm.id',
          ...m.select(['documentId', 'body', 'authorName', 'status', 'moderationReason', 'reportsCount', 'createdAt'], 'm'),
          contribution: `c.${c.column('documentId')}`,
          parent: `p.${m.column('documentId')}`,
          ...people('m', m.column),
        })
        .where(`m.${m.column('consultationDocumentId')}`, consultationDocumentId)
        .where('m.id', '>', afterId(after))
        .orderBy('m.id'),
    idOf,
    (r): ExportRow => ({
      type: 'comment',
      documentId: String(r.documentId),
      contribution: String(r.contribution),
      parent: (r.parent as string | null) ?? null,
      title: null,
      body: String(r.body ?? ''),
      author: (r.authorName as string | null) ?? null,
      channel: null,
      commune: null,
      communeCode: null,
      epci: null,
      status: String(r.status),
      moderationReason: (r.moderationReason as string | null) ?? null,
      supports: null,
      comments: null,
      reports: Number(r.reportsCount ?? 0),
      answerStatus: null,
      answerText: null,
      answeredAt: null,
      createdAt: toDate(r.createdAt)!,
      ...(personal ? personalOf(r) : {}),
    })
  );
}

/** An export, logged before its file leaves: what, in which format, by whom, with or without personal data. */
export async function insertExportLog(
  strapi: Core.Strapi,
  entry: { subjectDocumentId: string; subjectType?: string; format: ExportFormat; personalData: boolean; actor: { id: number; name: string } },
  at: Date
) {
  const log = rowsOf(strapi, EXPORT_LOG);
  await strapi.db.connection(log.table).insert(
    log.newRow(
      {
        consultationDocumentId: entry.subjectDocumentId,
        ...(entry.subjectType ? { subjectType: entry.subjectType } : {}),
        format: entry.format,
        personalData: entry.personalData,
        actorId: entry.actor.id,
        actorName: entry.actor.name,
        at,
      },
      at
    )
  );
}

/** The export log, newest first. */
export async function exportLog(strapi: Core.Strapi, limit: number) {
  const log = rowsOf(strapi, EXPORT_LOG);
  const rows: RawRow[] = await strapi.db
    .connection(log.table)
    .select(log.select(['consultationDocumentId', 'subjectType', 'format', 'personalData', 'actorName', 'at']))
    .orderBy(log.column('at'), 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  return rows.map((r) => ({
    consultationDocumentId: String(r.consultationDocumentId),
    subjectType: (r.subjectType as string | null) ?? 'consultation',
    format: r.format as ExportFormat,
    personalData: r.personalData === true || r.personalData === 1,
    actorName: (r.actorName as string | null) ?? null,
    at: new Date(r.at as string),
  }));
}
