'use strict';
/**
 * The floor of the benchmark: a minimal Koa + node-postgres server that runs the same SQL as the plugin's routes
 * and answers the same JSON (the harness checks it), with nothing else on the path — no Strapi, no validation
 * library, no rate limiter, no ETag. Started by scripts/bench.js (child process, IPC for its counters):
 *   PORT, DATABASE_URL, JWT_SECRET, ADMIN_JWT_SECRET from the environment.
 * It serves only what the benchmark asks (anonymous reads, supports and contributions by signed-in citizens, the
 * moderation queue), for consultations without phases, as seeded by `npm run seed:bench`.
 *
 * To stay a floor it does not load the plugin, so it restates some of the plugin's rules. They are all listed
 * here, each with the one file that owns it in plugins/participation/server/src; when a rule changes there, change
 * it here too: the harness compares the JSON of both arms on every read and fails the run when they drift.
 *   - who may contribute, support or comment, and why not (`refusal`) — consultations/domain/policy.ts `refusalFor`
 *     (phases are left out: the benchmark's consultations have none);
 *   - a contribution's viewer flags (`presentContribution`) — contributions/domain/policy.ts `contributionViewer`;
 *   - one's own contribution cannot be supported (support route) — contributions/domain/policy.ts `supportRefusal`;
 *   - the status of a new contribution (contribution route) — moderation/domain/moderation.ts `initialStatus`;
 *   - the decisions offered on a queue row (`DECISIONS_BY_STATUS`) — moderation/domain/moderation.ts `allowedDecisions`;
 *   - what the moderation queue holds by default, and a report's account age (queue route) — moderation/queries.ts `queue`;
 *   - who may read the moderation queue (queue route) — platform/staff-session.ts;
 *   - the stage text shown in each state (`STAGE`) — consultations/presenter.ts `STAGE_TEXT`;
 *   - the signed keyset cursor (`signedCursor`; this floor reads cursors without checking them) — platform/cursor.ts;
 *   - the public rules leave out the report threshold — consultations/domain/policy.ts `publicRules`;
 *   - a ballot: the stage by the calendar, one per declared person, what a valid ballot is, the receipt kept on a
 *     change (ballot route) — budgets/domain/rules.ts `stageAt`, `voteRefusal`, `ballotErrors`, `identityKey`, and
 *     budgets/commands/vote.ts;
 *   - a questionnaire answer: open by its dates, a sent response replaced only where the questionnaire allows it,
 *     each answer of its question's type, the counted rows of a response (answer route) — questionnaires/domain/rules.ts
 *     `stateAt`, `itemsOf`, shared/questionnaire.ts `validateAnswers`, questionnaires/commands/answer.ts `saveMine`;
 *   - a meeting's state, labels and places (meetings list) — meetings/domain/rules.ts `stateAt`, `publicPlaces`, `placesLeft`,
 *     `registrationRefusal`, and meetings/queries.ts `summary`.
 */
const crypto = require('crypto');
const Koa = require('koa');
const jwt = require('jsonwebtoken');
const { Pool } = require('pg');

// The admin access token's HMAC key, made once (platform/staff-session.ts does the same).
const ADMIN_KEY = crypto.createSecretKey(Buffer.from(String(process.env.ADMIN_JWT_SECRET ?? '')));

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX || 10) });
let statements = 0;
const query = (text, values) => {
  statements += 1;
  return pool.query(text, values);
};
/** A statement prepared on the server under `name` (planned once per connection), as the plugin's `serverPrepared`. */
const prepared = (name, text, values) => {
  statements += 1;
  return pool.query({ name, text, values });
};

const PUBLIC_STATUSES = ['scheduled', 'open', 'closed', 'results_published', 'archived'];
const LIFECYCLE = `l.consultation_document_id AS "consultationDocumentId", l.slug, l.status, l.opens_at AS "opensAt", l.closes_at AS "closesAt",
  l.contributions_count AS "contributionsCount", l.participants_count AS "participantsCount", l.supports_count AS "supportsCount"`;
const CONTRIBUTION = `k.id, k.document_id AS "documentId", k.consultation_document_id AS "consultationDocumentId", k.title, k.body,
  k.territory_code AS "territoryCode", k.author_id AS "authorId", k.author_name AS "authorName", k.channel, k.status,
  k.moderation_reason AS "moderationReason", k.official_answer_status AS "officialAnswerStatus", k.official_answer_text AS "officialAnswerText",
  k.official_answer_at AS "officialAnswerAt", k.supports_count AS "supportsCount", k.comments_count AS "commentsCount",
  k.created_at AS "createdAt", k.updated_at AS "updatedAt", k.meeting_document_id AS "meetingDocumentId", k.provenance, k.origin`;

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const counts = (r) => ({ contributions: r.contributionsCount, participants: r.participantsCount, supports: r.supportsCount });
const closed = new Set(['closed', 'results_published', 'archived']);
function refusal(action, rules, status, signedIn) {
  if (status !== 'open') return closed.has(status) ? 'consultation_closed' : 'consultation_not_open';
  const [on, disabled] = {
    contribute: [rules.allowContributions, 'contributions_disabled'],
    support: [rules.allowSupports, 'supports_disabled'],
    comment: [rules.allowComments, 'comments_disabled'],
  }[action];
  if (!on) return disabled;
  if (!signedIn && (rules.requireAccount || action === 'support')) return 'authentication_required';
  return null;
}
const CURSOR_KEY = crypto
  .createHmac('sha256', String(process.env.APP_KEYS || '').split(',')[0])
  .update('participation-cursor-v1')
  .digest();
const signedCursor = (cursor) => {
  const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
  return `${payload}.${crypto.createHmac('sha256', CURSOR_KEY).update(payload).digest('base64url').slice(0, 22)}`;
};
const DECISIONS_BY_STATUS = {
  pending: [
    { decision: 'approve', reasonRequired: false },
    { decision: 'reject', reasonRequired: true },
  ],
  published: [
    { decision: 'reject', reasonRequired: true },
    { decision: 'hide', reasonRequired: true },
  ],
  hidden: [
    { decision: 'reject', reasonRequired: true },
    { decision: 'restore', reasonRequired: false },
  ],
  rejected: [{ decision: 'restore', reasonRequired: false }],
};
const STAGE = {
  scheduled: ['textUpcoming'],
  open: ['textOpen'],
  closed: ['textClosed'],
  results_published: ['textResults', 'textClosed'],
  archived: ['textResults', 'textClosed'],
};

function presentContribution(r, rules, status, citizen, names) {
  const isAuthor = !!citizen && r.authorId === citizen.id;
  const published = r.status === 'published';
  const supportRefusal = !published ? 'contribution_not_published' : refusal('support', rules, status, !!citizen);
  const commentRefusal = !published ? 'contribution_not_published' : refusal('comment', rules, status, !!citizen);
  return {
    documentId: r.documentId,
    title: r.title,
    body: r.body,
    territory: r.territoryCode ? { inseeCode: r.territoryCode, name: names.get(r.territoryCode) ?? null } : null,
    author: { displayName: r.authorName ?? 'Anonyme' },
    channel: r.channel,
    meeting: r.meetingDocumentId ? { documentId: r.meetingDocumentId, provenance: r.provenance ?? '' } : null,
    origin: r.origin ? { platform: r.origin.platform, url: r.origin.url, figures: r.origin.figures } : null,
    createdAt: r.createdAt,
    counts: { supports: Number(r.supportsCount ?? 0), comments: Number(r.commentsCount ?? 0) },
    officialAnswer: r.officialAnswerStatus ? { status: r.officialAnswerStatus, text: r.officialAnswerText ?? null, answeredAt: r.officialAnswerAt } : null,
    ...(isAuthor ? { moderation: { status: r.status, reason: r.moderationReason ?? null } } : {}),
    viewer: {
      isAuthor,
      canEdit: isAuthor && r.status === 'pending',
      canSupport: !supportRefusal && !isAuthor,
      hasSupported: !!r.hasSupported,
      canComment: !commentRefusal,
      canReport: !!citizen && published && !isAuthor && !r.hasReported,
      hasReported: !!r.hasReported,
      ...(supportRefusal ? { reason: supportRefusal } : isAuthor ? { reason: 'own_contribution' } : {}),
    },
  };
}

const pagination = (page, pageSize, total) => ({ page, pageSize, pageCount: Math.ceil(total / pageSize), total });
const int = (value, fallback) => (value === undefined ? fallback : Number(value));

async function citizenOf(ctx) {
  const header = ctx.get('authorization');
  if (!header) return null;
  let payload;
  try {
    payload = jwt.verify(header.replace(/^Bearer /, ''), process.env.JWT_SECRET);
  } catch {
    throw new HttpError(401, 'invalid_token', 'Session invalide ou expirée : reconnectez-vous.');
  }
  const { rows } = await query('SELECT id, username, blocked, confirmed FROM up_users WHERE id = $1 LIMIT 1', [payload.id]);
  if (!rows[0] || rows[0].blocked) throw new HttpError(401, 'invalid_token', 'Session invalide ou expirée : reconnectez-vous.');
  return { id: rows[0].id, displayName: rows[0].username };
}

async function contextBySlug(slug) {
  const { rows } = await query(
    `SELECT ${LIFECYCLE}, l.participation_rules AS participation, l.public_card AS card FROM participation_consultation_lifecycles l
     WHERE l.status = ANY($1) AND l.participation_rules IS NOT NULL AND l.slug = $2 LIMIT 1`,
    [PUBLIC_STATUSES, slug]
  );
  if (!rows[0]) throw new HttpError(404, 'not_found', 'Consultation introuvable.');
  return rows[0];
}

/** budgets/domain/rules.ts `identityKey`. */
const identityKey = (fullName, birthDate) =>
  `${fullName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim()}|${birthDate}`;
const ageOn = (birthDate, at) => {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age -= 1;
  return age;
};
const RECEIPT = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ballotProjects = new Map();
const newReceipt = () =>
  [...crypto.randomBytes(10)]
    .map((b) => RECEIPT[b % RECEIPT.length])
    .join('')
    .replace(/^(.{5})/, '$1-');

/** The answers of the benchmark's questionnaire, checked by type, and the rows they are counted as (the plugin's `itemsOf`). */
function questionnaireItems(definition, answers) {
  const items = [];
  const normalised = {};
  const add = (question, part) =>
    items.push({
      question,
      choice: null,
      position: null,
      numeric: null,
      free_text: null,
      first_of_question: items.at(-1)?.question === question ? 0 : 1,
      ...part,
    });
  for (const page of definition.pages)
    for (const q of page.questions) {
      const v = answers[q.key];
      if (v === undefined || v === null || v === '') {
        if (q.required) return null;
        continue;
      }
      const keys = (q.options ?? []).map((o) => o.key);
      if (q.type === 'single_choice') {
        const choice = typeof v === 'object' ? v.choice : v;
        if (!keys.includes(choice)) return null;
        normalised[q.key] = { choice, other: null };
        add(q.key, { choice });
      } else if (q.type === 'multiple_choice') {
        const list = Array.isArray(v) ? v : v.choices;
        if (!Array.isArray(list) || list.some((c) => !keys.includes(c))) return null;
        const choices = [...new Set(list)].sort((a, b) => keys.indexOf(a) - keys.indexOf(b));
        normalised[q.key] = { choices, other: null };
        for (const c of choices) add(q.key, { choice: c });
      } else if (q.type === 'matrix_single') {
        const rows = q.rows.map((r) => r.key);
        const columns = q.columns.map((c) => c.key);
        if (typeof v !== 'object' || Object.entries(v).some(([r, c]) => !rows.includes(r) || !columns.includes(c))) return null;
        normalised[q.key] = v;
        for (const [r, c] of Object.entries(v)) add(q.key, { choice: `${r}:${c}` });
      } else if (q.type === 'scale' || q.type === 'number') {
        const n = Number(v);
        if (!Number.isInteger(n) || (q.min != null && n < q.min) || (q.max != null && n > q.max)) return null;
        normalised[q.key] = n;
        add(q.key, q.type === 'scale' ? { choice: String(n), numeric: n } : { numeric: n });
      } else if (q.type === 'short_text' || q.type === 'long_text') {
        if (typeof v !== 'string' || v.trim().length > q.maxLength) return null;
        normalised[q.key] = v.trim();
        add(q.key, { free_text: v.trim() });
      } else return null;
    }
  return { items, answers: normalised };
}

const questionnaires = new Map();

/** meetings/domain/rules.ts: the labels, where a meeting stands, the places open to the public and left. */
const MEETING_KIND_LABELS = { in_person: 'Sur place', online: 'En ligne', hybrid: 'Sur place et en ligne' };
const MEETING_STATE_LABELS = { draft: 'Brouillon (non publiée)', upcoming: 'À venir', ongoing: 'En cours', past: 'Passée', cancelled: 'Annulée' };
const MEETING_SERVICE_LABELS = {
  wheelchair: 'Accessible en fauteuil roulant',
  hearing_loop: 'Boucle magnétique',
  sign_language: 'Interprétation en langue des signes (LSF)',
  transcription: 'Transcription écrite en direct',
  childcare: 'Garde d’enfants sur place',
  easy_read: 'Documents en facile à lire et à comprendre (FALC)',
};
function meetingSummary(m, now) {
  const state = m.status === 'draft' ? 'draft' : m.status === 'cancelled' ? 'cancelled' : now < m.startsAt ? 'upcoming' : now < m.endsAt ? 'ongoing' : 'past';
  const places = m.capacity === null ? null : Math.max(0, m.capacity - m.reservedPlaces);
  const left = places === null ? null : Math.max(0, places - m.registeredCount);
  const services = typeof m.services === 'string' ? JSON.parse(m.services) : (m.services ?? []);
  return {
    documentId: m.documentId,
    slug: m.slug,
    title: m.title,
    kind: m.kind,
    kindLabel: MEETING_KIND_LABELS[m.kind],
    state,
    stateLabel: MEETING_STATE_LABELS[state],
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    consultationDocumentId: m.consultationDocumentId ?? null,
    budgetDocumentId: m.budgetDocumentId ?? null,
    territoryCode: m.territoryCode ?? null,
    communeName: m.communeName ?? null,
    address: m.address ?? null,
    services: services.map((key) => ({ key, label: MEETING_SERVICE_LABELS[key] })),
    registration: {
      enabled: m.registrationEnabled,
      places: m.registrationEnabled ? places : null,
      placesLeft: m.registrationEnabled ? left : null,
      waitlist: m.registrationEnabled && m.waitlistEnabled,
      waiting: m.waitlistCount,
      open: state === 'upcoming' && m.registrationEnabled,
    },
  };
}

const routes = [
  [
    'GET',
    /^\/api\/participation\/meetings$/,
    async (ctx) => {
      // meetings/repository.ts `list`: the page and how many match in one statement (a window count), the soonest first;
      // a second statement only for a page past the end.
      const page = int(ctx.query.page, 1);
      const pageSize = int(ctx.query.pageSize, 20);
      const now = new Date();
      const where = `status IN ('published', 'cancelled') AND ends_at >= $1`;
      const { rows } = await prepared(
        'meetings-page',
        `SELECT id, document_id AS "documentId", title, slug, kind, status, consultation_document_id AS "consultationDocumentId",
           budget_document_id AS "budgetDocumentId", starts_at AS "startsAt", ends_at AS "endsAt", territory_code AS "territoryCode", commune_name AS "communeName", address, services,
           registration_enabled AS "registrationEnabled", capacity, reserved_places AS "reservedPlaces", waitlist_enabled AS "waitlistEnabled",
           registered_count AS "registeredCount", waitlist_count AS "waitlistCount", COUNT(*) OVER () AS total
         FROM participation_meetings WHERE ${where} ORDER BY starts_at ASC, id ASC LIMIT $2 OFFSET $3`,
        [now, pageSize, (page - 1) * pageSize]
      );
      const total =
        rows.length || page === 1
          ? Number(rows[0]?.total ?? 0)
          : (await prepared('meetings-count', `SELECT COUNT(*)::int AS total FROM participation_meetings WHERE ${where}`, [now])).rows[0].total;
      return { data: rows.map((m) => meetingSummary(m, now)), meta: { pagination: pagination(page, pageSize, total) } };
    },
  ],
  [
    'PUT',
    /^\/api\/participation\/questionnaires\/([a-z0-9-]+)\/responses\/mine$/,
    async (ctx, [slug]) => {
      const citizen = await citizenOf(ctx);
      if (!citizen) throw new HttpError(401, 'authentication_required', 'Connectez-vous pour participer.');
      const input = ctx.request.body;
      const now = new Date();
      let q = questionnaires.get(slug);
      if (!q) {
        const { rows } = await query(
          `SELECT id, definition, editable, published, opens_at AS "opensAt", closes_at AS "closesAt" FROM participation_questionnaires WHERE slug = $1`,
          [slug]
        );
        q = rows[0];
        if (q) questionnaires.set(slug, q);
      }
      if (!q || !q.published) throw new HttpError(404, 'not_found', 'Questionnaire introuvable.');
      if (now < q.opensAt) throw new HttpError(409, 'questionnaire_not_open', "Ce questionnaire n'est pas encore ouvert aux réponses.");
      if (now >= q.closesAt) throw new HttpError(409, 'questionnaire_closed', 'Ce questionnaire est clos.');
      const checked = input && typeof input.answers === 'object' && input.submit === true ? questionnaireItems(q.definition, input.answers) : null;
      if (!checked) throw new HttpError(400, 'validation_failed', 'Certaines réponses sont à revoir.');
      // The plugin's writes (questionnaires/repository.ts `writeResponse`): in one transaction, the response first (its
      // row lock taken), then its old counted rows removed and the new ones added in one statement.
      const client = await pool.connect();
      let saved;
      try {
        statements += 1;
        await client.query('BEGIN');
        statements += 1;
        ({ rows: saved } = await client.query(
          `INSERT INTO participation_questionnaire_responses (document_id, created_at, updated_at, published_at, questionnaire_id, respondent_key, user_id, channel,
             answers, submitted_at, receipt)
           VALUES ($1, $2, $2, $2, $3, $4, $5, 'online', $6::jsonb, $2, $7)
           ON CONFLICT (questionnaire_id, respondent_key) DO UPDATE SET answers = EXCLUDED.answers, updated_at = EXCLUDED.updated_at,
             submitted_at = COALESCE(participation_questionnaire_responses.submitted_at, EXCLUDED.submitted_at)
             WHERE $8::boolean OR participation_questionnaire_responses.submitted_at IS NULL
           RETURNING id, receipt, submitted_at AS "submittedAt"`,
          [crypto.randomUUID(), now, q.id, `user:${citizen.id}`, citizen.id, JSON.stringify(checked.answers), newReceipt(), q.editable]
        ));
        if (saved[0]) {
          statements += 1;
          await client.query(
            `WITH removed AS (DELETE FROM participation_questionnaire_items WHERE response_id = $1 RETURNING id)
             INSERT INTO participation_questionnaire_items (document_id, created_at, updated_at, published_at, questionnaire_id, response_id, question, choice, position,
               numeric, free_text, first_of_question, channel)
             SELECT md5(random()::text || clock_timestamp()::text), $2, $2, $2, $3, $1, x.question, x.choice, x.position, x.numeric, x.free_text, x.first_of_question, 'online'
             FROM jsonb_to_recordset($4::jsonb) AS x(question text, choice text, position int, numeric float8, free_text text, first_of_question int)`,
            [saved[0].id, now, q.id, JSON.stringify(checked.items)]
          );
        }
        statements += 1;
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      if (!saved[0]) throw new HttpError(409, 'answer_locked', 'Ce questionnaire ne permet pas de modifier une réponse envoyée.');
      return {
        data: {
          receipt: saved[0].receipt,
          status: 'submitted',
          answers: checked.answers,
          // The bench questionnaire asks for no file.
          files: [],
          submittedAt: saved[0].submittedAt.toISOString(),
          updatedAt: now.toISOString(),
          editable: q.editable,
        },
      };
    },
  ],
  [
    'PUT',
    /^\/api\/participation\/budgets\/([a-z0-9-]+)\/ballot$/,
    async (ctx, [slug]) => {
      const citizen = await citizenOf(ctx);
      if (!citizen) throw new HttpError(401, 'authentication_required', 'Connectez-vous pour participer.');
      const input = ctx.request.body;
      const declaration = input.declaration ?? {};
      const blank = !!input.blank;
      const choices = Array.isArray(input.choices) ? input.choices : [];
      const now = new Date();
      const identity = identityKey(String(declaration.fullName ?? ''), String(declaration.birthDate ?? ''));
      const { rows: found } = await query(
        `SELECT p.id, p.settings, p.vote_opens_at AS "voteOpensAt", p.vote_closes_at AS "voteClosesAt", p.updated_at AS "updatedAt", o.channel AS "otherChannel"
         FROM participation_budget_processes p
         LEFT JOIN participation_budget_ballots o ON o.process_id = p.id AND o.identity_key = $2 AND o.voter_key <> $3
         WHERE p.slug = $1 LIMIT 1`,
        [slug, identity, `user:${citizen.id}`]
      );
      const process = found[0];
      if (!process) throw new HttpError(404, 'not_found', 'Budget participatif introuvable.');
      if (now < process.voteOpensAt) throw new HttpError(409, 'vote_not_open', "Le vote n'est pas encore ouvert.");
      if (now >= process.voteClosesAt) throw new HttpError(409, 'vote_closed', 'Le vote est clos.');
      if (process.otherChannel) throw new HttpError(409, process.otherChannel === 'paper' ? 'voted_on_paper' : 'already_voted', 'Déjà voté.');
      const key = `${process.id}:${process.updatedAt.getTime()}`;
      let byId = ballotProjects.get(key);
      if (!byId) {
        const { rows: projects } = await query(
          `SELECT id, document_id AS "documentId", COALESCE(revised_cost, estimated_cost) AS cost FROM participation_budget_projects WHERE process_id = $1 AND project_status = 'admissible'`,
          [process.id]
        );
        byId = new Map(projects.map((p) => [p.documentId, p]));
        ballotProjects.set(key, byId);
      }
      const s = process.settings;
      const bad =
        ageOn(String(declaration.birthDate), now) < s.minimumAge ||
        !s.eligibilityLinks.includes(declaration.link) ||
        (blank
          ? !s.blankVoteAllowed || choices.length > 0
          : new Set(choices).size !== choices.length || choices.some((c) => !byId.has(c)) || choices.length < s.minChoices || choices.length > s.maxChoices) ||
        (!blank && s.method === 'knapsack' && choices.reduce((sum, c) => sum + Number(byId.get(c)?.cost ?? 0), 0) > s.envelope);
      if (bad) throw new HttpError(400, 'validation_failed', 'Bulletin invalide.');
      const { rows: places } = await query(
        `SELECT e.insee_code AS territory FROM participation_territories c LEFT JOIN participation_territories e ON e.insee_code = c.parent_code AND e.kind = 'epci'
         WHERE c.insee_code = $1 AND c.kind = 'commune' LIMIT 1`,
        [declaration.communeCode]
      );
      if (!places[0]) throw new HttpError(400, 'validation_failed', 'Commune inconnue dans le département.');
      const territory = s.groupingKey === 'epci' ? places[0].territory : null;
      try {
        // The plugin's one statement (budgets/commands/vote.ts `writeInOneStatement`).
        const { rows: saved } = await query(
          `WITH open AS (SELECT 1 FROM participation_budget_processes WHERE id = $3 AND vote_opens_at <= now() AND vote_closes_at > now() FOR SHARE),
           upserted AS (
             INSERT INTO participation_budget_ballots (document_id, created_at, updated_at, published_at, process_id, voter_key, identity_key, user_id, channel,
               declared_name, declared_birth_date, declared_commune, declared_link, territory_code, blank, choices, receipt, ballot_status, version)
             SELECT $1, $2, $2, $2, $3, $4, $5, $6, 'web', $7, $8, $9, $10, $11, $12, $13::jsonb, $14, 'counted', 1 WHERE EXISTS (SELECT 1 FROM open)
             ON CONFLICT (process_id, voter_key) DO UPDATE SET identity_key = EXCLUDED.identity_key, declared_name = EXCLUDED.declared_name,
               declared_birth_date = EXCLUDED.declared_birth_date, declared_commune = EXCLUDED.declared_commune, declared_link = EXCLUDED.declared_link,
               territory_code = EXCLUDED.territory_code, blank = EXCLUDED.blank, choices = EXCLUDED.choices, updated_at = EXCLUDED.updated_at,
               version = participation_budget_ballots.version + 1
             RETURNING id, receipt, version),
           removed AS (DELETE FROM participation_budget_choices WHERE ballot_id = (SELECT id FROM upserted) AND version < (SELECT version FROM upserted) RETURNING 1),
           added AS (
             INSERT INTO participation_budget_choices (document_id, created_at, updated_at, published_at, process_id, ballot_id, version, project_id, channel, territory_code)
             SELECT md5(random()::text || clock_timestamp()::text || p::text), now(), now(), now(), $3, u.id, u.version, p, 'web', $11
             FROM upserted u CROSS JOIN unnest($15::int[]) AS p RETURNING 1)
           SELECT (SELECT id FROM upserted) AS id, (SELECT receipt FROM upserted) AS receipt, (SELECT COUNT(*) FROM added) AS added`,
          [
            crypto.randomUUID(),
            now,
            process.id,
            `user:${citizen.id}`,
            identity,
            citizen.id,
            declaration.fullName,
            declaration.birthDate,
            declaration.communeCode,
            declaration.link,
            territory,
            blank,
            JSON.stringify(choices),
            newReceipt(),
            blank ? [] : choices.map((c) => byId.get(c).id),
          ]
        );
        if (!saved[0] || saved[0].id === null) throw new HttpError(409, 'vote_closed', 'Le vote est clos.');
        return { data: { receipt: saved[0].receipt, blank, choices, channel: 'web', updatedAt: now.toISOString() } };
      } catch (error) {
        if (error.code === '23505') throw new HttpError(409, 'already_voted', 'Déjà voté.');
        throw error;
      }
    },
  ],
  [
    'GET',
    /^\/api\/participation\/consultations$/,
    async (ctx) => {
      const page = int(ctx.query.page, 1);
      const pageSize = int(ctx.query.pageSize, 20);
      const { rows } = await query(
        `SELECT ${LIFECYCLE}, l.public_card AS card, COUNT(*) OVER () AS total FROM participation_consultation_lifecycles l
         WHERE l.participation_rules IS NOT NULL AND l.status = ANY($1) ORDER BY l.opens_at DESC, l.id DESC LIMIT $2 OFFSET $3`,
        [PUBLIC_STATUSES, pageSize, (page - 1) * pageSize]
      );
      return {
        data: rows.map((r) => ({
          documentId: r.consultationDocumentId,
          slug: r.slug,
          title: r.card.title,
          summary: r.card.summary,
          status: r.status,
          opensAt: r.opensAt,
          closesAt: r.closesAt,
          cover: r.card.cover,
          themes: r.card.themes,
          territory: r.card.territory,
          origin: r.card.origin ?? null,
          counts: counts(r),
        })),
        meta: { pagination: pagination(page, pageSize, rows.length ? Number(rows[0].total) : 0) },
      };
    },
  ],
  [
    'GET',
    /^\/api\/participation\/consultations\/([a-z0-9-]+)$/,
    async (ctx, [slug]) => {
      const { rows } = await query(
        `SELECT ${LIFECYCLE}, l.public_card AS card, l.public_detail AS detail, l.participation_rules AS participation
         FROM participation_consultation_lifecycles l WHERE l.participation_rules IS NOT NULL AND l.slug = $1 AND l.status = ANY($2) LIMIT 1`,
        [slug, PUBLIC_STATUSES]
      );
      const r = rows[0];
      if (!r) throw new HttpError(404, 'not_found', 'Consultation introuvable.');
      const { rules } = r.participation;
      const [contribute, support, comment] = ['contribute', 'support', 'comment'].map((a) => refusal(a, rules, r.status, false));
      const { reportThreshold: _threshold, ...publicRules } = rules;
      return {
        data: {
          documentId: r.consultationDocumentId,
          slug: r.slug,
          title: r.card.title,
          summary: r.card.summary,
          easyRead: r.detail.easyRead ?? null,
          body: r.detail.body,
          status: r.status,
          stage: { status: r.status, text: STAGE[r.status].map((f) => r.detail.stageTexts[f]).find((t) => typeof t === 'string' && t.trim()) ?? null },
          opensAt: r.opensAt,
          closesAt: r.closesAt,
          phases: [],
          currentPhase: null,
          rules: publicRules,
          procedure: null,
          themes: r.card.themes,
          territory: r.card.territory,
          origin: r.card.origin ?? null,
          cover: r.card.cover,
          documents: r.detail.documents,
          counts: counts(r),
          results: r.status === 'results_published' || r.status === 'archived' ? r.detail.results : null,
          viewer: {
            signedIn: false,
            canContribute: !contribute,
            canSupport: !support,
            canComment: !comment,
            ...(contribute ? { reason: contribute } : {}),
            reasons: { ...(contribute ? { contribute } : {}), ...(support ? { support } : {}), ...(comment ? { comment } : {}) },
          },
        },
      };
    },
  ],
  [
    'GET',
    /^\/api\/participation\/consultations\/([a-z0-9-]+)\/contributions$/,
    async (ctx, [slug]) => {
      const context = await contextBySlug(slug);
      const bySupports = ctx.query.sort === '-supportsCount';
      const sortColumn = bySupports ? 'k.supports_count' : 'k.created_at';
      const pageSize = int(ctx.query.pageSize, 20);
      const cursor = ctx.query.cursor ? JSON.parse(Buffer.from(ctx.query.cursor.split('.')[0], 'base64url').toString('utf8')) : null;
      const page = cursor ? cursor.p : int(ctx.query.page, 1);
      const values = [context.consultationDocumentId, pageSize];
      let keyset = '';
      if (cursor) {
        values.push(bySupports ? Number(cursor.v) : new Date(cursor.v), cursor.id);
        keyset = `AND (${sortColumn}, k.id) < ($3, $4)`;
      } else values.push((page - 1) * pageSize);
      const { rows } = await query(
        `SELECT ${CONTRIBUTION}, t.name AS "territoryName" FROM participation_contributions k
         LEFT JOIN participation_territories t ON t.insee_code = k.territory_code
         WHERE k.consultation_document_id = $1 AND k.status = 'published' ${keyset}
         ORDER BY ${sortColumn} DESC, k.id DESC LIMIT $2 ${cursor ? '' : 'OFFSET $3'}`,
        values
      );
      const total = context.contributionsCount;
      const last = rows[rows.length - 1];
      const nextCursor =
        last && page * pageSize < total
          ? signedCursor({
              s: bySupports ? '-supportsCount' : '-createdAt',
              p: page + 1,
              v: bySupports ? Number(last.supportsCount) : last.createdAt.toISOString(),
              id: Number(last.id),
            })
          : null;
      const names = new Map(rows.filter((r) => r.territoryCode).map((r) => [r.territoryCode, r.territoryName]));
      return {
        data: rows.map((r) => presentContribution(r, context.participation.rules, context.status, null, names)),
        meta: { pagination: pagination(page, pageSize, total), nextCursor },
      };
    },
  ],
  [
    'POST',
    /^\/api\/participation\/contributions\/([A-Za-z0-9_-]+)\/supports$/,
    async (ctx, [documentId]) => {
      const citizen = await citizenOf(ctx);
      if (!citizen) throw new HttpError(401, 'authentication_required', 'Connectez-vous pour participer.');
      const { rows } = await query(
        `SELECT k.id AS "contributionId", k.status AS "contributionStatus", k.author_id AS "authorId", ${LIFECYCLE}, l.participation_rules AS participation
         FROM participation_contributions k JOIN participation_consultation_lifecycles l ON l.consultation_document_id = k.consultation_document_id
         WHERE l.status = ANY($1) AND l.participation_rules IS NOT NULL AND k.document_id = $2 LIMIT 1`,
        [PUBLIC_STATUSES, documentId]
      );
      const r = rows[0];
      if (!r || r.contributionStatus !== 'published') throw new HttpError(404, 'not_found', 'Contribution introuvable.');
      const refused = refusal('support', r.participation.rules, r.status, true);
      if (refused) throw new HttpError(409, refused, 'Action impossible.');
      if (r.authorId === citizen.id) throw new HttpError(409, 'own_contribution', 'Vous ne pouvez pas soutenir votre propre contribution.');
      const now = new Date();
      const { rows: counted } = await query(
        `WITH changed AS (
           INSERT INTO participation_supports (document_id, created_at, updated_at, published_at, contribution_id, user_id)
           VALUES ($1, $2, $2, $2, $3, $4) ON CONFLICT (contribution_id, user_id) DO NOTHING RETURNING 1),
         joined AS (
           INSERT INTO participation_participants (document_id, created_at, updated_at, published_at, consultation_document_id, user_id, contributions_count)
           VALUES ($5, $2, $2, $2, $6, $4, 0) ON CONFLICT (consultation_document_id, user_id) DO NOTHING RETURNING 1),
         counted AS (UPDATE participation_contributions SET supports_count = supports_count + (SELECT COUNT(*) FROM changed) WHERE id = $3 RETURNING supports_count AS n),
         consultation AS (
           UPDATE participation_consultation_lifecycles SET supports_count = supports_count + (SELECT COUNT(*) FROM changed),
             participants_count = participants_count + (SELECT COUNT(*) FROM joined)
           WHERE consultation_document_id = $6 AND (EXISTS (SELECT 1 FROM changed) OR EXISTS (SELECT 1 FROM joined)))
         SELECT n FROM counted`,
        [crypto.randomUUID(), now, r.contributionId, citizen.id, crypto.randomUUID(), r.consultationDocumentId]
      );
      return { data: { documentId, supportsCount: Number(counted[0].n), hasSupported: true } };
    },
  ],
  [
    'POST',
    /^\/api\/participation\/consultations\/([a-z0-9-]+)\/contributions$/,
    async (ctx, [slug]) => {
      const citizen = await citizenOf(ctx);
      const context = await contextBySlug(slug);
      const { rules } = context.participation;
      const refused = refusal('contribute', rules, context.status, !!citizen);
      if (refused) throw new HttpError(refused === 'authentication_required' ? 401 : 409, refused, 'Action impossible.');
      const input = ctx.request.body;
      const names = new Map();
      if (input.territory) {
        const { rows } = await query(`SELECT name FROM participation_territories WHERE insee_code = $1 AND kind = 'commune' LIMIT 1`, [input.territory]);
        if (!rows[0]) throw new HttpError(400, 'validation_failed', 'Commune inconnue (code INSEE attendu).');
        names.set(input.territory, rows[0].name);
      }
      const status = rules.moderationMode === 'a_priori' ? 'pending' : 'published';
      const now = new Date();
      const row = {
        documentId: crypto.randomUUID(),
        title: input.title,
        body: input.body,
        territoryCode: input.territory ?? null,
        authorId: citizen.id,
        authorName: citizen.displayName,
        channel: 'web',
        status,
        supportsCount: 0,
        commentsCount: 0,
        createdAt: now,
      };
      const hash = crypto.createHash('sha256').update(`${input.title}\u0000${input.body}`).digest('hex');
      // The plugin's one statement (contributions/repository.ts `submitInOneStatement`): the consultation held open,
      // the citizen joins or takes one of their contribution slots, the row, the counters; nothing unless all of it.
      const max = rules.maxContributionsPerUser ?? null;
      const { rows: outcome } = await query(
        `WITH open AS (SELECT 1 FROM participation_consultation_lifecycles WHERE consultation_document_id = $1 AND status = 'open'
                         AND (closes_at IS NULL OR closes_at > now()) FOR NO KEY UPDATE),
         slot AS (
           INSERT INTO participation_participants (document_id, created_at, updated_at, published_at, consultation_document_id, user_id, contributions_count)
           SELECT $2::varchar, $3::timestamp, $3::timestamp, $3::timestamp, $1::varchar, $4::integer, 1 WHERE EXISTS (SELECT 1 FROM open)
           ON CONFLICT (consultation_document_id, user_id) DO UPDATE SET contributions_count = participation_participants.contributions_count + 1
             WHERE $5::integer IS NULL OR participation_participants.contributions_count < $5::integer
           RETURNING (xmax = 0) AS joined),
         made AS (
           INSERT INTO participation_contributions (document_id, consultation_document_id, title, body, territory_code, author_id, author_name, channel, status,
             moderation_reason, official_answer_status, supports_count, comments_count, reports_count, content_hash, created_at, updated_at, published_at)
           SELECT $6::varchar, $1::varchar, $7::varchar, $8::text, $9::varchar, $4::integer, $10::varchar, 'web', $11::varchar,
             NULL, NULL, 0, 0, 0, $12::varchar, $3::timestamp, $3::timestamp, $3::timestamp WHERE EXISTS (SELECT 1 FROM slot)
           RETURNING 1),
         counted AS (
           UPDATE participation_consultation_lifecycles SET participants_count = participants_count + (SELECT COUNT(*) FROM slot WHERE joined),
             contributions_count = contributions_count + $13::integer * (SELECT COUNT(*) FROM made)
           WHERE consultation_document_id = $1 AND EXISTS (SELECT 1 FROM made))
         SELECT (SELECT COUNT(*) FROM open) AS open, (SELECT COUNT(*) FROM slot) AS slot`,
        [
          context.consultationDocumentId,
          crypto.randomUUID(),
          now,
          citizen.id,
          max,
          row.documentId,
          row.title,
          row.body,
          row.territoryCode,
          citizen.displayName,
          status,
          hash,
          status === 'published' ? 1 : 0,
        ]
      );
      if (Number(outcome[0].open) === 0) throw new HttpError(409, 'consultation_closed', 'Action impossible.');
      if (Number(outcome[0].slot) === 0) throw new HttpError(409, 'contribution_limit_reached', 'Action impossible.');
      ctx.status = 201;
      return { data: presentContribution(row, rules, context.status, citizen, names) };
    },
  ],
  [
    'GET',
    /^\/participation\/moderation\/queue$/,
    async (ctx) => {
      // The admin session, as platform/staff-session.ts checks it: the token, then one statement for its session,
      // its user and the plugin permissions of the user's roles.
      let session;
      try {
        session = jwt.verify(String(ctx.headers.authorization ?? '').replace(/^Bearer /, ''), ADMIN_KEY, { algorithms: ['HS256'] });
      } catch {
        throw new HttpError(401, 'staff_session_required', 'Session d’administration absente, expirée ou fermée : reconnectez-vous.');
      }
      const userId = Number(session.userId);
      // Both statements of the queue are prepared on the server (named), as the plugin does: planned once per connection.
      const { rows: staff } = await prepared(
        'staff-session',
        `SELECT u.id, u.is_active AS "isActive", u.blocked, s.expires_at AS "expiresAt", g.action FROM admin_users u
         JOIN strapi_sessions s ON s.session_id = $1 AND s.user_id = $2 AND s.origin = 'admin'
         LEFT JOIN (SELECT ur.user_id AS "userId", p.action FROM admin_users_roles_lnk ur
           JOIN admin_permissions_role_lnk pr ON pr.role_id = ur.role_id JOIN admin_permissions p ON p.id = pr.permission_id
           WHERE ur.user_id = $3 AND p.action LIKE 'plugin::participation.%') g ON g."userId" = u.id
         WHERE u.id = $3`,
        [session.sessionId, String(userId), userId]
      );
      if (session.type !== 'access' || !staff.length || !staff[0].isActive || staff[0].blocked || staff[0].expiresAt <= new Date()) {
        throw new HttpError(401, 'staff_session_required', 'Session d’administration absente, expirée ou fermée : reconnectez-vous.');
      }
      if (!staff.some((r) => r.action === 'plugin::participation.moderate'))
        throw new HttpError(403, 'permission_required', 'Votre rôle ne donne pas ce droit.');

      const page = int(ctx.query.page, 1);
      const pageSize = int(ctx.query.pageSize, 20);
      // The queue's (status, reported) slices, each an ordered range of the queue index cut at the end of the page.
      const slices = [
        ["'pending', 'hidden', 'published'", true],
        ["'pending'", false],
        ["'hidden'", false],
      ];
      const depth = page * pageSize;
      const columns = {
        contribution: `'contribution' AS type, id, document_id AS "documentId", consultation_document_id AS "consultationDocumentId", title,
          CAST(NULL AS INTEGER) AS "parentContributionId", official_answer_status AS "answerStatus", body`,
        comment: `'comment' AS type, id, document_id AS "documentId", consultation_document_id AS "consultationDocumentId", CAST(NULL AS VARCHAR(255)) AS title,
          contribution_id AS "parentContributionId", CAST(NULL AS VARCHAR(255)) AS "answerStatus", body`,
      };
      const tables = { contribution: 'participation_contributions', comment: 'participation_comments' };
      const reported = (flag) => (flag ? 'reports_count > 0' : 'reports_count = 0');
      const parts = Object.keys(tables).flatMap((type) =>
        slices.map(
          ([status, flag]) => `SELECT * FROM (SELECT ${columns[type]}, author_name AS "authorName", status, reports_count AS "reportsCount",
            moderation_reason AS "moderationReason", created_at AS "createdAt" FROM ${tables[type]}
            WHERE status IN (${status}) AND ${reported(flag)} ORDER BY created_at, id LIMIT ${depth}) s`
        )
      );
      // Exact up to 1 000, then "at least" (moderation/queries.ts QUEUE_COUNT_CAP): a bounded count per slice.
      const counts = Object.values(tables).flatMap((table) =>
        slices.map(([status, flag]) => `(SELECT COUNT(*) FROM (SELECT 1 FROM ${table} WHERE status IN (${status}) AND ${reported(flag)} LIMIT 1001) s)`)
      );
      // One statement: the page, its total, each item's consultation (its draft's title) and a comment's contribution.
      const order = (a) => `CASE WHEN ${a}."reportsCount" > 0 THEN 0 ELSE 1 END, ${a}."createdAt" ASC, ${a}.id ASC`;
      const { rows } = await prepared(
        `queue-page-${depth}`,
        `SELECT p.*, c.title AS "consultationTitle", l.slug AS "consultationSlug", pc.document_id AS "parentDocumentId", pc.title AS "parentTitle",
           (${counts.join(' + ')}) AS "queueTotal"
         FROM (SELECT * FROM (${parts.join(' UNION ALL ')}) q ORDER BY ${order('q')} LIMIT $1 OFFSET $2) p
         LEFT JOIN participation_consultations c ON c.document_id = p."consultationDocumentId" AND c.published_at IS NULL
         LEFT JOIN participation_consultation_lifecycles l ON l.consultation_document_id = p."consultationDocumentId"
         LEFT JOIN participation_contributions pc ON pc.id = p."parentContributionId"
         ORDER BY ${order('p')}`,
        [pageSize, (page - 1) * pageSize]
      );
      const total = rows.length ? Number(rows[0].queueTotal) : page === 1 ? 0 : Number((await query(`SELECT ${counts.join(' + ')} AS total`)).rows[0].total);
      // The reports of the page's reported items only: none, no statement.
      const reports = new Map();
      const reportedRows = rows.filter((r) => Number(r.reportsCount) > 0);
      if (reportedRows.length) {
        const ids = (type) => reportedRows.filter((r) => r.type === type).map((r) => Number(r.id));
        const { rows: found } = await query(
          `SELECT target_type AS "targetType", target_id AS "targetId", reason, details, created_at AS "createdAt", counted, reporter_since AS "reporterSince"
           FROM participation_reports WHERE (target_type = 'contribution' AND target_id = ANY($1)) OR (target_type = 'comment' AND target_id = ANY($2))
           ORDER BY created_at, id`,
          [ids('contribution'), ids('comment')]
        );
        for (const r of found) {
          const key = `${r.targetType}:${r.targetId}`;
          const accountAgeDays = r.createdAt && r.reporterSince ? Math.floor((r.createdAt.getTime() - r.reporterSince.getTime()) / 86_400_000) : null;
          reports.set(key, [...(reports.get(key) ?? []), { reason: r.reason, details: r.details, at: r.createdAt, counted: !!r.counted, accountAgeDays }]);
        }
      }
      return {
        data: rows.map((p) => ({
          type: p.type,
          documentId: p.documentId,
          title: p.title ?? null,
          body: p.body,
          author: { displayName: p.authorName ?? 'Anonyme' },
          status: p.status,
          moderationReason: p.moderationReason ?? null,
          reportsCount: Number(p.reportsCount),
          reports: reports.get(`${p.type}:${p.id}`) ?? [],
          consultation: { documentId: p.consultationDocumentId, slug: p.consultationSlug ?? null, title: p.consultationTitle ?? null },
          contribution: p.type === 'comment' && p.parentDocumentId ? { documentId: p.parentDocumentId, title: p.parentTitle } : null,
          answerStatus: p.answerStatus ?? null,
          createdAt: p.createdAt,
          decisions: DECISIONS_BY_STATUS[p.status],
        })),
        meta: { pagination: { ...pagination(page, pageSize, Math.min(total, 1000)), totalIsLowerBound: total > 1000 } },
      };
    },
  ],
];

const app = new Koa();
app.use(async (ctx) => {
  try {
    for (const [method, pattern, handler] of routes) {
      const match = ctx.method === method && pattern.exec(ctx.path);
      if (!match) continue;
      if (ctx.method === 'POST' || ctx.method === 'PUT') ctx.request.body = await readJson(ctx.req);
      ctx.body = await handler(ctx, match.slice(1));
      return;
    }
    throw new HttpError(404, 'not_found', 'Route inconnue.');
  } catch (error) {
    ctx.status = error.status ?? 500;
    ctx.body = { data: null, error: { status: ctx.status, name: 'Error', message: error.message, details: { code: error.code ?? 'internal' } } };
  }
});

function readJson(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new HttpError(400, 'invalid_json', 'JSON invalide.'));
      }
    });
    req.on('error', reject);
  });
}

const server = app.listen(Number(process.env.PORT || 4101), '127.0.0.1', () => process.send?.({ ready: true }));
process.on('message', (message) => {
  if (message === 'stats') process.send({ stats: { statements, cpu: process.cpuUsage() } });
  if (message === 'stop') server.close(() => pool.end().then(() => process.exit(0)));
});
