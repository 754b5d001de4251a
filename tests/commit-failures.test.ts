import type { Response } from 'supertest';
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';
import { BUDGET_SETTINGS, BUDGET_STAGE, budgetCalendar, petitionScheme } from './helpers/fixtures';

/**
 * Acknowledged means written: the database refuses the COMMIT itself, after every statement of the write went
 * through. A deferred constraint trigger, armed per table by the test, raises a serialization failure (SQLSTATE
 * 40001, what PostgreSQL raises at COMMIT under contention) only when the transaction commits. Each kind of write
 * must then answer 503 with Retry-After, never 2xx, and leave nothing behind; disarmed, the same request succeeds.
 * Without the plugin's transaction helper, Strapi's `db.transaction` returned the callback's result although the
 * COMMIT had failed, and the client was told 2xx for a write the database did not keep.
 *
 * PostgreSQL only: it is the production database, and SQLite has no deferred trigger to make a COMMIT fail.
 */
const isPostgres = !!process.env.DATABASE_URL;
const api = '/api/participation';

let app: TestApp;
let agent: string;
let author: TestCitizen;
let reader: TestCitizen;
let commune: string;
let consultation: { documentId: string; slug: string };
let published: string;
const armed = new Set<string>();

const knex = () => app.strapi.db.connection;
const tableOf = (uid: string) => app.strapi.db.metadata.get(uid as never).tableName;
const countRows = async (uid: string) => Number(((await knex()(tableOf(uid)).count({ n: '*' })) as { n: number | string }[])[0].n);
const staff = (method: 'post' | 'put', path: string, body: object) =>
  app.request()[method](`/participation${path}`).set('Authorization', `Bearer ${agent}`).send(body);

/** Makes every COMMIT of a transaction that wrote into `uid`'s table fail (until `disarm`). */
async function arm(uid: string) {
  const table = tableOf(uid);
  if (!armed.has(table)) {
    await knex().raw(
      `CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT OR UPDATE OR DELETE ON ?? DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_at_commit()`,
      [table]
    );
    armed.add(table);
  }
  await knex()('test_commit_faults').insert({ table_name: table }).onConflict('table_name').ignore();
}
const disarm = () => knex()('test_commit_faults').delete();

/**
 * A write refused at COMMIT: 503 with Retry-After, in the envelope, and `uid`'s rows as they were; then the same
 * write, disarmed, succeeds (so the request itself was a valid one).
 */
async function refusedAtCommit(uid: string, write: () => Promise<Response>, ok: number[] = [200, 201]) {
  const before = await countRows(uid);
  const snapshot = JSON.stringify(await knex()(tableOf(uid)).select('*').orderBy('id'));
  await arm(uid);
  let res: Response;
  try {
    res = await write();
  } finally {
    await disarm();
  }
  expect([res.status, res.body?.error?.details?.code]).toEqual([503, 'service_unavailable']);
  expect(res.headers['retry-after']).toBeDefined();
  expect(await countRows(uid)).toBe(before);
  expect(JSON.stringify(await knex()(tableOf(uid)).select('*').orderBy('id'))).toBe(snapshot);
  const again = await write();
  expect(ok).toContain(again.status);
  return again;
}

(isPostgres ? describe : describe.skip)('a COMMIT that fails is never acknowledged', () => {
  beforeAll(async () => {
    app = await startApp({ PARTICIPATION_RATE_LIMIT_IP: '100000/60', OUTBOX_POLL_MS: '0', NOTIFICATIONS_POLL_MS: '0' });
    await knex().raw('CREATE TABLE test_commit_faults (table_name text PRIMARY KEY)');
    await knex().raw(`CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM test_commit_faults WHERE table_name = TG_TABLE_NAME) THEN
          RAISE EXCEPTION 'could not serialize access (test)' USING ERRCODE = '40001';
        END IF;
        RETURN NULL;
      END $$`);
    agent = await adminToken(app, 'Agent participation', 'Agathe');
    author = await registerCitizen(app, 'autrice-commit');
    reader = await registerCitizen(app, 'lectrice-commit');
    const groupings = await app.request().get(`${api}/territory-groupings/epci`);
    commune = groupings.body.data.find((t: { communes: string[] }) => t.communes.length > 0).communes[0];
    consultation = (await openConsultation(app, agent, { title: 'Commit refusé', moderationMode: 'a_posteriori' })) as unknown as {
      documentId: string;
      slug: string;
    };
    const first = await app
      .request()
      .post(`${api}/consultations/${consultation.slug}/contributions`)
      .set(...author.auth)
      .send({ title: 'Une première idée', body: 'Une idée publiée tout de suite, pour la soutenir et la commenter.' });
    expect(first.status).toBe(201);
    published = first.body.data.documentId;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('contribution, comment, report and support', async () => {
    await refusedAtCommit('plugin::participation.contribution', () =>
      app
        .request()
        .post(`${api}/consultations/${consultation.slug}/contributions`)
        .set(...reader.auth)
        .send({ title: 'Une idée refusée au commit', body: 'Cette contribution ne doit pas exister si la base ne la garde pas.' })
    );
    await refusedAtCommit('plugin::participation.comment', () =>
      app
        .request()
        .post(`${api}/contributions/${published}/comments`)
        .set(...reader.auth)
        .send({ body: 'Un commentaire refusé au commit.' })
    );
    await refusedAtCommit('plugin::participation.report', () =>
      app
        .request()
        .post(`${api}/contributions/${published}/reports`)
        .set(...reader.auth)
        .send({ reason: 'off_topic' })
    );
    await refusedAtCommit('plugin::participation.support', () =>
      app
        .request()
        .post(`${api}/contributions/${published}/supports`)
        .set(...reader.auth)
    );
  });

  it('moderation decision, official answer and consultation transition (staff)', async () => {
    const contribution = 'plugin::participation.contribution';
    await refusedAtCommit(contribution, () =>
      staff('post', '/moderation/decisions', { items: [{ type: 'contribution', id: published }], decision: 'hide', reason: 'Test du commit refusé' })
    );
    await refusedAtCommit(contribution, () =>
      staff('post', '/moderation/decisions', { items: [{ type: 'contribution', id: published }], decision: 'restore', reason: 'Test du commit refusé' })
    );
    await refusedAtCommit(contribution, () => staff('put', `/contributions/${published}/answer`, { status: 'retained', text: 'Nous retenons cette idée.' }));
    await refusedAtCommit('plugin::participation.consultation-lifecycle', () =>
      staff('post', `/consultations/${consultation.documentId}/transitions`, { to: 'closed', reason: 'Test' })
    );
  });

  it('petition filing and signature', async () => {
    const scheme = await staff('post', '/petition-schemes', petitionScheme('commit'));
    expect(scheme.status).toBe(201);
    const filed = await refusedAtCommit('plugin::participation.petition', () =>
      app
        .request()
        .post(`${api}/petitions`)
        .set(...author.auth)
        .send({
          scheme: 'commit',
          title: 'Rouvrir la ligne du dimanche',
          body: 'Nous demandons au Département de rouvrir la ligne de car du dimanche.',
          communeCode: commune,
          confirmsMinimumAge: true,
        })
    );
    expect((await staff('post', `/petitions/${filed.body.data.documentId}/decisions`, { decision: 'admissible' })).status).toBe(200);
    await refusedAtCommit('plugin::participation.petition-signature', () =>
      app
        .request()
        .post(`${api}/petitions/${filed.body.data.slug}/signatures`)
        .set(...reader.auth)
        .send({ communeCode: commune, confirmsMinimumAge: true })
    );
  });

  it('budget project filing and ballot', async () => {
    const created = await staff('post', '/budgets', {
      name: 'Budget commit',
      slug: 'budget-commit',
      ...budgetCalendar(BUDGET_STAGE.filing),
      settings: BUDGET_SETTINGS,
    });
    expect(created.status).toBe(201);
    const project = await refusedAtCommit('plugin::participation.budget-project', () =>
      app
        .request()
        .post(`${api}/budgets/budget-commit/projects`)
        .set(...author.auth)
        .send({
          title: 'Des bancs sur la voie verte',
          description: 'Des bancs le long de la voie verte, pour que chacun puisse s’y reposer.',
          estimatedCost: 20_000,
          communeCode: commune,
        })
    );
    expect(
      (
        await staff('put', `/budgets/${created.body.data.documentId}`, {
          name: 'Budget commit',
          slug: 'budget-commit',
          ...budgetCalendar(BUDGET_STAGE.admissibility),
          settings: BUDGET_SETTINGS,
        })
      ).status
    ).toBe(200);
    expect((await staff('post', `/budget-projects/${project.body.data.documentId}/decisions`, { decision: 'admissible' })).status).toBe(200);
    expect(
      (
        await staff('put', `/budgets/${created.body.data.documentId}`, {
          name: 'Budget commit',
          slug: 'budget-commit',
          ...budgetCalendar(BUDGET_STAGE.vote),
          settings: BUDGET_SETTINGS,
        })
      ).status
    ).toBe(200);
    await refusedAtCommit('plugin::participation.budget-ballot', () =>
      app
        .request()
        .put(`${api}/budgets/budget-commit/ballot`)
        .set(...reader.auth)
        .send({
          choices: [project.body.data.documentId],
          declaration: { fullName: 'Lectrice Martin', birthDate: '1990-05-17', communeCode: commune, link: 'live' },
        })
    );
  });

  it('erasing an account', async () => {
    const leaving = await registerCitizen(app, 'partante-commit');
    const res = await refusedAtCommit(
      'plugin::users-permissions.user',
      () =>
        app
          .request()
          .delete(`${api}/me`)
          .set(...leaving.auth)
          .send({ password: 'MotDePasse2026!' }),
      [200, 204]
    );
    expect(await knex()(tableOf('plugin::users-permissions.user')).where({ id: leaving.id }).first()).toBeUndefined();
    expect(res.status).toBeLessThan(300);
  });
});
