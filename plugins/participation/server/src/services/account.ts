import type { Core } from '@strapi/strapi';
import { unauthorized } from '../domain/errors';
import { ERASED_AUTHOR } from '../domain/text';
import { toDate } from '../repositories/lifecycles';
import { rowsOf } from '../repositories/rows';
import type { Citizen } from './citizen';

const CONTRIBUTION = 'plugin::participation.contribution';
const COMMENT = 'plugin::participation.comment';
const SUPPORT = 'plugin::participation.support';
const REPORT = 'plugin::participation.report';
const PARTICIPANT = 'plugin::participation.participant';

/** A citizen's rights over their data: export everything, erase the account. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const iso = (v: unknown) => toDate(v)?.toISOString() ?? null;

  return {
    async export(citizen: Citizen | null) {
      if (!citizen) throw unauthorized();
      const user = await strapi.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { id: citizen.id }, select: ['username', 'email', 'createdAt', 'confirmed'] });
      const c = rowsOf(strapi, CONTRIBUTION);
      const m = rowsOf(strapi, COMMENT);
      const s = rowsOf(strapi, SUPPORT);
      const r = rowsOf(strapi, REPORT);
      const p = rowsOf(strapi, PARTICIPANT);
      const contributions = await knex()(c.table)
        .select(c.select(['id', 'documentId', 'consultationDocumentId', 'title', 'body', 'territoryCode', 'status', 'moderationReason', 'officialAnswerStatus', 'officialAnswerText', 'supportsCount', 'commentsCount', 'createdAt', 'updatedAt']))
        .where(c.column('authorId'), citizen.id)
        .orderBy(c.column('createdAt'));
      const comments = await knex()({ m: m.table })
        .leftJoin({ c: c.table }, `c.id`, `m.${m.column('contributionId')}`)
        .select({ documentId: `m.${m.column('documentId')}`, contribution: `c.${c.column('documentId')}`, body: `m.${m.column('body')}`, status: `m.${m.column('status')}`, moderationReason: `m.${m.column('moderationReason')}`, createdAt: `m.${m.column('createdAt')}` })
        .where(`m.${m.column('authorId')}`, citizen.id)
        .orderBy(`m.${m.column('createdAt')}`);
      const supports = await knex()({ s: s.table })
        .join({ c: c.table }, 'c.id', `s.${s.column('contributionId')}`)
        .select({ contribution: `c.${c.column('documentId')}`, at: `s.${s.column('createdAt')}` })
        .where(`s.${s.column('userId')}`, citizen.id);
      const reports = await knex()(r.table).select(r.select(['targetType', 'targetId', 'reason', 'details', 'createdAt'])).where(r.column('userId'), citizen.id);
      const targets = new Map<string, string>();
      for (const [type, rows] of [
        ['contribution', c],
        ['comment', m],
      ] as const) {
        const ids = reports.filter((x: any) => x.targetType === type).map((x: any) => x.targetId);
        if (!ids.length) continue;
        for (const t of await knex()(rows.table).select({ id: 'id', documentId: rows.column('documentId') }).whereIn('id', ids)) targets.set(`${type}:${t.id}`, t.documentId);
      }
      const consultationIds: string[] = (await knex()(p.table).select({ id: p.column('consultationDocumentId') }).where(p.column('userId'), citizen.id)).map((x: any) => x.id);
      const titles = await strapi.plugin('participation').service('moderation').consultationTitles([...new Set([...consultationIds, ...contributions.map((x: any) => x.consultationDocumentId)])]);
      return {
        data: {
          account: { username: user.username, email: user.email, createdAt: iso(user.createdAt), confirmed: !!user.confirmed },
          contributions: contributions.map(({ id, consultationDocumentId, ...x }: any) => ({
            ...x,
            consultation: titles.get(consultationDocumentId)?.slug ?? null,
            createdAt: iso(x.createdAt),
            updatedAt: iso(x.updatedAt),
          })),
          comments: comments.map((x: any) => ({ ...x, createdAt: iso(x.createdAt) })),
          supports: supports.map((x: any) => ({ contribution: x.contribution, at: iso(x.at) })),
          reports: reports.map((x: any) => ({ type: x.targetType, target: targets.get(`${x.targetType}:${x.targetId}`) ?? null, reason: x.reason, details: x.details ?? null, at: iso(x.createdAt) })),
          consultations: [...titles.values()].map((t: any) => ({ slug: t.slug ?? null, title: t.title ?? null })),
          exportedAt: new Date().toISOString(),
        },
      };
    },

    /**
     * Erases the account in one transaction: the user row goes (so every token stops working), and what the
     * citizen published stays, signed « Participant·e supprimé·e », attached to a tombstone id (the negated user
     * id, which no account can have) so that supports stay unique and every count stays as it was.
     */
    async erase(citizen: Citizen | null) {
      if (!citizen) throw unauthorized();
      const tombstone = -citizen.id;
      await strapi.db.transaction(async ({ trx }: { trx: any }) => {
        for (const uid of [CONTRIBUTION, COMMENT]) {
          const t = rowsOf(strapi, uid as any);
          await trx(t.table).where(t.column('authorId'), citizen.id).update(t.toColumns({ authorId: tombstone, authorName: ERASED_AUTHOR }));
        }
        for (const uid of [SUPPORT, REPORT, PARTICIPANT]) {
          const t = rowsOf(strapi, uid as any);
          await trx(t.table).where(t.column('userId'), citizen.id).update({ [t.column('userId')]: tombstone });
        }
        await strapi.db.query('plugin::users-permissions.user').delete({ where: { id: citizen.id } });
      });
      return { data: { erased: true as const } };
    },
  };
};
