import type { Core } from '@strapi/strapi';
import { publicConsultationTitles } from '../consultations/repository';
import { rowsOf, toDate, type RawRow } from '../platform/database/rows';
import type { Citizen } from './citizen';
import { getService } from '../platform/services';
import { COMMENT, CONTRIBUTION, PARTICIPANT, REPORT, SUPPORT } from './tables';

/** GET /me/export — everything the platform holds about the citizen, as JSON (their right of access). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const iso = (v: unknown) => toDate(v)?.toISOString() ?? null;

  return {
    async export(citizen: Citizen) {
      const user = await strapi.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { id: citizen.id }, select: ['username', 'email', 'createdAt', 'confirmed'] });
      const c = rowsOf(strapi, CONTRIBUTION);
      const m = rowsOf(strapi, COMMENT);
      const s = rowsOf(strapi, SUPPORT);
      const r = rowsOf(strapi, REPORT);
      const p = rowsOf(strapi, PARTICIPANT);
      const contributions: RawRow[] = await knex()(c.table)
        .select(
          c.select([
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
          ])
        )
        .where(c.column('authorId'), citizen.id)
        .orderBy(c.column('createdAt'));
      const bp = rowsOf(strapi, 'plugin::participation.budget-project');
      const comments: RawRow[] = await knex()({ m: m.table })
        .leftJoin({ c: c.table }, `c.id`, `m.${m.column('contributionId')}`)
        .leftJoin({ bp: bp.table }, `bp.id`, `m.${m.column('budgetProjectId')}`)
        .select({
          documentId: `m.${m.column('documentId')}`,
          contribution: `c.${c.column('documentId')}`,
          budgetProject: `bp.${bp.column('documentId')}`,
          body: `m.${m.column('body')}`,
          status: `m.${m.column('status')}`,
          moderationReason: `m.${m.column('moderationReason')}`,
          createdAt: `m.${m.column('createdAt')}`,
        })
        .where(`m.${m.column('authorId')}`, citizen.id)
        .orderBy(`m.${m.column('createdAt')}`);
      const supports: RawRow[] = await knex()({ s: s.table })
        .join({ c: c.table }, 'c.id', `s.${s.column('contributionId')}`)
        .select({ contribution: `c.${c.column('documentId')}`, at: `s.${s.column('createdAt')}` })
        .where(`s.${s.column('userId')}`, citizen.id);
      const reports: RawRow[] = await knex()(r.table)
        .select(r.select(['targetType', 'targetId', 'reason', 'details', 'createdAt']))
        .where(r.column('userId'), citizen.id);
      const targets = new Map<string, string>();
      for (const [type, rows] of [
        ['contribution', c],
        ['comment', m],
      ] as const) {
        const ids = reports.filter((x) => x.targetType === type).map((x) => Number(x.targetId));
        if (!ids.length) continue;
        const found: RawRow[] = await knex()(rows.table)
          .select({ id: 'id', documentId: rows.column('documentId') })
          .whereIn('id', ids);
        for (const t of found) targets.set(`${type}:${t.id}`, String(t.documentId));
      }
      const consultationIds = (
        (await knex()(p.table)
          .select({ id: p.column('consultationDocumentId') })
          .where(p.column('userId'), citizen.id)) as RawRow[]
      ).map((x) => String(x.id));
      // Published titles only: a draft's text is staff's until they publish it.
      const titles = await publicConsultationTitles(strapi, [...new Set([...consultationIds, ...contributions.map((x) => String(x.consultationDocumentId))])]);
      return {
        data: {
          account: { username: user.username, email: user.email, createdAt: iso(user.createdAt), confirmed: !!user.confirmed },
          contributions: contributions.map(({ id: _id, consultationDocumentId, ...x }) => ({
            ...x,
            consultation: titles.get(String(consultationDocumentId))?.slug ?? null,
            createdAt: iso(x.createdAt),
            updatedAt: iso(x.updatedAt),
          })),
          comments: comments.map((x) => ({ ...x, createdAt: iso(x.createdAt) })),
          supports: supports.map((x) => ({ contribution: x.contribution, at: iso(x.at) })),
          reports: reports.map((x) => ({
            type: x.targetType,
            target: targets.get(`${x.targetType}:${x.targetId}`) ?? null,
            reason: x.reason,
            details: x.details ?? null,
            at: iso(x.createdAt),
          })),
          consultations: [...titles.values()].map((t) => ({ slug: t.slug, title: t.title })),
          ...(await getService(strapi, 'notifications').exportOf(citizen.id)),
          ...(await getService(strapi, 'petitions').exportOf(citizen.id)),
          ...(await getService(strapi, 'budget-reads').exportOf(citizen.id)),
          exportedAt: new Date().toISOString(),
        },
      };
    },

    /**
     * Erases the account in one transaction: the user row goes (so every token stops working), and what the
     * citizen published stays, signed « Participant·e supprimé·e », attached to a tombstone id (the negated user
     * id, which no account can have) so that supports stay unique and every count stays as it was.
     */
  };
};
