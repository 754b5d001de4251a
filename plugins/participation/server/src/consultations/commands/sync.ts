import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import slugify from 'slugify';
import * as z from 'zod/v4';
import { fr } from 'zod/v4/locales';
import { keyFiguresSchema } from '../domain/key-figures';
import { resultsUpdatesSchema, updatesToAnnounce } from '../domain/results-updates';
import { parsePhases, phasesOutsideWindow, phasesSchema } from '../domain/phases';
import { copiedCalendar, copyTitle, RESULT_FIELDS } from '../domain/copy';
import { CONSULTATION_UID, findLifecycle, guardedVersions, recordLifecycleEvent, type LifecycleRow } from '../repository';
import { editingRepository } from '../repository/editing';
import { changedProtectedFields, editRefusal, publishRefusal, RULE_FIELDS, SCHEDULE_FIELDS, type Editor, type EditRefusal } from '../domain/editing';
import { currentAdmin } from '../../platform/http';
import { PERMISSIONS } from '../../permissions';
import { isUniqueViolation, toDate, type RawRow } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { forbiddenWithReason } from '../../platform/errors';
import { transaction } from '../../platform/database/transaction';
import { factsOf, NOTICE_FIELDS, noticeViolations, PROCEDURES, scheduleViolations, settingsOf } from '../../procedures/domain/rules';

/** What staff send for a consultation: Strapi has validated the attribute types; the fields read here are narrowed where used. */
type ConsultationData = Record<string, unknown> & { slug?: string | null; title?: string | null; opensAt?: unknown; closesAt?: unknown };
export type DocumentContext = { uid: string; action: string; params: { documentId?: string; data?: ConsultationData; status?: string } };

const GUARDED = [...SCHEDULE_FIELDS, ...RULE_FIELDS];
/** What a procedure's calendar depends on. */
const PROCEDURE_INPUTS = ['procedure', 'procedureNoticeAt', 'environmentalAssessment', 'overseerName', 'opensAt', 'closesAt', ...NOTICE_FIELDS] as const;
type Next = () => Promise<unknown>;

/** Before opening, staff may still change the slug and the dates; afterwards only transitions change them. */
const EDITABLE_SCHEDULE = new Set(['draft', 'scheduled']);

const invalid = (message: string, path: string) => new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });

/** A scheduled consultation keeps both dates, in order (checked on a draft's save and again at its publication). */
function assertScheduledDates(opensAt: Date | null, closesAt: Date | null) {
  if (!opensAt || !closesAt) throw invalid('Une consultation programmée garde ses dates d’ouverture et de clôture.', opensAt ? 'closesAt' : 'opensAt');
  if (opensAt >= closesAt) throw invalid("La date de clôture doit suivre la date d'ouverture.", 'closesAt');
}

export const slugOf = (title: string) =>
  slugify(title, { lower: true, strict: true, locale: 'fr', trim: true }).slice(0, 100).replace(/-+$/, '') || 'consultation';

const sameInstant = (a: unknown, b: Date | null) => {
  const left = toDate(a);
  return (left?.getTime() ?? null) === (b?.getTime() ?? null);
};

/**
 * Keeps the server-owned lifecycle row in step with what staff write in the Content Manager, through a
 * Document Service middleware: every entry point (admin panel, REST, scripts) goes through it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const editing = editingRepository(strapi);

  /** Phases and key figures arrive as JSON, or as its text from a form: one parsed, validated value is stored. */
  function validateJsonFields(data: ConsultationData) {
    for (const [field, schema, label] of [
      ['phases', phasesSchema, 'Phases'],
      ['resultsKeyFigures', keyFiguresSchema, 'Chiffres clés'],
      ['resultsUpdates', resultsUpdatesSchema, 'Suites données (« Et ensuite »)'],
    ] as const) {
      if (data[field] === undefined || data[field] === null || data[field] === '') {
        if (data[field] === '') data[field] = null;
        continue;
      }
      if (typeof data[field] === 'string') {
        try {
          data[field] = JSON.parse(data[field] as string);
        } catch {
          throw invalid(`${label} invalides : le texte n'est pas du JSON.`, field);
        }
      }
      const parsed = (schema as z.ZodType).safeParse(data[field], { error: fr().localeError });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: [field, ...i.path.map(String)], message: i.message, name: 'ValidationError' }));
        throw new errors.ValidationError(`${label} invalides : ${issues[0].message}`, { errors: issues });
      }
      // What the schema made of it (a key figure typed « 3,5 » is the number 3.5).
      data[field] = parsed.data;
    }
  }

  /** The link to the assembly's decision is a web address (never `javascript:` or a bare word), or nothing. */
  function validateDecisionUrl(data: ConsultationData) {
    const url = data.resultsDecisionUrl;
    if (url === undefined || url === null) return;
    if (url === '') {
      data.resultsDecisionUrl = null;
      return;
    }
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(url) || url.length > 500)
      throw invalid('Indiquez une adresse web complète (https://…).', 'resultsDecisionUrl');
  }

  /** Phases end by the consultation's closing, checked whenever the phases or the dates change. */
  function checkPhasesWindow(data: ConsultationData, draft: RawRow) {
    if (data.phases === undefined && data.opensAt === undefined && data.closesAt === undefined) return;
    const issues = phasesOutsideWindow(parsePhases(draft.phases), toDate(draft.closesAt)).map((i) => ({
      path: ['phases', String(i.index), i.field],
      message: i.message,
      name: 'ValidationError',
    }));
    if (issues.length) throw new errors.ValidationError(`Phases invalides : ${issues[0].message}`, { errors: issues });
  }

  /**
   * A schedule the consultation's legal procedure forbids is refused with the article it breaks (its calendar is
   * checked again when it is scheduled, opened or extended). Before opening, a draft may still lack its dates; once
   * open, the procedure no longer changes and the live dates are the lifecycle row's.
   */
  function checkProcedure(data: ConsultationData, draft: RawRow, row: LifecycleRow | null, stored: RawRow | null) {
    if (!PROCEDURE_INPUTS.some((field) => data[field] !== undefined)) return;
    const settings = settingsOf(draft);
    const started = !!row && !EDITABLE_SCHEDULE.has(row.status);
    if (started && data.procedure !== undefined && settingsOf({ procedure: data.procedure }).kind !== settingsOf(stored ?? {}).kind)
      throw invalid('La procédure d’une consultation ouverte ou passée ne change plus.', 'procedure');
    if (settings.kind === 'libre') return;
    const opensAt = started ? row.opensAt : draft.opensAt;
    const closesAt = started ? row.closesAt : draft.closesAt;
    const facts = factsOf(settings, opensAt, closesAt);
    const violations = [...noticeViolations(facts), ...(toDate(opensAt) && toDate(closesAt) ? scheduleViolations(facts, new Date(), { started }) : [])];
    if (violations.length)
      throw new errors.ValidationError(`${PROCEDURES[settings.kind].label} : ${violations[0].message}`, {
        errors: violations.map((v) => ({ path: [v.field], message: v.message, name: 'ValidationError' })),
      });
  }

  async function freeSlug(wanted: string, ownDocumentId: string | undefined, trx: Knex.Transaction) {
    const taken = await editing.takenSlugs(trx, wanted, ownDocumentId);
    if (!taken.has(wanted)) return wanted;
    for (let n = 2; ; n += 1) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
  }

  /** Who is writing: the admin user of the request with their rights, or the platform (scripts, seeds). */
  function editorNow(): Editor {
    const admin = currentAdmin(strapi);
    if (!admin) return { kind: 'platform' };
    return {
      kind: 'admin',
      id: admin.user?.id ?? null,
      name: admin.name,
      mayConfigure: admin.can(PERMISSIONS.consultationConfigure),
      mayTransition: admin.can(PERMISSIONS.consultationTransition),
    };
  }

  const refuse = (refusal: EditRefusal) =>
    forbiddenWithReason(refusal.message, {
      code: refusal.code,
      errors: refusal.fields.map((field) => ({ path: [field], message: refusal.message, name: 'ForbiddenError' })),
    });

  /**
   * Publishing makes the draft's calendar and rules live: refused to an editor without the right, otherwise the
   * lifecycle row takes the published dates and, while the consultation is scheduled, the history names who
   * published them. `draft` is the version about to be published (the stored draft with this write applied).
   */
  async function checkPublication(editor: Editor, row: LifecycleRow | null, draft: RawRow, published: RawRow | null) {
    const live = row ? { opensAt: row.opensAt, closesAt: row.closesAt, phases: published?.phases ?? null } : { opensAt: null, closesAt: null, phases: null };
    const scheduleChanges = changedProtectedFields(draft, live, SCHEDULE_FIELDS);
    const ruleChanges = changedProtectedFields(draft, published, RULE_FIELDS);
    // A brand-new consultation has no live calendar yet: its first publication sets one, like any later one.
    const refusal = publishRefusal(editor, scheduleChanges, ruleChanges);
    if (refusal) throw refuse(refusal);
    return scheduleChanges.filter((f) => f !== 'phases').length > 0;
  }

  async function publishSchedule(editor: Editor, documentId: string, row: LifecycleRow | null, draft: RawRow, trx: Knex.Transaction) {
    if (!row || !EDITABLE_SCHEDULE.has(row.status)) return;
    const opensAt = toDate(draft.opensAt);
    const closesAt = toDate(draft.closesAt);
    if (row.status === 'scheduled') {
      assertScheduledDates(opensAt, closesAt);
    }
    const now = new Date();
    if (!(await editing.moveSchedule(trx, documentId, row.status, { opensAt, closesAt }, now)))
      throw invalid("L'état de la consultation vient de changer ; rechargez la page.", 'status');
    if (row.status === 'scheduled') {
      const actor =
        editor.kind === 'admin' ? { type: 'admin' as const, id: editor.id, name: editor.name } : { type: 'admin' as const, id: null, name: 'Plateforme' };
      await recordLifecycleEvent(strapi, trx, {
        consultationDocumentId: documentId,
        from: 'scheduled',
        to: 'scheduled',
        actor,
        reason: 'Nouveau calendrier publié.',
        opensAt,
        closesAt,
        at: now,
      });
    }
  }

  /** create / update: check the editor's rights, normalise the slug, check schedule edits against the state. */
  async function onWrite(ctx: DocumentContext, next: Next) {
    const data: ConsultationData = ctx.params.data ?? {};
    validateJsonFields(data);
    validateDecisionUrl(data);
    const editor = editorNow();
    const publishing = ctx.params.status === 'published';
    return transaction(strapi, async (trx) => {
      const documentId: string | undefined = ctx.params.documentId;
      const row = documentId ? await findLifecycle(strapi, documentId, trx) : null;
      const versions = documentId ? await guardedVersions(strapi, documentId, GUARDED, trx) : { draft: null, published: null };

      const refusal = editRefusal(editor, changedProtectedFields(data, versions.draft ?? (documentId ? null : {})));
      if (refusal) throw refuse(refusal);
      const draftAfter: RawRow = { ...(versions.draft ?? {}), ...data };
      checkPhasesWindow(data, draftAfter);
      checkProcedure(data, draftAfter, row, versions.draft);
      const scheduleMoves = publishing ? await checkPublication(editor, row, draftAfter, versions.published) : false;

      if (row && !EDITABLE_SCHEDULE.has(row.status)) {
        if (data.slug !== undefined && data.slug !== row.slug) throw invalid("L'adresse (slug) d'une consultation ne change plus une fois ouverte.", 'slug');
        if (data.opensAt !== undefined && !sameInstant(data.opensAt, row.opensAt))
          throw invalid("La date d'ouverture ne se modifie plus : la consultation est déjà ouverte.", 'opensAt');
        if (data.closesAt !== undefined && !sameInstant(data.closesAt, row.closesAt))
          throw invalid('Pour changer la date de clôture, utilisez l’action « Prolonger » ou « Clôturer ».', 'closesAt');
      } else {
        const wantsNewSlug = data.slug === '' || data.slug === null || (!row && !data.slug) || (data.slug !== undefined && data.slug !== row?.slug);
        if (wantsNewSlug) {
          const base = data.slug ? slugOf(String(data.slug)) : data.title ? slugOf(String(data.title)) : (row?.slug ?? 'consultation');
          data.slug = await freeSlug(base, documentId, trx);
        }
        const opensAt = toDate(draftAfter.opensAt);
        const closesAt = toDate(draftAfter.closesAt);
        if (row?.status === 'scheduled' && (data.opensAt !== undefined || data.closesAt !== undefined)) {
          assertScheduledDates(opensAt, closesAt);
        }
      }

      const result = await next();
      const id = (result as { documentId?: string } | null)?.documentId ?? documentId;
      if (!id) return result;

      const now = new Date();
      try {
        if (!row) {
          await editing.insertDraft(trx, id, String(data.slug), toDate(data.opensAt), toDate(data.closesAt));
        } else if (EDITABLE_SCHEDULE.has(row.status) && data.slug !== undefined && data.slug !== row.slug) {
          // Conditional on the state read above: a transition in between wins, and this edit is refused.
          if (!(await editing.renameSlug(trx, id, row.status, data.slug as string, now)))
            throw invalid("L'état de la consultation vient de changer ; rechargez la page.", 'status');
        }
        // Dates saved in a draft wait for its publication to reach the live schedule.
        if (publishing && scheduleMoves) await publishSchedule(editor, id, row, draftAfter, trx);
        // The other locale/draft rows of the document carry the same slug.
        if (data.slug !== undefined) await editing.writeVersionsSlug(trx, id, data.slug as string);
        await refreshSnapshot(id, trx);
        if (publishing) await announceUpdates(id, trx);
      } catch (error) {
        if (isUniqueViolation(error)) throw invalid('Cette adresse (slug) est déjà utilisée par une autre consultation.', 'slug');
        throw error;
      }
      return result;
    });
  }

  /** The public snapshot and search key follow the published version: what the public finds is what it can read. */
  const refreshSnapshot = (documentId: string, db: Knex.Transaction) => getService(strapi, 'consultation-snapshots').refresh(documentId, db);

  // Every query here joins the caller's transaction (the Content Manager wraps its actions in one): a query on
  // another connection would wait forever for SQLite's single one, and would not see uncommitted rows on PostgreSQL.
  async function onPublish(ctx: DocumentContext, next: Next) {
    const editor = editorNow();
    return transaction(strapi, async (trx) => {
      const documentId = ctx.params.documentId;
      if (!documentId) return next();
      const row = await findLifecycle(strapi, documentId, trx);
      const versions = await guardedVersions(strapi, documentId, GUARDED, trx);
      const scheduleMoves = versions.draft ? await checkPublication(editor, row, versions.draft, versions.published) : false;
      const result = await next();
      if (scheduleMoves && versions.draft) await publishSchedule(editor, documentId, row, versions.draft, trx);
      await refreshSnapshot(documentId, trx);
      await announceUpdates(documentId, trx);
      return result;
    });
  }

  /** Followers hear of each « Et ensuite » update published after the results, in the publication's transaction. */
  async function announceUpdates(documentId: string, trx: Knex.Transaction) {
    const row = await findLifecycle(strapi, documentId, trx);
    if (!row || (row.status !== 'results_published' && row.status !== 'archived')) return;
    const { detail, resultsAt } = await editing.publishedDetail(trx, documentId);
    if (!detail || !resultsAt) return;
    const updates = updatesToAnnounce(detail.results.updates ?? [], resultsAt);
    if (updates.length) await getService(strapi, 'notifications').onResultsUpdates(trx, { documentId, slug: row.slug, updates });
  }

  /**
   * « Dupliquer » (the Content Manager's clone): the copy is a new draft with its own lifecycle row, titled as a
   * copy, its calendar moved to open at least a week from now, without the original's results.
   */
  async function onClone(ctx: DocumentContext, next: Next) {
    return transaction(strapi, async (trx) => {
      const result = (await next()) as { documentId?: string; entries?: RawRow[] } | null;
      const id = result?.documentId;
      if (!id) return result;
      const copies = await strapi.db.query(CONSULTATION_UID).findMany({ where: { documentId: id } });
      const source = copies[0] as RawRow | undefined;
      if (!source) return result;
      const wanted = ctx.params.data?.title;
      const title = typeof wanted === 'string' && wanted.trim() && wanted !== source.title ? wanted : copyTitle(source.title as string | null);
      const slug = await freeSlug(slugOf(title), undefined, trx);
      const calendar = copiedCalendar({ opensAt: toDate(source.opensAt), closesAt: toDate(source.closesAt), phases: parsePhases(source.phases) }, new Date());
      const patch = {
        title,
        slug,
        opensAt: calendar.opensAt,
        closesAt: calendar.closesAt,
        phases: calendar.phases.length ? calendar.phases : null,
        ...Object.fromEntries(RESULT_FIELDS.map((field) => [field, null])),
        resultsAttachments: [],
      };
      for (const copy of copies) await strapi.db.query(CONSULTATION_UID).update({ where: { id: copy.id }, data: patch });
      await editing.insertDraft(trx, id, slug, calendar.opensAt, calendar.closesAt);
      await refreshSnapshot(id, trx);
      for (const entry of result.entries ?? []) Object.assign(entry, patch);
      return result;
    });
  }

  /** delete / unpublish: only while the consultation is still a draft; nothing live disappears. */
  async function onRemoval(ctx: DocumentContext, next: Next) {
    return transaction(strapi, async (trx) => {
      const documentId: string | undefined = ctx.params.documentId;
      const row = documentId ? await findLifecycle(strapi, documentId, trx) : null;
      if (row && row.status !== 'draft') {
        throw new errors.ValidationError(
          ctx.action === 'delete'
            ? 'Une consultation programmée, ouverte ou passée ne peut pas être supprimée : archivez-la.'
            : 'Une consultation programmée, ouverte ou passée ne peut pas être dépubliée : archivez-la.'
        );
      }
      const result = await next();
      if (row && ctx.action === 'delete') {
        await editing.remove(trx, documentId!);
      } else if (documentId) {
        await refreshSnapshot(documentId, trx);
      }
      return result;
    });
  }

  return {
    middleware: async (ctx: DocumentContext, next: Next) => {
      if (ctx.uid !== CONSULTATION_UID) return next();
      switch (ctx.action) {
        case 'create':
        case 'update':
          return onWrite(ctx, next);
        case 'publish':
          return onPublish(ctx, next);
        case 'clone':
          return onClone(ctx, next);
        case 'delete':
        case 'unpublish':
          return onRemoval(ctx, next);
        default:
          return next();
      }
    },
  };
};
