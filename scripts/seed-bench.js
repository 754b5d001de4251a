#!/usr/bin/env node
/**
 * npm run seed:bench -- --size S|M|L — benchmark data in PostgreSQL, in bulk SQL (generate_series), for
 * `npm run bench`. The database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/participer_bench)
 * is dropped and created again, Strapi creates the schema (with the generic-REST benchmark plugin), then:
 *
 *   S: 150 consultations,  15k contributions, 150k supports,  30k citizens
 *   M: 500 consultations, 200k contributions (37k in the busiest: 30k published), 2M supports, 200k citizens,
 *      200k comments
 *   L:   1 consultation,    2M contributions,  2M  supports, 200k citizens, 200k comments
 *
 * Contributions fall on consultations, and supports on contributions, with a Zipf law (rank k drawn with
 * probability ∝ 1/k: a few consultations and ideas draw most of the activity); where a size names its busiest
 * consultation's share, enough contributions are set there first for the law to give it that many. Moderation statuses are mixed
 * (82 % published, 8 % pending, 5 % rejected, 5 % hidden), dates fall inside each consultation's window, and every
 * counter is then set from the rows with aggregates and the support counters are checked, so the run starts exact
 * (`npm run participation:recount` checks every counter, at length, on demand).
 */
const path = require('path');
const { Client } = require('pg');
const { withStrapi, root } = require('./lib/with-strapi');

const SIZES = {
  S: {
    consultations: 150,
    contributions: 15_000,
    supports: 150_000,
    citizens: 30_000,
    meetings: 1_000,
    registrationsPerMeeting: 20,
    questionnaireResponses: 20_000,
    comments: 20_000,
  },
  M: {
    consultations: 500,
    contributions: 200_000,
    // The performance budget's size: 30,000 published contributions in one consultation (82 % of 37,000).
    busiest: 37_000,
    supports: 2_000_000,
    citizens: 200_000,
    meetings: 5_000,
    registrationsPerMeeting: 20,
    questionnaireResponses: 100_000,
    comments: 200_000,
  },
  L: {
    consultations: 1,
    contributions: 2_000_000,
    supports: 2_000_000,
    citizens: 200_000,
    meetings: 5_000,
    registrationsPerMeeting: 20,
    questionnaireResponses: 100_000,
    comments: 200_000,
  },
  // A few seconds' worth, for the harness smoke test in `npm test`.
  XS: {
    consultations: 12,
    contributions: 1_500,
    supports: 6_000,
    citizens: 800,
    meetings: 100,
    registrationsPerMeeting: 5,
    questionnaireResponses: 1_000,
    comments: 2_000,
  },
};

const BENCH_MODERATOR = { email: 'moderation@bench.invalid', password: 'Benchmark2026!' };
const BENCH_AGENT = { email: 'agent@bench.invalid', password: 'Benchmark2026!' };

const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/participer_bench';

function parseSize(argv) {
  const i = argv.indexOf('--size');
  const size = (i >= 0 ? argv[i + 1] : 'S')?.toUpperCase();
  if (!SIZES[size]) {
    console.error(`Taille inconnue « ${size} » : S, M ou L.`);
    process.exit(1);
  }
  return size;
}

/** Drops and creates the benchmark database (never the one in DATABASE_URL). */
async function recreateDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Nom de base de benchmark invalide : ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/** Table and column names from Strapi's metadata. */
function namesOf(strapi, uid) {
  const meta = strapi.db.metadata.get(uid);
  const col = (a) => meta.attributes[a].columnName ?? a;
  const link = (a) => meta.attributes[a].joinTable;
  return { table: meta.tableName, col, link };
}

async function seed(strapi, size) {
  const n = SIZES[size];
  const knex = strapi.db.connection;
  const started = Date.now();
  const step = async (label, sql, bindings = []) => {
    const t = Date.now();
    const result = await knex.raw(sql, bindings);
    console.log(
      `  ${label} : ${((Date.now() - t) / 1000).toFixed(1)} s${result.rowCount !== undefined && result.rowCount !== null ? ` (${result.rowCount} lignes)` : ''}`
    );
    return result;
  };

  const U = namesOf(strapi, 'plugin::users-permissions.user');
  const R = namesOf(strapi, 'plugin::users-permissions.role');
  const C = namesOf(strapi, 'plugin::participation.consultation');
  const L = namesOf(strapi, 'plugin::participation.consultation-lifecycle');
  const T = namesOf(strapi, 'plugin::participation.territory');
  const K = namesOf(strapi, 'plugin::participation.contribution');
  const S = namesOf(strapi, 'plugin::participation.support');
  const P = namesOf(strapi, 'plugin::participation.participant');
  const CM = namesOf(strapi, 'plugin::participation.comment');
  const GC = namesOf(strapi, 'plugin::generic.consultation');
  const GK = namesOf(strapi, 'plugin::generic.contribution');

  const nScheduled = n.consultations >= 10 ? Math.round(n.consultations * 0.05) : 0;
  const nActive = n.consultations - nScheduled; // consultations that have opened: they carry the contributions
  // The Zipf law gives rank 1 a share ln 2 / ln(nActive + 1); the first `head` contributions go to it outright so
  // that it holds `busiest` in all (expected): head + (contributions - head) × share = busiest.
  const firstShare = nActive > 1 ? Math.log(2) / Math.log(nActive + 1) : 1;
  const head = n.busiest ? Math.max(0, Math.round((n.busiest - n.contributions * firstShare) / (1 - firstShare))) : 0;

  console.log(`Taille ${size} : ${n.consultations} consultations, ${n.contributions} contributions, ${n.supports} soutiens, ${n.citizens} citoyen·nes.`);

  // Citizens: confirmed accounts of the Authenticated role.
  const authenticated = await knex(R.table).select('id').where('type', 'authenticated').first();
  await step(
    'citoyen·nes',
    `INSERT INTO ${U.table} (document_id, username, email, provider, confirmed, blocked, created_at, updated_at, published_at)
     SELECT 'benchuser' || lpad(g::text, 8, '0'), 'citoyen' || g, 'citoyen' || g || '@bench.invalid', 'local', true, false,
            now() - random() * interval '1000 days', now(), now()
     FROM generate_series(1, ?) g`,
    [n.citizens]
  );
  const roleLink = U.link('role');
  await step('rôles', `INSERT INTO ${roleLink.name} (${roleLink.joinColumn.name}, ${roleLink.inverseJoinColumn.name}) SELECT id, ? FROM ${U.table}`, [
    authenticated.id,
  ]);

  const [{ minUser }] = (await knex.raw(`SELECT min(id)::int AS "minUser" FROM ${U.table}`)).rows;

  // Consultations: a published version (and its draft, as the Content Manager keeps both), their lifecycle
  // rows, and a commune each. Index 1 is the busiest (Zipf rank 1) and open; the last 5 % are scheduled.
  const statusOf = `CASE WHEN g > ${nActive} THEN 'scheduled'
                         WHEN g = 1 OR g % 10 IN (2, 5) THEN 'open'
                         WHEN g % 10 IN (3, 6, 9) THEN 'closed'
                         WHEN g % 10 IN (4, 7) THEN 'results_published'
                         ELSE 'archived' END`;
  await knex.raw(
    `CREATE TEMP TABLE bench_consultations AS
    SELECT g, 'benchconsultation' || lpad(g::text, 6, '0') AS document_id, 'consultation-' || g AS slug, ${statusOf} AS status,
           titles.t || ' (' || g || ')' AS title
    FROM generate_series(1, ?) g
    CROSS JOIN LATERAL (SELECT (ARRAY['Mobilités du quotidien', 'Collèges de demain', 'Budget participatif', 'Routes et pistes cyclables',
      'Solidarités et grand âge', 'Eau et biodiversité', 'Culture en territoire', 'Alimentation locale'])[1 + g % 8] AS t) titles`,
    [n.consultations]
  );
  await knex.raw(`ALTER TABLE bench_consultations ADD COLUMN opens_at timestamptz, ADD COLUMN closes_at timestamptz`);
  await knex.raw(`UPDATE bench_consultations SET
      opens_at = CASE status WHEN 'scheduled' THEN now() + (g % 30 + 3) * interval '1 day'
                             WHEN 'open' THEN now() - (20 + g % 40) * interval '1 day'
                             ELSE now() - (100 + g * 3) * interval '1 day' END`);
  await knex.raw(`UPDATE bench_consultations SET
      closes_at = CASE status WHEN 'open' THEN now() + (10 + g % 50) * interval '1 day' ELSE opens_at + interval '60 days' END`);

  for (const published of [false, true]) {
    await step(
      published ? 'consultations publiées' : 'consultations (brouillons)',
      `INSERT INTO ${C.table} (document_id, ${C.col('title')}, ${C.col('slug')}, ${C.col('summary')}, ${C.col('body')},
         ${C.col('opensAt')}, ${C.col('closesAt')}, ${C.col('allowContributions')}, ${C.col('allowSupports')}, ${C.col('allowComments')},
         ${C.col('requireAccount')}, ${C.col('moderationMode')}, ${C.col('reportThreshold')}, ${C.col('phases')},
         ${C.col('textUpcoming')}, ${C.col('textOpen')}, ${C.col('textClosed')}, ${C.col('textResults')}, ${C.col('resultsSynthesis')},
         created_at, updated_at, published_at)
       SELECT document_id, title, slug, 'Le Département vous consulte : ' || title || '.',
         repeat('Le Département de Loire-Atlantique ouvre une consultation citoyenne. ', 12),
         opens_at, closes_at, true, true, true, true, 'a_priori', 3, '[]'::jsonb,
         'Bientôt ouverte.', 'Participez !', 'Merci : vos contributions sont en cours d''analyse.', 'Voici ce que nous retenons.',
         CASE WHEN status IN ('results_published', 'archived') THEN 'Synthèse des contributions.' END,
         opens_at - interval '20 days', opens_at - interval '20 days', ${published ? `opens_at - interval '15 days'` : 'NULL'}
       FROM bench_consultations ORDER BY g`
    );
  }
  await step(
    'états des consultations',
    `INSERT INTO ${L.table} (document_id, ${L.col('consultationDocumentId')}, ${L.col('slug')}, ${L.col('status')}, ${L.col('opensAt')},
       ${L.col('closesAt')}, ${L.col('openedAt')}, ${L.col('closedAt')}, ${L.col('searchKey')}, ${L.col('contributionsCount')},
       ${L.col('participantsCount')}, ${L.col('supportsCount')}, created_at, updated_at, published_at)
     SELECT 'benchlifecycle' || lpad(g::text, 6, '0'), document_id, slug, status, opens_at, closes_at,
       CASE WHEN status <> 'scheduled' THEN opens_at END, CASE WHEN status NOT IN ('scheduled', 'open') THEN closes_at END,
       lower(title), 0, 0, 0, now(), now(), now()
     FROM bench_consultations`
  );
  const consultationTerritory = C.link('territory');
  await step(
    'communes des consultations',
    `INSERT INTO ${consultationTerritory.name} (${consultationTerritory.joinColumn.name}, ${consultationTerritory.inverseJoinColumn.name})
     SELECT c.id, t.id FROM ${C.table} c
     JOIN bench_consultations b ON b.document_id = c.document_id
     JOIN (SELECT id, row_number() OVER (ORDER BY id) AS r, count(*) OVER () AS n FROM ${T.table} WHERE ${T.col('kind')} = 'commune') t
       ON t.r = 1 + (b.g % t.n)`
  );

  // Contributions: consultation by Zipf rank among those that have opened; date inside its window.
  await step(
    'contributions',
    `INSERT INTO ${K.table} (document_id, ${K.col('consultationDocumentId')}, ${K.col('title')}, ${K.col('body')}, ${K.col('territoryCode')},
       ${K.col('authorId')}, ${K.col('authorName')}, ${K.col('channel')}, ${K.col('status')}, ${K.col('moderationReason')},
       ${K.col('officialAnswerStatus')}, ${K.col('officialAnswerText')}, ${K.col('officialAnswerAt')},
       ${K.col('supportsCount')}, ${K.col('commentsCount')}, ${K.col('reportsCount')}, created_at, updated_at, published_at)
     SELECT 'benchcontribution' || lpad(x.g::text, 8, '0'), b.document_id,
       (ARRAY['Plus de pistes cyclables', 'Un arrêt de car près du collège', 'Des bancs à l''ombre', 'Ouvrir la médiathèque le dimanche',
              'Planter des haies', 'Un composteur partagé', 'Sécuriser le carrefour', 'Un marché de producteurs'])[1 + x.g % 8] || ' — idée ' || x.g,
       repeat('Voici ma proposition pour améliorer la vie du territoire. ', 1 + x.g % 6),
       communes.codes[1 + ((x.g::bigint * 7919) % array_length(communes.codes, 1))::int],
       x.author, 'citoyen' || x.author, 'web', x.status,
       CASE x.status WHEN 'rejected' THEN 'Hors sujet' WHEN 'hidden' THEN 'Signalée' END,
       CASE WHEN x.status = 'published' AND x.g % 17 = 0 THEN 'under_study' END,
       CASE WHEN x.status = 'published' AND x.g % 17 = 0 THEN 'Le Département étudie cette proposition.' END,
       CASE WHEN x.status = 'published' AND x.g % 17 = 0 THEN b.opens_at + interval '30 days' END,
       0, 0, 0, d.created_at, d.created_at, d.created_at
     FROM (
       SELECT g, CASE WHEN g <= ${head} THEN 1 ELSE least(${nActive}, floor(exp(random() * ln(${nActive} + 1)))::int) END AS k,
              CASE WHEN r < 0.82 THEN 'published' WHEN r < 0.90 THEN 'pending' WHEN r < 0.95 THEN 'rejected' ELSE 'hidden' END AS status,
              ? + floor(random() * ?)::int AS author, random() AS at
       FROM (SELECT g, random() AS r FROM generate_series(1, ?) g) raw
     ) x
     JOIN bench_consultations b ON b.g = x.k
     CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', b.opens_at + x.at * (least(b.closes_at, now()) - b.opens_at)) AS created_at) d
     CROSS JOIN (SELECT array_agg(${T.col('inseeCode')} ORDER BY id) AS codes FROM ${T.table} WHERE ${T.col('kind')} = 'commune') communes`,
    [minUser, n.citizens, n.contributions]
  );

  // Supports: published contributions by Zipf rank (rank = order of creation within the whole set), citizens
  // uniformly, one per pair (the unique index drops repeats); drawn until the target is reached.
  await knex.raw(`CREATE TEMP TABLE bench_published AS
    SELECT row_number() OVER (ORDER BY id) AS r, id FROM ${K.table} WHERE ${K.col('status')} = 'published'`);
  await knex.raw(`CREATE UNIQUE INDEX ON bench_published (r)`);
  const [{ published }] = (await knex.raw(`SELECT count(*)::int AS published FROM bench_published`)).rows;
  let supports = 0;
  for (let round = 0; supports < n.supports && round < 8; round++) {
    const draw = Math.ceil((n.supports - supports) * 1.25);
    const { rowCount } = await step(
      `soutiens (tirage ${round + 1})`,
      `INSERT INTO ${S.table} (document_id, ${S.col('contributionId')}, ${S.col('userId')}, created_at, updated_at, published_at)
       SELECT 'benchsupport' || ? || 'x' || g, p.id, ? + floor(random() * ?)::int, now(), now(), now()
       FROM (SELECT g, least(?, floor(exp(random() * ln(? + 1)))::int) AS r FROM generate_series(1, ?) g) d
       JOIN bench_published p ON p.r = d.r
       ON CONFLICT DO NOTHING`,
      [round, minUser, n.citizens, published, published, draw]
    );
    supports += rowCount;
  }
  if (supports > n.supports) {
    await step('soutiens en trop', `DELETE FROM ${S.table} WHERE id IN (SELECT id FROM ${S.table} ORDER BY id DESC LIMIT ?)`, [supports - n.supports]);
  }

  // Comments (M: 200,000, where Decidim runs out of memory on statistics at 30k proposals): on published contributions by
  // Zipf rank, so that a few threads hold thousands; one in three answers an earlier comment of its thread (depth 1),
  // mostly published, some pending, rejected or hidden, dated after their contribution.
  await step(
    'commentaires',
    `INSERT INTO ${CM.table} (document_id, ${CM.col('contributionId')}, ${CM.col('consultationDocumentId')}, ${CM.col('depth')}, ${CM.col('body')},
       ${CM.col('authorId')}, ${CM.col('authorName')}, ${CM.col('status')}, ${CM.col('moderationReason')}, ${CM.col('reportsCount')},
       ${CM.col('reportsSinceDecision')}, created_at, updated_at)
     SELECT 'benchcomment' || lpad(x.g::text, 8, '0'), k.id, k.${K.col('consultationDocumentId')}, 0,
       (ARRAY['Tout à fait d''accord, et sur toute la commune.', 'Il faudrait aussi penser aux personnes âgées.',
              'Le coût me paraît élevé pour ce que c''est.', 'Oui, avec un éclairage le soir.'])[1 + x.g % 4] || ' (' || x.g || ')',
       x.author, 'citoyen' || x.author, x.status, CASE x.status WHEN 'rejected' THEN 'Hors sujet' WHEN 'hidden' THEN 'Signalé' END, 0, 0,
       k.created_at + (x.g % 1000) * interval '1 minute', now()
     FROM (
       SELECT g, least(?, floor(exp(random() * ln(? + 1)))::int) AS r, ? + floor(random() * ?)::int AS author,
              CASE WHEN random() < 0.9 THEN 'published' WHEN random() < 0.5 THEN 'pending' WHEN random() < 0.5 THEN 'rejected' ELSE 'hidden' END AS status
       FROM generate_series(1, ?) g
     ) x
     JOIN bench_published p ON p.r = x.r
     JOIN ${K.table} k ON k.id = p.id`,
    [published, published, minUser, n.citizens, n.comments]
  );
  // Threads: one comment in three answers the comment before it on the same contribution (or the one before that),
  // when that one opens a thread; the others open their own. Threads of a reply or two, as most are.
  await step(
    'fils des commentaires',
    `UPDATE ${CM.table} m SET ${CM.col('rootId')} = coalesce(f.parent, m.id), ${CM.col('parentId')} = f.parent, ${CM.col('depth')} = CASE WHEN f.parent IS NULL THEN 0 ELSE 1 END
     FROM (SELECT id, CASE WHEN id % 3 = 0 THEN CASE WHEN lag1 % 3 <> 0 THEN lag1 WHEN lag2 % 3 <> 0 THEN lag2 END END AS parent
           FROM (SELECT id, lag(id, 1) OVER w AS lag1, lag(id, 2) OVER w AS lag2 FROM ${CM.table}
                 WINDOW w AS (PARTITION BY ${CM.col('contributionId')} ORDER BY id)) l) f
     WHERE f.id = m.id`
  );
  await step(
    'compteurs des commentaires',
    `UPDATE ${K.table} k SET ${K.col('commentsCount')} = c.n
     FROM (SELECT ${CM.col('contributionId')} AS id, count(*) AS n FROM ${CM.table} WHERE ${CM.col('status')} = 'published' GROUP BY 1) c WHERE k.id = c.id`
  );

  // Participants: each citizen once per consultation where they contributed, supported or commented.
  await step(
    'participant·es',
    `INSERT INTO ${P.table} (document_id, ${P.col('consultationDocumentId')}, ${P.col('userId')}, ${P.col('contributionsCount')}, created_at, updated_at, published_at)
     SELECT 'benchparticipant' || row_number() OVER (), consultation, author, 0, now(), now(), now() FROM (
       SELECT ${K.col('consultationDocumentId')} AS consultation, ${K.col('authorId')} AS author FROM ${K.table}
       UNION
       SELECT k.${K.col('consultationDocumentId')}, s.${S.col('userId')} FROM ${S.table} s JOIN ${K.table} k ON k.id = s.${S.col('contributionId')}
       UNION
       SELECT ${CM.col('consultationDocumentId')}, ${CM.col('authorId')} FROM ${CM.table}
     ) p`
  );

  // Counters from the rows, fast (aggregates), then the plugin's recount to prove them.
  await step(
    'compteurs des contributions',
    `UPDATE ${K.table} k SET ${K.col('supportsCount')} = s.n FROM (SELECT ${S.col('contributionId')} AS id, count(*) AS n FROM ${S.table} GROUP BY 1) s WHERE k.id = s.id`
  );
  await step(
    'compteurs des participant·es',
    `UPDATE ${P.table} p SET ${P.col('contributionsCount')} = k.n
     FROM (SELECT ${K.col('consultationDocumentId')} AS consultation, ${K.col('authorId')} AS author, count(*) AS n FROM ${K.table} GROUP BY 1, 2) k
     WHERE p.${P.col('consultationDocumentId')} = k.consultation AND p.${P.col('userId')} = k.author`
  );
  await step(
    'compteurs des consultations',
    `UPDATE ${L.table} l SET
       ${L.col('contributionsCount')} = coalesce((SELECT count(*) FROM ${K.table} k WHERE k.${K.col('consultationDocumentId')} = l.${L.col('consultationDocumentId')} AND k.${K.col('status')} = 'published'), 0),
       ${L.col('supportsCount')} = coalesce((SELECT sum(k.${K.col('supportsCount')}) FROM ${K.table} k WHERE k.${K.col('consultationDocumentId')} = l.${L.col('consultationDocumentId')}), 0),
       ${L.col('participantsCount')} = (SELECT count(*) FROM ${P.table} p WHERE p.${P.col('consultationDocumentId')} = l.${L.col('consultationDocumentId')})`
  );

  // The same content for Strapi's generic REST: consultations and contributions related through link tables.
  await step(
    'consultations (REST générique)',
    `INSERT INTO ${GC.table} (document_id, ${GC.col('title')}, ${GC.col('slug')}, ${GC.col('summary')}, ${GC.col('body')}, ${GC.col('stage')},
       ${GC.col('opensAt')}, ${GC.col('closesAt')}, ${GC.col('contributionsCount')}, created_at, updated_at, published_at)
     SELECT c.document_id, c.${C.col('title')}, c.${C.col('slug')}, c.${C.col('summary')}, c.${C.col('body')}, l.${L.col('status')},
       c.${C.col('opensAt')}, c.${C.col('closesAt')}, l.${L.col('contributionsCount')}, c.created_at, c.updated_at, c.published_at
     FROM ${C.table} c JOIN ${L.table} l ON l.${L.col('consultationDocumentId')} = c.document_id
     WHERE c.published_at IS NOT NULL AND l.${L.col('status')} <> 'draft'`
  );
  const gTerritory = GC.link('territory');
  await step(
    'communes (REST générique)',
    `INSERT INTO ${gTerritory.name} (${gTerritory.joinColumn.name}, ${gTerritory.inverseJoinColumn.name})
     SELECT g.id, lnk.${consultationTerritory.inverseJoinColumn.name} FROM ${GC.table} g
     JOIN ${C.table} c ON c.document_id = g.document_id AND c.published_at IS NOT NULL
     JOIN ${consultationTerritory.name} lnk ON lnk.${consultationTerritory.joinColumn.name} = c.id`
  );
  await step(
    'contributions (REST générique)',
    `INSERT INTO ${GK.table} (id, document_id, ${GK.col('title')}, ${GK.col('body')}, ${GK.col('authorName')}, ${GK.col('channel')}, ${GK.col('status')},
       ${GK.col('supportsCount')}, ${GK.col('commentsCount')}, created_at, updated_at, published_at)
     SELECT id, document_id, ${K.col('title')}, ${K.col('body')}, ${K.col('authorName')}, ${K.col('channel')}, ${K.col('status')},
       ${K.col('supportsCount')}, ${K.col('commentsCount')}, created_at, updated_at, published_at FROM ${K.table}`
  );
  await knex.raw(`SELECT setval(pg_get_serial_sequence('${GK.table}', 'id'), (SELECT max(id) FROM ${GK.table}))`);
  const gConsultation = GK.link('consultation');
  await step(
    'liens contribution → consultation (REST générique)',
    `INSERT INTO ${gConsultation.name} (${gConsultation.joinColumn.name}, ${gConsultation.inverseJoinColumn.name}, ${gConsultation.orderColumnName ?? 'contribution_ord'})
     SELECT k.id, g.id, k.id FROM ${K.table} k JOIN ${GC.table} g ON g.document_id = k.${K.col('consultationDocumentId')}`
  );
  const gContribTerritory = GK.link('territory');
  await step(
    'liens contribution → commune (REST générique)',
    `INSERT INTO ${gContribTerritory.name} (${gContribTerritory.joinColumn.name}, ${gContribTerritory.inverseJoinColumn.name})
     SELECT k.id, t.id FROM ${K.table} k JOIN ${T.table} t ON t.${T.col('inseeCode')} = k.${K.col('territoryCode')}`
  );

  // The moderator the benchmark signs in as, for the moderation queue.
  const moderator = await strapi.db.query('admin::role').findOne({ where: { name: 'Modérateur' } });
  await strapi.service('admin::user').create({ ...BENCH_MODERATOR, firstname: 'Modération', lastname: 'Benchmark', isActive: true, roles: [moderator.id] });
  // The participation agent it signs in as, for the questionnaire's results.
  const agent = await strapi.db.query('admin::role').findOne({ where: { name: 'Agent participation' } });
  await strapi.service('admin::user').create({ ...BENCH_AGENT, firstname: 'Agent', lastname: 'Benchmark', isActive: true, roles: [agent.id] });

  // A participatory budget in its vote, with 20 admissible projects, for the ballot cells: filed and analysed through
  // the plugin's own use cases, then its calendar moved to the vote.
  const budgets = strapi.plugin('participation').service('budgets');
  const day = (d) => new Date(Date.now() + d * 86_400_000).toISOString();
  const budgetInput = (filing, vote) => ({
    name: 'Budget participatif (benchmark)',
    slug: 'budget-bench',
    filingOpensAt: day(filing[0]),
    filingClosesAt: day(filing[1]),
    voteOpensAt: day(vote[0]),
    voteClosesAt: day(vote[1]),
    settings: {
      envelope: 2_000_000,
      territoryEnvelopes: [],
      groupingKey: 'epci',
      minProjectCost: 1_000,
      maxProjectCost: 50_000,
      method: 'approval',
      minChoices: 1,
      maxChoices: 10,
      minimumAge: 16,
      eligibilityLinks: ['live', 'work', 'study'],
      oneWinnerPerTerritory: true,
      blankVoteAllowed: true,
      showLiveCounts: false,
    },
  });
  const budget = await budgets.saveProcess(null, budgetInput([-1, 1], [2, 3]));
  const authors = await knex(U.table).select('id', 'username').orderBy('id').limit(20);
  const [commune] = await knex(T.table)
    .select({ code: T.col('inseeCode') })
    .where(T.col('kind'), 'commune')
    .orderBy('id')
    .limit(1);
  for (const [i, author] of authors.entries()) {
    const project = await budgets.fileProject(
      'budget-bench',
      { id: author.id, displayName: author.username },
      {
        title: `Projet de benchmark numéro ${i + 1}`,
        description: `Un projet de benchmark, le numéro ${i + 1}, pour mesurer le vote.`,
        estimatedCost: 5_000 + i * 1_000,
        communeCode: commune.code,
      }
    );
    await budgets.decideProject(project.documentId, { decision: 'admissible' }, { id: 0, name: 'Benchmark' });
  }
  await budgets.saveProcess(budget.documentId, budgetInput([-3, -2], [-1, 60]));
  console.log(`  budget participatif : ${authors.length} projets au vote`);

  // A questionnaire open to signed-in people whose answers may change until it closes, for the answer cell: each
  // benchmark citizen sends and re-sends their answers (choices, a grid, a score, a number, a text).
  const choices = (...keys) => keys.map((key) => ({ key, label: key }));
  await strapi
    .plugin('participation')
    .service('questionnaires')
    .save(null, {
      title: 'Questionnaire (benchmark)',
      slug: 'questionnaire-bench',
      definition: {
        pages: [
          {
            key: 'p1',
            title: 'Vos trajets',
            questions: [
              { key: 'mode', label: 'Mode', type: 'single_choice', required: true, options: choices('voiture', 'velo', 'bus', 'marche'), other: true },
              {
                key: 'motifs',
                label: 'Motifs',
                type: 'multiple_choice',
                required: false,
                options: choices('travail', 'ecole', 'courses', 'loisirs'),
                other: false,
              },
              {
                key: 'avis',
                label: 'Avis',
                type: 'matrix_single',
                required: false,
                rows: choices('pistes', 'bus'),
                columns: choices('bon', 'moyen', 'mauvais'),
              },
            ],
          },
          {
            key: 'p2',
            title: 'Vous',
            questions: [
              { key: 'note', label: 'Note', type: 'scale', required: true, min: 0, max: 10 },
              { key: 'km', label: 'Kilomètres', type: 'number', required: false, integer: true, min: 0, max: 500 },
              { key: 'idee', label: 'Idée', type: 'short_text', required: false, maxLength: 200 },
            ],
          },
        ],
      },
      audience: 'signed_in',
      editable: true,
      published: true,
      opensAt: day(-1),
      closesAt: day(60),
    });
  console.log('  questionnaire : ouvert, réponses modifiables');
  // Its answers already in (M: 100,000, where Decidim's survey page takes 15 s at 400): anonymous and paper ones, each
  // with its counted rows exactly as the plugin writes them (one per choice, the score as choice and number, the number).
  const Q = namesOf(strapi, 'plugin::participation.questionnaire');
  const QR = namesOf(strapi, 'plugin::participation.questionnaire-response');
  const QI = namesOf(strapi, 'plugin::participation.questionnaire-item');
  await step(
    'réponses au questionnaire',
    `WITH q AS (SELECT id FROM ${Q.table} WHERE ${Q.col('slug')} = 'questionnaire-bench'),
          c AS (SELECT array_agg(code ORDER BY code) AS codes FROM (SELECT ${T.col('inseeCode')} AS code FROM ${T.table} WHERE ${T.col('kind')} = 'commune' ORDER BY 1 LIMIT 200) x)
     INSERT INTO ${QR.table} (${QR.col('documentId')}, ${QR.col('createdAt')}, ${QR.col('updatedAt')}, ${QR.col('publishedAt')}, ${QR.col('questionnaireId')},
       ${QR.col('respondentKey')}, ${QR.col('channel')}, ${QR.col('answers')}, ${QR.col('submittedAt')}, ${QR.col('receipt')}, ${QR.col('territoryCode')}, ${QR.col('ageBand')})
     SELECT 'questionnairebench' || g, now(), now(), now(), q.id, 'anonymous:seed-' || g, CASE WHEN g % 10 = 0 THEN 'paper' ELSE 'online' END,
       jsonb_build_object(
         'mode', jsonb_build_object('choice', (ARRAY['voiture', 'velo', 'bus', 'marche'])[1 + g % 4], 'other', NULL),
         'motifs', jsonb_build_object('choices', to_jsonb((ARRAY['travail', 'ecole', 'courses', 'loisirs'])[1:1 + g % 4]), 'other', NULL),
         'note', g % 11, 'km', g % 50),
       now() - g * interval '1 second', 'SEED' || g, c.codes[1 + g % cardinality(c.codes)], (ARRAY['18_24', '25_34', '35_49', '50_64', '65_plus'])[1 + g % 5]
     FROM generate_series(1, ?::int) g CROSS JOIN q CROSS JOIN c`,
    [n.questionnaireResponses]
  );
  await step(
    'lignes comptées des réponses',
    `INSERT INTO ${QI.table} (${QI.col('documentId')}, ${QI.col('createdAt')}, ${QI.col('updatedAt')}, ${QI.col('publishedAt')}, ${QI.col('questionnaireId')},
       ${QI.col('responseId')}, ${QI.col('question')}, ${QI.col('choice')}, ${QI.col('numeric')}, ${QI.col('firstOfQuestion')}, ${QI.col('channel')},
       ${QI.col('territoryCode')}, ${QI.col('ageBand')})
     SELECT md5(r.id || '-' || x.question || '-' || coalesce(x.choice, '')), now(), now(), now(), r.${QR.col('questionnaireId')}, r.id, x.question, x.choice,
       x.numeric, x.first, r.${QR.col('channel')}, r.${QR.col('territoryCode')}, r.${QR.col('ageBand')}
     FROM ${QR.table} r CROSS JOIN LATERAL (
       SELECT 'mode' AS question, r.${QR.col('answers')} -> 'mode' ->> 'choice' AS choice, NULL::float8 AS numeric, 1 AS first
       UNION ALL SELECT 'motifs', m.value, NULL, CASE WHEN m.ord = 1 THEN 1 ELSE 0 END
         FROM jsonb_array_elements_text(r.${QR.col('answers')} -> 'motifs' -> 'choices') WITH ORDINALITY AS m(value, ord)
       UNION ALL SELECT 'note', r.${QR.col('answers')} ->> 'note', (r.${QR.col('answers')} ->> 'note')::float8, 1
       UNION ALL SELECT 'km', NULL, (r.${QR.col('answers')} ->> 'km')::float8, 1
     ) x WHERE r.${QR.col('respondentKey')} LIKE 'anonymous:seed-%'`
  );

  // Public meetings (M: 5,000 and 100,000 registrations, where Decidim's meetings index takes 9 s): one an hour from
  // half of them ago, in the communes in turn, each with its registrations in queue order, the last ones waiting.
  const M = namesOf(strapi, 'plugin::participation.meeting');
  const G = namesOf(strapi, 'plugin::participation.meeting-registration');
  await step(
    'réunions',
    `INSERT INTO ${M.table} (${M.col('documentId')}, ${M.col('createdAt')}, ${M.col('updatedAt')}, ${M.col('publishedAt')}, ${M.col('title')}, ${M.col('slug')},
       ${M.col('kind')}, ${M.col('status')}, ${M.col('startsAt')}, ${M.col('endsAt')}, ${M.col('territoryCode')}, ${M.col('communeName')}, ${M.col('address')},
       ${M.col('services')}, ${M.col('agenda')}, ${M.col('onlineUrl')}, ${M.col('onlineUrlRevealed')}, ${M.col('registrationEnabled')}, ${M.col('capacity')},
       ${M.col('reservedPlaces')}, ${M.col('waitlistEnabled')}, ${M.col('attendeesPublic')}, ${M.col('registeredCount')}, ${M.col('invitedCount')},
       ${M.col('waitlistCount')}, ${M.col('queueSequence')})
     SELECT 'meetingbench' || lpad(g::text, 8, '0'), now(), now(), now(), 'Réunion publique de benchmark ' || g, 'reunion-bench-' || g,
       k.kind, CASE WHEN g % 50 = 0 THEN 'draft' ELSE 'published' END,
       now() + (g - ?::int / 2) * interval '1 hour', now() + (g - ?::int / 2) * interval '1 hour' + interval '2 hours',
       CASE WHEN k.kind = 'online' THEN NULL ELSE t.code END, CASE WHEN k.kind = 'online' THEN NULL ELSE t.name END,
       CASE WHEN k.kind = 'online' THEN NULL ELSE g || ' rue de la Mairie' END,
       CASE WHEN g % 2 = 0 THEN '["wheelchair","hearing_loop"]'::jsonb ELSE '[]'::jsonb END, '[]'::jsonb,
       CASE WHEN k.kind = 'in_person' THEN NULL ELSE 'https://visio.bench.invalid/' || g END, false, true, 10 + g % 20, 2, true, false,
       LEAST(?::int, 8 + g % 20), 0, GREATEST(0, ?::int - (8 + g % 20)), ?::int
     FROM generate_series(1, ?::int) g
     CROSS JOIN LATERAL (SELECT (ARRAY['in_person', 'hybrid', 'online'])[1 + g % 3] AS kind) k
     CROSS JOIN LATERAL (SELECT ${T.col('inseeCode')} AS code, ${T.col('name')} AS name FROM ${T.table} WHERE ${T.col('kind')} = 'commune'
       ORDER BY id OFFSET g % 200 LIMIT 1) t`,
    [n.meetings, n.meetings, n.registrationsPerMeeting, n.registrationsPerMeeting, n.registrationsPerMeeting, n.meetings]
  );
  const [{ minUser: firstUser }] = (await knex.raw(`SELECT MIN(id) AS "minUser" FROM ${U.table}`)).rows;
  await step(
    'inscriptions aux réunions',
    `INSERT INTO ${G.table} (${G.col('documentId')}, ${G.col('createdAt')}, ${G.col('updatedAt')}, ${G.col('publishedAt')}, ${G.col('meetingId')},
       ${G.col('userId')}, ${G.col('status')}, ${G.col('invited')}, ${G.col('queue')}, ${G.col('code')})
     SELECT 'meetingreg' || m.id || '-' || r, now(), now(), now(), m.id, ?::int + (m.id * 7919 + r) % ?::int,
       CASE WHEN r <= m.${M.col('capacity')} - m.${M.col('reservedPlaces')} THEN 'registered' ELSE 'waitlisted' END, false, r, upper(substr(md5(m.id || '-' || r), 1, 8))
     FROM ${M.table} m CROSS JOIN generate_series(1, ?::int) r WHERE m.${M.col('slug')} LIKE 'reunion-bench-%'`,
    [firstUser, n.citizens, n.registrationsPerMeeting]
  );
  // The counts follow the rows (the seed's meeting ids need not match its series numbers).
  await step(
    'compteurs des réunions',
    `UPDATE ${M.table} m SET ${M.col('registeredCount')} = c.registered, ${M.col('waitlistCount')} = c.waiting
     FROM (SELECT ${G.col('meetingId')} AS id, COUNT(*) FILTER (WHERE ${G.col('status')} = 'registered') AS registered,
             COUNT(*) FILTER (WHERE ${G.col('status')} = 'waitlisted') AS waiting FROM ${G.table} GROUP BY 1) c
     WHERE c.id = m.id`
  );

  // VACUUM as well as ANALYZE: a production table's visibility map is kept by autovacuum, and without it the index-only
  // scans (the moderation queue's bounded counts) read the heap; a freshly loaded base would measure that instead.
  await step('carte de visibilité et statistiques (VACUUM ANALYZE)', 'VACUUM (ANALYZE)');
  const snapshots = await strapi.plugin('participation').service('consultation-snapshots').refreshAll();
  console.log(`  fiches publiques : ${snapshots} consultations`);
  // The counters the benchmark checks after its run must start exact: supports per contribution and per consultation.
  const { rows: drift } = await knex.raw(
    `SELECT (SELECT COUNT(*) FROM ${K.table} k LEFT JOIN (SELECT ${S.col('contributionId')} AS id, COUNT(*) AS n FROM ${S.table} GROUP BY 1) s ON s.id = k.id
             WHERE k.${K.col('supportsCount')} <> COALESCE(s.n, 0))::int AS contributions,
            (SELECT COUNT(*) FROM ${L.table} l LEFT JOIN (SELECT ${K.col('consultationDocumentId')} AS id, SUM(${K.col('supportsCount')}) AS n FROM ${K.table} GROUP BY 1) k
             ON k.id = l.${L.col('consultationDocumentId')} WHERE l.${L.col('supportsCount')} <> COALESCE(k.n, 0))::int AS consultations`
  );
  const wrong = drift[0].contributions + drift[0].consultations;
  console.log(`Fait en ${((Date.now() - started) / 1000).toFixed(1)} s ; compteurs de soutiens ${wrong ? `FAUX (${wrong} écarts)` : 'exacts'}.`);
  return wrong ? 1 : 0;
}

if (require.main === module) {
  const size = parseSize(process.argv);
  (async () => {
    await recreateDatabase(BENCH_DATABASE_URL);
    withStrapi((strapi) => seed(strapi, size), { DATABASE_URL: BENCH_DATABASE_URL, BENCH_GENERIC: 'true', DATABASE_POOL_MAX: '4' });
  })().catch((error) => {
    console.error(error);
    process.exit(2);
  });
}

module.exports = { SIZES, BENCH_DATABASE_URL, BENCH_MODERATOR, BENCH_AGENT, recreateDatabase, root: path.resolve(root) };
