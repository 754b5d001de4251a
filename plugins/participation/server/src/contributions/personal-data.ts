import { publicConsultationTitles } from '../consultations/public';
import { rowsOf, toDate, type RawRow } from '../platform/database/rows';
import type { PersonalData } from '../platform/personal-data';
import { ERASED_AUTHOR } from '../platform/text';
import { CONTRIBUTION, PARTICIPANT, SUPPORT } from './repository';

const iso = (v: unknown) => toDate(v)?.toISOString() ?? null;
const FIELDS = [
  'id',
  'documentId',
  'consultationDocumentId',
  'title',
  'body',
  'territoryCode',
  'status',
  'moderationReason',
  'officialAnswerStatus',
  'officialAnswerText',
  'supportsCount',
  'commentsCount',
  'createdAt',
  'updatedAt',
];

/** A citizen's contributions (every status, the moderation's reason, the official answer), supports, and the consultations they took part in. */
export const contributionsPersonalData: PersonalData = {
  holds: [
    { uid: CONTRIBUTION, attribute: 'authorId' },
    { uid: SUPPORT, attribute: 'userId' },
    { uid: PARTICIPANT, attribute: 'userId' },
  ],
  async exportOf(strapi, userId) {
    const knex = strapi.db.connection;
    const c = rowsOf(strapi, CONTRIBUTION);
    const s = rowsOf(strapi, SUPPORT);
    const contributions: RawRow[] = await knex(c.table).select(c.select(FIELDS)).where(c.column('authorId'), userId).orderBy(c.column('createdAt'));
    const supports: RawRow[] = await knex({ s: s.table })
      .join({ c: c.table }, 'c.id', `s.${s.column('contributionId')}`)
      .select({ contribution: `c.${c.column('documentId')}`, at: `s.${s.column('createdAt')}` })
      .where(`s.${s.column('userId')}`, userId);
    const p = rowsOf(strapi, PARTICIPANT);
    const participated = (
      (await knex(p.table)
        .select({ id: p.column('consultationDocumentId') })
        .where(p.column('userId'), userId)) as RawRow[]
    ).map((x) => String(x.id));
    // Published titles only: a draft's text is staff's until they publish it.
    const titles = await publicConsultationTitles(strapi, [...new Set([...participated, ...contributions.map((x) => String(x.consultationDocumentId))])]);
    return {
      contributions: contributions.map(({ id: _id, consultationDocumentId, ...x }) => ({
        ...x,
        consultation: titles.get(String(consultationDocumentId))?.slug ?? null,
        createdAt: iso(x.createdAt),
        updatedAt: iso(x.updatedAt),
      })),
      supports: supports.map((x) => ({ contribution: x.contribution, at: iso(x.at) })),
      consultations: [...titles.values()].map((t) => ({ slug: t.slug, title: t.title })),
    };
  },
  async erase(strapi, trx, userId, tombstone) {
    const c = rowsOf(strapi, CONTRIBUTION);
    await trx(c.table)
      .where(c.column('authorId'), userId)
      .update(c.toColumns({ authorId: tombstone, authorName: ERASED_AUTHOR }));
    const s = rowsOf(strapi, SUPPORT);
    await trx(s.table)
      .where(s.column('userId'), userId)
      .update({ [s.column('userId')]: tombstone });
    const p = rowsOf(strapi, PARTICIPANT);
    await trx(p.table)
      .where(p.column('userId'), userId)
      .update({ [p.column('userId')]: tombstone });
  },
};
