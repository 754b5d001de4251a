import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { startInstance, until, type Instance } from './helpers/instances';
import { startReceiver } from './helpers/webhooks';

/**
 * Faults, each bounded in time and on loopback: a server process killed (SIGKILL) in the middle of a scheduler run,
 * and database connections killed (pg_terminate_backend) under a storm of writes. Real server processes on a real
 * PostgreSQL; what is checked is what users and receivers see, and the rows themselves.
 */
const isPostgres = !!process.env.DATABASE_URL;
const PASSWORD = 'Participer2026!';
const api = '/api/participation';
const SCHEDULER_LOCK_KEY = 7_244_001;
/** Consultations falling due together: enough for the run that opens them to take a while. */
const N = 120;

(isPostgres ? describe : describe.skip)('faults', () => {
  let database: TestDatabase;
  let db: Client;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let instance: Instance | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    env = {
      ...database.env,
      PARTICIPATION_CRON: '* * * * * *',
      PARTICIPATION_ALERTS_CRON: 'off',
      PARTICIPATION_LOAD_TERRITORIES: 'false',
      PARTICIPATION_RATE_LIMIT_IP: '100000/60',
      OUTBOX_POLL_MS: '300',
      OUTBOX_RETRY_BASE_MS: '200',
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'error',
      DEMO_CONTENT: 'false',
      AUTH_RATELIMIT: 'false',
    };
    db = new Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await instance?.stop();
    await db?.end();
    await receiver?.close();
    await database?.drop();
  });

  it('SIGKILL in the middle of a scheduler run: nothing half done, and after restart each transition happens and is announced once', async () => {
    instance = await startInstance(env);
    await instance.setup('admin', { email: 'agent@loire-atlantique.test', password: PASSWORD, role: 'strapi-super-admin' });
    const token = (await instance.http().post('/admin/login').send({ email: 'agent@loire-atlantique.test', password: PASSWORD })).body.data.token as string;
    await instance
      .http()
      .post('/participation/webhooks')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Site', url: receiver.url, events: ['participation.consultation.transitioned'] });

    const opensAt = Date.now() + 25_000;
    const consultations: { documentId: string; slug: string }[] = [];
    for (let i = 0; i < N; i += 1) {
      const c = await instance.setup<{ documentId: string; slug: string }>('consultation', {
        title: `Consultation ${i}`,
        opensAt,
        closesAt: opensAt + 86_400_000,
        moderationMode: 'a_posteriori',
      });
      const res = await instance
        .http()
        .post(`/participation/consultations/${c.documentId}/transitions`)
        .set('Authorization', `Bearer ${token}`)
        .send({ to: 'scheduled' });
      expect(res.status).toBe(200);
      consultations.push(c);
    }
    expect(Date.now()).toBeLessThan(opensAt); // the run below is the one that opens them

    // Killed while the scheduler holds its lock, once they are due: inside the run that opens them.
    while (Date.now() < opensAt) await new Promise((r) => setTimeout(r, 20));
    await until(
      'le planificateur au travail',
      async () => (await db.query('SELECT 1 FROM pg_locks WHERE locktype = $1 AND objid = $2 AND granted', ['advisory', SCHEDULER_LOCK_KEY])).rowCount,
      10_000
    );
    instance.child.kill('SIGKILL');
    await new Promise((r) => instance!.child.once('exit', r));
    instance = undefined;

    // Whole: every consultation is scheduled with no open event, or open with exactly one.
    const states =
      await db.query(`SELECT l.status, (SELECT COUNT(*) FROM participation_lifecycle_events e WHERE e.consultation_document_id = l.consultation_document_id AND e.to_status = 'open')::int AS opened
                                   FROM participation_consultation_lifecycles l`);
    for (const row of states.rows) expect([`scheduled:0`, `open:1`]).toContain(`${row.status}:${row.opened}`);

    instance = await startInstance(env);
    await until(
      'toutes ouvertes après redémarrage',
      async () => (await db.query(`SELECT COUNT(*)::int AS n FROM participation_consultation_lifecycles WHERE status = 'open'`)).rows[0].n === N,
      20_000
    );
    const events = await db.query(
      `SELECT consultation_document_id, COUNT(*)::int AS n FROM participation_lifecycle_events WHERE to_status = 'open' GROUP BY 1`
    );
    expect(events.rows).toHaveLength(N);
    expect(events.rows.every((r) => r.n === 1)).toBe(true);

    // Announced once: one event id per transition (a receiver de-duplicating on it sees each once), none missing.
    await until('tous les événements reçus', async () => new Set(receiver.received.map((d) => d.body.id)).size >= 2 * N, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    const byTransition = new Map<string, Set<string>>();
    for (const d of receiver.received) {
      const key = `${d.body.consultation.documentId}:${d.body.to}`;
      byTransition.set(key, (byTransition.get(key) ?? new Set()).add(d.body.id));
    }
    expect(byTransition.size).toBe(2 * N);
    expect([...byTransition.values()].every((ids) => ids.size === 1)).toBe(true);
    for (const c of consultations) expect(byTransition.has(`${c.documentId}:open`)).toBe(true);
  }, 150_000);

  it('connections killed during a storm of supports: 503 or success, never 500; no partial write; counters exact', async () => {
    const server = instance!;
    const slug = (await db.query(`SELECT slug FROM participation_consultation_lifecycles WHERE status = 'open' LIMIT 1`)).rows[0].slug as string;
    const citizens: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const res = await server
        .http()
        .post('/api/auth/local/register')
        .send({ username: `panne${i}`, email: `panne${i}@exemple.test`, password: 'MotDePasse2026!' });
      citizens.push(res.body.jwt);
    }
    const made = await server
      .http()
      .post(`${api}/consultations/${slug}/contributions`)
      .set('Authorization', `Bearer ${citizens[0]}`)
      .send({ title: 'Pendant la panne', body: 'Une idée soutenue pendant que la base perd ses connexions.' });
    expect(made.status).toBe(201);
    const id = made.body.data.documentId;

    // The test's own connection would be killed too: closed for the storm, opened again after.
    await db.end();
    let killing = true;
    const killer = (async () => {
      const admin = new Client({ connectionString: database.env.DATABASE_URL });
      admin.on('error', () => undefined);
      await admin.connect();
      // Five times, 300 ms apart, every connection of the database is cut, while supports keep coming.
      for (let i = 0; i < 5 && killing; i += 1) {
        await new Promise((r) => setTimeout(r, 300));
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      }
      await admin.end();
    })();
    const answers = await Promise.all(
      citizens
        .slice(1, 59)
        .map((jwt, i) =>
          new Promise((r) => setTimeout(r, i * 30)).then(() =>
            server.http().post(`${api}/contributions/${id}/supports`).set('Authorization', `Bearer ${jwt}`).send({})
          )
        )
    );
    killing = false;
    await killer;
    db = new Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();

    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    for (const r of answers.filter((x) => x.status === 503)) expect(r.body.error.details.code).toBe('service_unavailable');
    const acknowledged = answers.filter((r) => r.status === 200 || r.status === 201).length;

    // Recovered by itself, and every acknowledged support is there, counted exactly.
    let last: unknown = null;
    // Recovered by itself: a new support goes through.
    const late = await until('un soutien accepté après la panne', async () => {
      const res = await server.http().post(`${api}/contributions/${id}/supports`).set('Authorization', `Bearer ${citizens[59]}`).send({});
      return (res.status === 200 || res.status === 201) && res;
    });
    expect(late.body.data.hasSupported).toBe(true);
    const read = await until('relecture', async () => {
      const res = await server.http().get(`${api}/contributions/${id}`);
      last = [res.status, res.body];
      return res.status === 200 && res;
    }).catch((error) => {
      throw new Error(`${(error as Error).message} ; dernière réponse : ${JSON.stringify(last)}`);
    });
    const rows = (
      await db.query(
        `SELECT COUNT(*)::int AS n FROM participation_supports s JOIN participation_contributions k ON k.id = s.contribution_id WHERE k.document_id = $1`,
        [id]
      )
    ).rows[0].n;
    expect(rows).toBeGreaterThanOrEqual(acknowledged + 1);
    expect(read.body.data.counts.supports).toBe(rows);
    const drift = await db.query(
      `SELECT COUNT(*)::int AS n FROM participation_contributions k WHERE k.supports_count <> (SELECT COUNT(*) FROM participation_supports s WHERE s.contribution_id = k.id)`
    );
    expect(drift.rows[0].n).toBe(0);
    const lifecycle = await db.query(
      `SELECT l.supports_count, (SELECT COUNT(*) FROM participation_supports s JOIN participation_contributions k ON k.id = s.contribution_id WHERE k.consultation_document_id = l.consultation_document_id)::int AS n
                                      FROM participation_consultation_lifecycles l WHERE l.slug = $1`,
      [slug]
    );
    expect(lifecycle.rows[0].supports_count).toBe(lifecycle.rows[0].n);
  }, 90_000);
});
