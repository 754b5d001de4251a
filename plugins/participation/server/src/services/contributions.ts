import crypto from 'crypto';
import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { conflict, forbidden, notFound, unauthorized, validationFailed } from '../domain/errors';
import { initialStatus, type ModerationStatus, type TargetType } from '../domain/moderation';
import { refusalError, refusalFor, type ParticipationAction } from '../domain/participation';
import { searchKey } from '../domain/text';
import { paginationMeta } from '../domain/validation';
import { tableOf } from '../repositories/columns';
import { incrementLifecycle, lifecycleTable, toDate, type LifecycleCounter } from '../repositories/lifecycles';
import { contextColumns, participationContext, type ParticipationContext } from '../repositories/participation-context';
import { numberParam, param, runPrepared } from '../repositories/prepared';
import { isTrue, isUniqueViolation, rowsOf } from '../repositories/rows';
import type { Citizen } from './citizen';
import type { Decided } from './moderation';

const CONTRIBUTION = 'plugin::participation.contribution';
const COMMENT = 'plugin::participation.comment';
const SUPPORT = 'plugin::participation.support';
const REPORT = 'plugin::participation.report';
const PARTICIPANT = 'plugin::participation.participant';
const TERRITORY = 'plugin::participation.territory';

const CHANNEL_AUTHORS = { paper: 'Contribution papier', mail: 'Contribution reçue par courrier', meeting: 'Contribution en réunion publique' };

export const MAX_COMMENT_DEPTH = 2; // replies to replies to a comment: three levels in all

export type ContributionInput = { title: string; body: string; territory?: string | null };
export type ListFilters = {
  sort: '-createdAt' | '-supportsCount' | 'random';
  seed?: number;
  territory?: string;
  answered?: boolean;
  cursor?: string;
  page: number;
  pageSize: number;
};

/** Same words, same citizen, same place: a repeated post. Case, accents and spacing do not make it new. */
const contentHash = (...parts: string[]) => crypto.createHash('sha256').update(parts.map(searchKey).join('\u0000')).digest('hex');

const CONTRIBUTION_FIELDS = [
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
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const contributions = () => rowsOf(strapi, CONTRIBUTION);

  async function contextOrNotFound(by: { slug: string } | { documentId: string }) {
    const context = await participationContext(strapi, by);
    if (!context) throw notFound('Consultation introuvable.');
    return context;
  }

  function gate(context: ParticipationContext, action: ParticipationAction, citizen: Citizen | null) {
    const refusal = refusalFor(action, context.rules, context.row.status, context.phase, !!citizen);
    if (refusal) throw refusalError(refusal);
  }

  const bumpLifecycle = (trx: Knex.Transaction, consultationDocumentId: string, counter: LifecycleCounter, by: number) =>
    incrementLifecycle(strapi, trx, consultationDocumentId, counter, by);

  /**
   * Counts the citizen once per consultation (unique row, insert-or-nothing); anonymous contributions count one
   * each. With `limit`, also takes one of the citizen's contribution slots, refused by the database itself
   * (conditional increment) when none is left.
   */
  async function registerParticipant(trx: Knex.Transaction, consultationDocumentId: string, citizen: Citizen | null, limit?: { max: number | null }) {
    if (!citizen) {
      await bumpLifecycle(trx, consultationDocumentId, 'participantsCount', 1);
      return;
    }
    const p = rowsOf(strapi, PARTICIPANT);
    const inserted = await trx(p.table)
      .insert(p.newRow({ consultationDocumentId, userId: citizen.id, contributionsCount: 0 }))
      .onConflict([p.column('consultationDocumentId'), p.column('userId')])
      .ignore()
      .returning([p.column('id')]);
    if (inserted.length > 0) await bumpLifecycle(trx, consultationDocumentId, 'participantsCount', 1);
    if (!limit) return;
    const slot = trx(p.table).where(p.column('consultationDocumentId'), consultationDocumentId).where(p.column('userId'), citizen.id);
    if (limit.max !== null) slot.where(p.column('contributionsCount'), '<', limit.max);
    const taken = await slot.increment(p.column('contributionsCount'), 1);
    if (taken !== 1) {
      throw conflict('contribution_limit_reached', `Vous avez déjà déposé ${limit.max} contribution(s) sur cette consultation, le maximum.`);
    }
  }

  /** A commune's INSEE code checked against the territories; answers its names by code, for the response. */
  async function assertTerritory(code: string | null | undefined) {
    if (!code) return { code: null, names: new Map<string, string>() };
    const t = tableOf(strapi, TERRITORY);
    const found = await knex()(t.table).select({ name: t.column('name') }).where(t.column('inseeCode'), code).where(t.column('kind'), 'commune').first();
    if (!found) throw validationFailed([{ path: ['territory'], message: 'Commune inconnue (code INSEE attendu).' }]);
    return { code, names: new Map([[code, found.name as string]]) };
  }

  async function loadContribution(documentId: string, db: Knex | Knex.Transaction = knex()) {
    const c = contributions();
    const row = await db(c.table).select(c.select(CONTRIBUTION_FIELDS)).where(c.column('documentId'), documentId).first();
    return row ? { ...row, id: Number(row.id), authorId: row.authorId ?? null } : null;
  }

  /** A published contribution, or the author's own in any status; 404 for everyone else alike. */
  async function visibleContribution(documentId: string, citizen: Citizen | null) {
    const row = await loadContribution(documentId);
    if (!row) throw notFound('Contribution introuvable.');
    const isAuthor = !!citizen && row.authorId === citizen.id;
    if (row.status !== 'published' && !isAuthor) throw notFound('Contribution introuvable.');
    return { row, isAuthor };
  }

  async function territoryNames(codes: string[]) {
    if (!codes.length) return new Map<string, string>();
    const t = tableOf(strapi, TERRITORY);
    const rows = await knex()(t.table).select({ code: t.column('inseeCode'), name: t.column('name') }).whereIn(t.column('inseeCode'), codes);
    return new Map(rows.map((r: any) => [r.code, r.name]));
  }

  async function viewerMarks(userId: number | undefined, type: TargetType, ids: number[]) {
    const supported = new Set<number>();
    const reported = new Set<number>();
    if (!userId || !ids.length) return { supported, reported };
    if (type === 'contribution') {
      const s = rowsOf(strapi, SUPPORT);
      for (const r of await knex()(s.table).select({ id: s.column('contributionId') }).where(s.column('userId'), userId).whereIn(s.column('contributionId'), ids)) supported.add(Number(r.id));
    }
    const r = rowsOf(strapi, REPORT);
    for (const x of await knex()(r.table).select({ id: r.column('targetId') }).where(r.column('userId'), userId).where(r.column('targetType'), type).whereIn(r.column('targetId'), ids)) reported.add(Number(x.id));
    return { supported, reported };
  }

  /** The public shape of a contribution; moderation details only for its author. */
  function present(row: any, opts: { territories: Map<string, string>; citizen: Citizen | null; context?: ParticipationContext | null; supported?: boolean; reported?: boolean }) {
    const isAuthor = !!opts.citizen && row.authorId === opts.citizen.id;
    const published = row.status === 'published';
    const refusal = (action: ParticipationAction) => (opts.context ? refusalFor(action, opts.context.rules, opts.context.row.status, opts.context.phase, !!opts.citizen) : 'consultation_closed');
    const supportRefusal = !published ? 'contribution_not_published' : refusal('support');
    const commentRefusal = !published ? 'contribution_not_published' : refusal('comment');
    return {
      documentId: row.documentId,
      title: row.title,
      body: row.body,
      territory: row.territoryCode ? { inseeCode: row.territoryCode, name: opts.territories.get(row.territoryCode) ?? null } : null,
      author: { displayName: row.authorName ?? 'Anonyme' },
      channel: row.channel,
      createdAt: toDate(row.createdAt),
      counts: { supports: Number(row.supportsCount ?? 0), comments: Number(row.commentsCount ?? 0) },
      officialAnswer: row.officialAnswerStatus
        ? { status: row.officialAnswerStatus, text: row.officialAnswerText ?? null, answeredAt: toDate(row.officialAnswerAt) }
        : null,
      ...(isAuthor ? { moderation: { status: row.status, reason: row.moderationReason ?? null } } : {}),
      viewer: {
        isAuthor,
        canEdit: isAuthor && row.status === 'pending',
        canSupport: !supportRefusal && !isAuthor,
        hasSupported: !!opts.supported,
        canComment: !commentRefusal,
        canReport: !!opts.citizen && published && !isAuthor && !opts.reported,
        hasReported: !!opts.reported,
        ...(supportRefusal ? { reason: supportRefusal } : isAuthor ? { reason: 'own_contribution' } : {}),
      },
    };
  }

  type SupportTarget = { id: number; consultationDocumentId: string };

  /**
   * PostgreSQL: the whole support (or withdrawal) as one statement, answering the contribution's new count.
   * `changed` holds the support row inserted or deleted (none when it already was so: idempotent); the
   * participant row is insert-or-nothing; both counters move by what changed, on rows locked by the update.
   */
  async function supportInOneStatement(target: SupportTarget, citizen: Citizen, supported: boolean): Promise<number> {
    const s = rowsOf(strapi, SUPPORT);
    const p = rowsOf(strapi, PARTICIPANT);
    const c = contributions();
    const l = lifecycleTable(strapi);
    const values = (row: Record<string, unknown>) => ({
      sql: `(${Object.keys(row).map(() => '??').join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`,
      bindings: [...Object.keys(row), ...Object.values(row)],
    });
    const support = values(s.newRow({ contributionId: target.id, userId: citizen.id }));
    const participant = values(p.newRow({ consultationDocumentId: target.consultationDocumentId, userId: citizen.id, contributionsCount: 0 }));
    const sign = supported ? '+' : '-';
    const changed = supported
      ? { sql: `INSERT INTO ?? ${support.sql} ON CONFLICT (??, ??) DO NOTHING RETURNING 1`, bindings: [s.table, ...support.bindings, s.column('contributionId'), s.column('userId')] }
      : { sql: `DELETE FROM ?? WHERE ?? = ? AND ?? = ? RETURNING 1`, bindings: [s.table, s.column('contributionId'), target.id, s.column('userId'), citizen.id] };
    const joined = supported
      ? { sql: `INSERT INTO ?? ${participant.sql} ON CONFLICT (??, ??) DO NOTHING RETURNING 1`, bindings: [p.table, ...participant.bindings, p.column('consultationDocumentId'), p.column('userId')] }
      : { sql: `SELECT 1 WHERE false`, bindings: [] };
    const { rows } = await knex().raw(
      `WITH changed AS (${changed.sql}),
       joined AS (${joined.sql}),
       counted AS (UPDATE ?? SET ?? = ?? ${sign} (SELECT COUNT(*) FROM changed) WHERE ?? = ? RETURNING ?? AS n),
       consultation AS (
         UPDATE ?? SET ?? = ?? ${sign} (SELECT COUNT(*) FROM changed), ?? = ?? + (SELECT COUNT(*) FROM joined)
         WHERE ?? = ? AND (EXISTS (SELECT 1 FROM changed) OR EXISTS (SELECT 1 FROM joined))
       )
       SELECT n FROM counted`,
      [
        ...changed.bindings,
        ...joined.bindings,
        c.table, c.column('supportsCount'), c.column('supportsCount'), c.column('id'), target.id, c.column('supportsCount'),
        l.table, l.column('supportsCount'), l.column('supportsCount'), l.column('participantsCount'), l.column('participantsCount'),
        l.column('consultationDocumentId'), target.consultationDocumentId,
      ]
    );
    return Number(rows[0].n);
  }

  /** SQLite (one writer, in-process): the same steps, one statement each, in one transaction. */
  async function supportStepByStep(target: SupportTarget, citizen: Citizen, supported: boolean): Promise<number> {
    const s = rowsOf(strapi, SUPPORT);
    const c = contributions();
    return knex().transaction(async (trx) => {
      let changed = 0;
      if (supported) {
        const inserted = await trx(s.table)
          .insert(s.newRow({ contributionId: target.id, userId: citizen.id }))
          .onConflict([s.column('contributionId'), s.column('userId')])
          .ignore()
          .returning([s.column('id')]);
        changed = inserted.length;
        if (changed) await registerParticipant(trx, target.consultationDocumentId, citizen);
      } else {
        changed = -(await trx(s.table).where(s.column('contributionId'), target.id).where(s.column('userId'), citizen.id).del());
      }
      if (changed !== 0) await bumpLifecycle(trx, target.consultationDocumentId, 'supportsCount', changed);
      const [fresh] = await trx(c.table)
        .where(c.column('id'), target.id)
        .increment(c.column('supportsCount'), changed)
        .returning([c.column('supportsCount')]);
      return Number(fresh[c.column('supportsCount')]);
    });
  }

  return {
    /** POST /consultations/:slug/contributions */
    async submit(slug: string, citizen: Citizen | null, input: ContributionInput) {
      const context = await contextOrNotFound({ slug });
      gate(context, 'contribute', citizen);
      const territory = await assertTerritory(input.territory);
      const status = initialStatus(context.rules.moderationMode);
      const c = contributions();
      const consultationDocumentId = context.row.consultationDocumentId;
      const attributes = {
        documentId: createId(),
        consultationDocumentId,
        title: input.title,
        body: input.body,
        territoryCode: territory.code,
        authorId: citizen?.id ?? null,
        authorName: citizen?.displayName ?? null,
        channel: 'web',
        status,
        moderationReason: null,
        officialAnswerStatus: null,
        supportsCount: 0,
        commentsCount: 0,
        reportsCount: 0,
        contentHash: citizen ? contentHash(input.title, input.body) : null,
        createdAt: new Date(),
      };
      try {
        await knex().transaction(async (trx) => {
          await registerParticipant(trx, consultationDocumentId, citizen, { max: context.rules.maxContributionsPerUser });
          await trx(c.table).insert(c.newRow(attributes, attributes.createdAt));
          if (status === 'published') await bumpLifecycle(trx, consultationDocumentId, 'contributionsCount', 1);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('duplicate_contribution', 'Vous avez déjà déposé cette contribution.');
        throw error;
      }
      // What was written is what is shown: no read back.
      return { data: present(attributes, { territories: territory.names, citizen, context }) };
    },

    /**
     * An agent enters a contribution received on paper, by mail or at a public meeting: published at once (the
     * agent read it), counted like any other, attributed to the name the agent gives, never to an account.
     */
    async enter(consultationDocumentId: string, agent: { id: number }, input: ContributionInput & { channel: 'paper' | 'mail' | 'meeting'; authorName?: string }) {
      const context = await participationContext(strapi, { documentId: consultationDocumentId });
      if (!context) throw notFound('Consultation introuvable ou non publiée.');
      if (!['open', 'closed'].includes(context.row.status)) {
        throw conflict('consultation_not_open', 'On saisit les contributions reçues pendant la consultation, une fois celle-ci ouverte.');
      }
      const territory = await assertTerritory(input.territory);
      const territoryCode = territory.code;
      const c = contributions();
      const row = c.newRow({
        consultationDocumentId,
        title: input.title,
        body: input.body,
        territoryCode,
        authorId: null,
        authorName: input.authorName ?? CHANNEL_AUTHORS[input.channel],
        channel: input.channel,
        enteredById: agent.id,
        status: initialStatus(context.rules.moderationMode, true),
        supportsCount: 0,
        commentsCount: 0,
        reportsCount: 0,
        contentHash: null,
      });
      await knex().transaction(async (trx) => {
        await trx(c.table).insert(row);
        await bumpLifecycle(trx, consultationDocumentId, 'contributionsCount', 1);
        await bumpLifecycle(trx, consultationDocumentId, 'participantsCount', 1);
      });
      const created = await loadContribution(row[c.column('documentId')] as string);
      return { data: present(created, { territories: territory.names, citizen: null, context }) };
    },

    /** PUT /contributions/:id — its author, while it waits for moderation. */
    async edit(documentId: string, citizen: Citizen | null, input: Partial<ContributionInput>) {
      if (!citizen) throw unauthorized();
      const { row, isAuthor } = await visibleContribution(documentId, citizen);
      if (!isAuthor) throw forbidden('not_author', 'Seul·e son auteur·rice peut modifier une contribution.');
      if (row.status !== 'pending') throw conflict('not_editable', 'Une contribution ne se modifie plus une fois modérée.');
      const territoryCode = input.territory !== undefined ? (await assertTerritory(input.territory)).code : row.territoryCode;
      const c = contributions();
      const title = input.title ?? row.title;
      const body = input.body ?? row.body;
      try {
        const updated = await knex()(c.table)
          .where(c.column('id'), row.id)
          .where(c.column('status'), 'pending')
          .update(c.toColumns({ title, body, territoryCode, contentHash: contentHash(title, body), updatedAt: new Date() }));
        if (updated !== 1) throw conflict('not_editable', 'Une contribution ne se modifie plus une fois modérée.');
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('duplicate_contribution', 'Vous avez déjà déposé une contribution identique.');
        throw error;
      }
      const context = await participationContext(strapi, { documentId: row.consultationDocumentId });
      const fresh = await loadContribution(documentId);
      return { data: present(fresh, { territories: await territoryNames(territoryCode ? [territoryCode] : []), citizen, context }) };
    },

    /**
     * POST/DELETE /contributions/:id/supports — idempotent; exact counts under any concurrency. One read (the
     * contribution with its consultation's rules), then the write: on PostgreSQL one statement (the support row,
     * the participant row and both counters in data-modifying CTEs, atomic as any single statement); on SQLite
     * the same steps in one transaction.
     */
    async setSupport(documentId: string, citizen: Citizen | null, supported: boolean) {
      if (!citizen) throw refusalError('authentication_required');
      const c = contributions();
      const l = contextColumns(strapi, 'l');
      const raw = await l
        .wherePublic(
          knex()({ k: c.table })
            .select({ contributionId: `k.${c.column('id')}`, contributionStatus: `k.${c.column('status')}`, authorId: `k.${c.column('authorId')}` })
            .select(l.select)
            .join({ l: l.table }, `l.${l.column('consultationDocumentId')}`, `k.${c.column('consultationDocumentId')}`)
        )
        .where(`k.${c.column('documentId')}`, documentId)
        .first();
      const context = l.toContext(raw, new Date());
      if (!raw || !context || raw.contributionStatus !== 'published') throw notFound('Contribution introuvable.');
      if (raw.authorId === citizen.id && supported) throw conflict('own_contribution', 'Vous ne pouvez pas soutenir votre propre contribution.');
      gate(context, 'support', citizen);
      const target = { id: Number(raw.contributionId), consultationDocumentId: context.row.consultationDocumentId };
      const count = strapi.db.dialect.client === 'postgres' ? await supportInOneStatement(target, citizen, supported) : await supportStepByStep(target, citizen, supported);
      return { data: { documentId, supportsCount: count, hasSupported: supported } };
    },

    /** POST /contributions/:id/comments */
    async comment(documentId: string, citizen: Citizen | null, input: { body: string; parent?: string }) {
      const row = await loadContribution(documentId);
      if (!row || row.status !== 'published') throw notFound('Contribution introuvable.');
      const context = await contextOrNotFound({ documentId: row.consultationDocumentId });
      gate(context, 'comment', citizen);
      const m = rowsOf(strapi, COMMENT);
      let parent: any = null;
      if (input.parent) {
        parent = await knex()(m.table).select(m.select(['id', 'contributionId', 'depth', 'rootId', 'status'])).where(m.column('documentId'), input.parent).first();
        if (!parent || Number(parent.contributionId) !== row.id || parent.status !== 'published') {
          throw validationFailed([{ path: ['parent'], message: 'Commentaire parent introuvable sur cette contribution.' }]);
        }
        if (Number(parent.depth) >= MAX_COMMENT_DEPTH) {
          throw validationFailed([{ path: ['parent'], message: 'Les réponses sont limitées à trois niveaux.' }]);
        }
      }
      const status: ModerationStatus = initialStatus(context.rules.moderationMode);
      const commentRow = m.newRow({
        contributionId: row.id,
        consultationDocumentId: row.consultationDocumentId,
        parentId: parent ? Number(parent.id) : null,
        rootId: parent ? Number(parent.rootId ?? parent.id) : null,
        depth: parent ? Number(parent.depth) + 1 : 0,
        body: input.body,
        authorId: citizen?.id ?? null,
        authorName: citizen?.displayName ?? null,
        status,
        reportsCount: 0,
        contentHash: citizen ? contentHash(input.body) : null,
      });
      try {
        await knex().transaction(async (trx) => {
          await trx(m.table).insert(commentRow);
          await registerParticipant(trx, row.consultationDocumentId, citizen);
          if (status === 'published') {
            const c = contributions();
            await trx(c.table).where(c.column('id'), row.id).increment(c.column('commentsCount'), 1);
          }
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('duplicate_comment', 'Vous avez déjà publié ce commentaire.');
        throw error;
      }
      return {
        data: {
          documentId: commentRow[m.column('documentId')],
          body: input.body,
          parent: input.parent ?? null,
          depth: commentRow[m.column('depth')],
          author: { displayName: citizen?.displayName ?? 'Anonyme' },
          status,
          createdAt: commentRow[m.column('createdAt')],
        },
      };
    },

    /**
     * POST /contributions/:id/reports and /comments/:id/reports: one per citizen per item (unique index). At the
     * consultation's threshold of distinct reports a published item is hidden pending review, once.
     */
    async report(type: TargetType, documentId: string, citizen: Citizen | null, input: { reason: string; details?: string }) {
      if (!citizen) throw refusalError('authentication_required');
      const moderation = strapi.plugin('participation').service('moderation');
      const item = await moderation.loadItem(knex(), type, documentId);
      if (!item || item.status !== 'published') throw notFound(type === 'contribution' ? 'Contribution introuvable.' : 'Commentaire introuvable.');
      if (item.authorId === citizen.id) throw conflict('own_item', 'Vous ne pouvez pas signaler votre propre publication.');
      const context = await participationContext(strapi, { documentId: item.consultationDocumentId });
      const threshold = context?.rules.reportThreshold ?? 3;
      const r = rowsOf(strapi, REPORT);
      const target = rowsOf(strapi, type === 'contribution' ? CONTRIBUTION : COMMENT);
      let hidden: Decided | null = null;
      const reportsCount = await knex().transaction(async (trx) => {
        const inserted = await trx(r.table)
          .insert(r.newRow({ targetType: type, targetId: item.id, userId: citizen.id, reason: input.reason, details: input.details ?? null }))
          .onConflict([r.column('targetType'), r.column('targetId'), r.column('userId')])
          .ignore()
          .returning([r.column('id')]);
        if (!inserted.length) throw conflict('already_reported', 'Vous avez déjà signalé cet élément.');
        const [counted] = await trx(target.table)
          .where(target.column('id'), item.id)
          .increment(target.column('reportsCount'), 1)
          .returning([target.column('reportsCount'), target.column('status')]);
        const n = Number(counted[target.column('reportsCount')]);
        if (n >= threshold && counted[target.column('status')] === 'published') {
          const done = await moderation.applyDecision(trx, type, { ...item, status: 'published' }, 'auto_hide', { type: 'system' }, `Masqué après ${n} signalements`, null);
          if (done && !('refused' in done)) hidden = done;
        }
        return n;
      });
      if (hidden) await strapi.plugin('participation').service('notifications').moderationDecided(hidden);
      return { data: { documentId, reported: true, hidden: reportsCount >= threshold && !!hidden } };
    },

    /**
     * GET /consultations/:slug/contributions — published only; sort, territory, answered, page or cursor. Two
     * statements: the consultation's row, then the page with territory names, the viewer's marks and, when a
     * filter makes the stored count unusable, the total as a window count.
     */
    async list(slug: string, filters: ListFilters, citizen: Citizen | null) {
      const context = await contextOrNotFound({ slug });
      const c = contributions();
      const t = tableOf(strapi, TERRITORY);
      const filtered = !!filters.territory || filters.answered !== undefined;
      const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
      const page = cursor?.p ?? filters.page;
      const sortColumn = filters.sort === '-supportsCount' ? `k.${c.column('supportsCount')}` : `k.${c.column('createdAt')}`;
      const seed = filters.seed ?? 1;
      const shape = ['contributions', filters.sort, !!filters.territory, filters.answered ?? 'all', !!citizen, !!cursor].join(':');
      /** The published contributions the filters keep, unpaged: the page and, past its end, the count. */
      const published = () => {
        const query = knex()({ k: c.table })
          .where(`k.${c.column('consultationDocumentId')}`, param('consultation'))
          .where(`k.${c.column('status')}`, 'published');
        if (filters.territory) query.where(`k.${c.column('territoryCode')}`, param('territory'));
        if (filters.answered !== undefined) {
          if (filters.answered) query.whereNotNull(`k.${c.column('officialAnswerStatus')}`);
          else query.whereNull(`k.${c.column('officialAnswerStatus')}`);
        }
        return query;
      };
      const build = () => {
        const query = published()
          .select(c.select(CONTRIBUTION_FIELDS, 'k'))
          .select({ territoryName: `t.${t.column('name')}` })
          .leftJoin({ t: t.table }, `t.${t.column('inseeCode')}`, `k.${c.column('territoryCode')}`);
        if (filtered) query.select(knex().raw(`COUNT(*) OVER () AS ??`, ['total']));
        if (citizen) {
          const s = rowsOf(strapi, SUPPORT);
          const r = rowsOf(strapi, REPORT);
          query.select(
            knex().raw(`EXISTS (SELECT 1 FROM ?? s WHERE s.?? = k.id AND s.?? = ?) AS ??`, [s.table, s.column('contributionId'), s.column('userId'), param('citizen'), 'hasSupported']),
            knex().raw(`EXISTS (SELECT 1 FROM ?? r WHERE r.?? = 'contribution' AND r.?? = k.id AND r.?? = ?) AS ??`, [
              r.table,
              r.column('targetType'),
              r.column('targetId'),
              r.column('userId'),
              param('citizen'),
              'hasReported',
            ])
          );
        }
        if (filters.sort === 'random') {
          // A stable shuffle for a given seed, in integer arithmetic that cannot overflow on either database.
          query.orderByRaw(`((k.id % 10007) * ? + ?) % 10007`, [param('seedFactor'), param('seedShift')]).orderBy('k.id');
        } else {
          query.orderBy(sortColumn, 'desc').orderBy('k.id', 'desc');
        }
        // After the cursor's item in (sort value, id) order, as a row-value comparison, which both databases turn
        // into one seek on the (…, sort, id) index; the window count, if any, is then the rest only.
        if (cursor) query.whereRaw('(??, ??) < (?, ?)', [sortColumn, 'k.id', param('after'), param('afterId')]);
        return query.limit(numberParam('limit')).offset(numberParam('offset'));
      };
      const kept = { consultation: context.row.consultationDocumentId, territory: filters.territory };
      const rows: any[] = await runPrepared(knex(), shape, build, {
        ...kept,
        citizen: citizen?.id,
        seedFactor: (seed % 10006) + 1,
        seedShift: seed % 9973,
        after: cursor ? (filters.sort === '-supportsCount' ? Number(cursor.v) : new Date(cursor.v)) : undefined,
        afterId: cursor?.id,
        limit: filters.pageSize,
        offset: cursor ? 0 : (page - 1) * filters.pageSize,
      });
      let total = context.row.contributionsCount;
      if (filtered) {
        const seen = (page - 1) * filters.pageSize;
        // Past the last page the window count has no row to ride on: count apart (rare).
        total = rows.length
          ? Number(rows[0].total) + (cursor ? seen : 0)
          : Number((await runPrepared(knex(), `${shape}:count`, () => published().count({ total: '*' }), kept))[0].total);
      }
      const last = rows[rows.length - 1];
      const nextCursor =
        filters.sort !== 'random' && last && page * filters.pageSize < total
          ? encodeCursor({
              p: page + 1,
              v: filters.sort === '-supportsCount' ? Number(last.supportsCount ?? 0) : toDate(last.createdAt)!.toISOString(),
              id: Number(last.id),
            })
          : null;
      const territories = new Map<string, string>(rows.filter((r) => r.territoryCode).map((r) => [r.territoryCode, r.territoryName]));
      return {
        data: rows.map((r) =>
          present({ ...r, authorId: r.authorId ?? null }, { territories, citizen, context, supported: isTrue(r.hasSupported), reported: isTrue(r.hasReported) })
        ),
        meta: { pagination: paginationMeta(page, filters.pageSize, total), nextCursor },
      };
    },

    /** GET /contributions/:id */
    async findOne(documentId: string, citizen: Citizen | null) {
      const { row } = await visibleContribution(documentId, citizen);
      const context = await participationContext(strapi, { documentId: row.consultationDocumentId });
      const marks = await viewerMarks(citizen?.id, 'contribution', [row.id]);
      const territories = await territoryNames(row.territoryCode ? [row.territoryCode] : []);
      return {
        data: {
          ...present(row, { territories, citizen, context, supported: marks.supported.has(row.id), reported: marks.reported.has(row.id) }),
          consultation: context ? { slug: context.row.slug, title: context.title, status: context.row.status } : null,
        },
      };
    },

    /** GET /contributions/:id/comments — published comments as threads; removed ones stay as placeholders. */
    async comments(documentId: string, citizen: Citizen | null, page: number, pageSize: number) {
      const { row } = await visibleContribution(documentId, citizen);
      if (row.status !== 'published') return { data: [], meta: { pagination: paginationMeta(page, pageSize, 0) } };
      const m = rowsOf(strapi, COMMENT);
      const fields = ['id', 'documentId', 'parentId', 'rootId', 'depth', 'body', 'authorName', 'status', 'createdAt'];
      const roots = knex()(m.table).where(m.column('contributionId'), row.id).whereNull(m.column('parentId')).where(m.column('status'), 'published');
      const [{ total }] = await roots.clone().count({ total: '*' });
      const top = await roots.clone().select(m.select(fields)).orderBy(m.column('createdAt')).orderBy(m.column('id')).limit(pageSize).offset((page - 1) * pageSize);
      const replies = top.length
        ? await knex()(m.table)
            .select(m.select(fields))
            .whereIn(m.column('rootId'), top.map((t: any) => Number(t.id)))
            .whereIn(m.column('status'), ['published', 'hidden', 'rejected'])
            .orderBy(m.column('createdAt'))
            .orderBy(m.column('id'))
        : [];
      const marks = await viewerMarks(citizen?.id, 'comment', [...top, ...replies].map((r: any) => Number(r.id)));
      const nodes = new Map<number, any>();
      const shape = (r: any) => {
        const visible = r.status === 'published';
        return {
          documentId: r.documentId,
          body: visible ? r.body : null,
          author: visible ? { displayName: r.authorName ?? 'Anonyme' } : null,
          removed: !visible,
          depth: Number(r.depth),
          createdAt: toDate(r.createdAt),
          viewer: { canReport: !!citizen && visible && !marks.reported.has(Number(r.id)), hasReported: marks.reported.has(Number(r.id)) },
          replies: [] as any[],
        };
      };
      for (const r of [...top, ...replies]) nodes.set(Number(r.id), shape(r));
      for (const r of replies) nodes.get(Number(r.parentId))?.replies.push(nodes.get(Number(r.id)));
      // A removed reply with no visible descendant says nothing: drop it.
      const prune = (n: any): any | null => {
        n.replies = n.replies.map(prune).filter(Boolean);
        return n.removed && n.replies.length === 0 ? null : n;
      };
      return {
        data: top.map((t: any) => prune(nodes.get(Number(t.id)))).filter(Boolean),
        meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
      };
    },

    /** GET /me/contributions — the citizen's own, every status, with the moderation reason. */
    async mine(citizen: Citizen | null, page: number, pageSize: number) {
      if (!citizen) throw unauthorized();
      const c = contributions();
      const base = knex()(c.table).where(c.column('authorId'), citizen.id);
      const [{ total }] = await base.clone().count({ total: '*' });
      const rows = await base.clone().select(c.select(CONTRIBUTION_FIELDS)).orderBy(c.column('createdAt'), 'desc').orderBy(c.column('id'), 'desc').limit(pageSize).offset((page - 1) * pageSize);
      const territories = await territoryNames([...new Set(rows.map((r: any) => r.territoryCode).filter(Boolean))] as string[]);
      const titles = await strapi.plugin('participation').service('moderation').consultationTitles([...new Set(rows.map((r: any) => r.consultationDocumentId))]);
      return {
        data: rows.map((r: any) => ({
          ...present({ ...r, authorId: r.authorId ?? null }, { territories, citizen, context: null }),
          consultation: titles.get(r.consultationDocumentId) ? { slug: titles.get(r.consultationDocumentId).slug, title: titles.get(r.consultationDocumentId).title } : null,
        })),
        meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
      };
    },
  };
};

