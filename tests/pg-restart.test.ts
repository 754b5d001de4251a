import { execFileSync, spawn, spawnSync } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startInstance, type Instance } from './helpers/instances';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * PostgreSQL itself restarted under load, and stopped for longer than every background poll with two instances
 * running (`pg_ctl restart`, a server of the test's own on a loopback port, so that
 * nothing else is disturbed): the app answers 503 with Retry-After meanwhile, never 500 and never a hang, is ready
 * again by itself within 10 s, and every write it acknowledged is there afterwards with exact counters.
 */
const isPostgres = !!process.env.DATABASE_URL;
const api = '/api/participation';

function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const version = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return version ? path.join(root, version, 'bin') : null;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** A throwaway PostgreSQL cluster: initdb, start, restart, stop (run as `postgres` when the tests run as root). */
async function throwawayCluster(bin: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-restart-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim()));
    fs.chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = path.join(bin, tool);
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} : ${result.stderr || result.stdout}`);
  };
  const ctl = (action: 'restart' | 'stop' | 'start') =>
    new Promise<void>((resolve, reject) => {
      const args = ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-m', 'fast', '-w', action];
      const command = path.join(bin, 'pg_ctl');
      const child = asRoot ? spawn('runuser', ['-u', 'postgres', '--', command, ...args]) : spawn(command, args);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${action} : ${code}`))));
    });
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** Restarts the server without blocking this process: the app keeps answering (or not) meanwhile. */
    restart: () => ctl('restart'),
    /** Stops the server (connections cut at once) and starts it again later, with `start`. */
    stop: () => ctl('stop'),
    start: () => ctl('start'),
    remove: () => {
      spawnSync(
        asRoot ? 'runuser' : path.join(bin, 'pg_ctl'),
        asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop']
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const bin = postgresBin();
(isPostgres && bin ? describe : describe.skip)('PostgreSQL restarted under load', () => {
  let cluster: Awaited<ReturnType<typeof throwawayCluster>>;
  let app: TestApp;
  let citizens: TestCitizen[];
  let contribution: string;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    cluster = await throwawayCluster(bin!);
    process.env.DATABASE_URL = cluster.url;
    app = await startApp();
    const consultation = await openConsultation(app, await adminToken(app), { moderationMode: 'a_posteriori' });
    citizens = [];
    for (let i = 0; i < 40; i += 1) citizens.push(await registerCitizen(app, `redemarrage${i}`));
    const made = await app
      .request()
      .post(`${api}/consultations/${consultation.slug}/contributions`)
      .set(...citizens[0].auth)
      .send({ title: 'Pendant le redémarrage', body: 'Une idée soutenue pendant que PostgreSQL redémarre.' });
    expect(made.status).toBe(201);
    contribution = made.body.data.documentId;
  }, 120_000);

  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    process.env.DATABASE_URL = previousUrl;
    cluster?.remove();
  });

  it('answers 503 (not 500, not a hang) meanwhile, is ready again within 10 s, and keeps every acknowledged write', async () => {
    const answers: { status: number; retryAfter?: string; code?: string; who?: number; ms: number }[] = [];
    let loading = true;
    // Four clients in a loop: supports from distinct citizens, and reads, while the server restarts.
    const worker = async (w: number) => {
      for (let i = w + 1; loading && i < citizens.length; i += 4) {
        const started = Date.now();
        const res = await app
          .request()
          .post(`${api}/contributions/${contribution}/supports`)
          .set(...citizens[i].auth)
          .send({})
          .timeout(15_000);
        answers.push({ status: res.status, retryAfter: res.headers['retry-after'], code: res.body?.error?.details?.code, who: i, ms: Date.now() - started });
        const read = await app.request().get(`${api}/consultations`).timeout(15_000);
        answers.push({ status: read.status, retryAfter: read.headers['retry-after'], code: read.body?.error?.details?.code, ms: Date.now() - started });
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await new Promise((r) => setTimeout(r, 400));
    const restartedAt = Date.now();
    const restart = cluster.restart();
    // The database goes down at once; ready again only once it is back.
    let readyAfter = Infinity;
    let sawUnready = false;
    while (Date.now() - restartedAt < 15_000) {
      const ready = (await app.request().get('/_ready')).status;
      if (ready === 503) sawUnready = true;
      if (ready === 200 && sawUnready) {
        readyAfter = Date.now() - restartedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await restart;
    await new Promise((r) => setTimeout(r, 500));
    loading = false;
    await load;

    expect(sawUnready).toBe(true);
    // The load did meet the outage: some requests were refused with 503 while it lasted.
    expect(answers.some((a) => a.status === 503)).toBe(true);
    expect(readyAfter).toBeLessThanOrEqual(10_000);
    expect(answers.filter((a) => ![200, 201, 503].includes(a.status))).toEqual([]);
    for (const a of answers.filter((x) => x.status === 503)) expect(a).toMatchObject({ retryAfter: '5', code: 'service_unavailable' });
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(10_000);
    // Every support the server acknowledged is in the database; counters agree with the rows.
    const acknowledged = answers.filter((a) => a.who !== undefined && a.status < 300).map((a) => citizens[a.who!].id);
    expect(acknowledged.length).toBeGreaterThan(0);
    const rows = await app.strapi.db.connection('participation_supports').select('user_id');
    const stored = new Set(rows.map((r: { user_id: number }) => Number(r.user_id)));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(await app.strapi.plugin('participation').service('counters').check()).toEqual([]);
    const after = await app.request().get(`${api}/contributions/${contribution}`);
    expect(after.status).toBe(200);
    expect(after.body.data.counts.supports).toBe(stored.size);
  }, 90_000);
});

/** Longer than every periodic job of the instances below (outbox, notifications, scheduler, alerts: 1 s or less). */
const OUTAGE_MS = Number(process.env.OUTAGE_TEST_MS ?? 20_000);

(isPostgres && bin ? describe : describe.skip)('PostgreSQL down for longer than every poll, two instances running', () => {
  let cluster: Awaited<ReturnType<typeof throwawayCluster>>;
  const instances: Instance[] = [];

  beforeAll(async () => {
    cluster = await throwawayCluster(bin!);
    const env = {
      DATABASE_URL: cluster.url,
      DATABASE_SSL: 'false',
      PARTICIPATION_CRON: '* * * * * *',
      PARTICIPATION_ALERTS_CRON: '* * * * * *',
      OPEN_DATA_DUMP_CRON: '* * * * * *',
      OUTBOX_POLL_MS: '300',
      NOTIFICATIONS_POLL_MS: '300',
      PARTICIPATION_LOAD_TERRITORIES: 'false',
      LOG_LEVEL: process.env.OUTAGE_LOG_LEVEL ?? 'error',
      DEMO_CONTENT: 'false',
      AUTH_RATELIMIT: 'false',
    };
    // One after the other: the first creates the schema.
    instances.push(await startInstance(env));
    instances.push(await startInstance(env));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop().catch(() => undefined)));
    cluster?.remove();
  });

  it('both stay alive, answer 503 meanwhile, and are ready again within 15 s of its return', async () => {
    for (const i of instances) expect((await i.http().get('/_ready')).status).toBe(200);
    const exits: string[] = [];
    instances.forEach((i, n) => i.child.once('exit', (code, signal) => exits.push(`instance ${n} : ${code ?? signal}`)));
    await cluster.stop();
    const down = Date.now();
    const during: number[] = [];
    while (Date.now() - down < OUTAGE_MS) {
      for (const i of instances) during.push((await i.http().get('/api/participation/consultations').timeout(10_000)).status);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(exits).toEqual([]);
    expect([...new Set(during)]).toEqual([503]);
    await cluster.start();
    const back = Date.now();
    for (const [n, i] of instances.entries()) {
      let ready = 0;
      while (ready !== 200 && Date.now() - back < 15_000) {
        ready = (await i.http().get('/_ready').timeout(5_000)).status;
        if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect([n, ready]).toEqual([n, 200]);
    }
    expect(exits).toEqual([]);
    for (const i of instances) expect((await i.http().get('/api/participation/consultations')).status).toBe(200);
  }, 120_000);
});
