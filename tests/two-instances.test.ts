import Redis from 'ioredis';
import { verifyRegister } from '../plugins/participation/server/src/procedures/domain/register';
import { NOTICE } from './helpers/consultations';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { startInstance, until, type Instance } from './helpers/instances';
import { startSmtp } from './helpers/smtp';
import { startReceiver } from './helpers/webhooks';

/**
 * Two real server processes on one PostgreSQL and one Redis, as behind a load balancer, each running its own
 * scheduler (every second), moderators' digest (every second) and outbox. Everything observed goes through HTTP.
 * PostgreSQL only (production's database; SQLite is one process by nature).
 */
const isPostgres = !!process.env.DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'Participer2026!';
const api = '/api/participation';

(isPostgres ? describe : describe.skip)('two instances behind a load balancer', () => {
  let database: TestDatabase;
  let a: Instance;
  let b: Instance;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let adminA: string;
  let adminB: string;
  const prefix = `participer:two:${process.pid}:${Date.now()}`;
  const both = () => [a, b];

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtp();
    receiver = await startReceiver();
    const env = {
      ...database.env,
      ...smtp.env,
      REDIS_URL,
      PARTICIPATION_RATE_LIMIT_PREFIX: prefix,
      // Kept long enough that a page not moved on by a write would still be served stale when read again.
      PUBLIC_CACHE_SECONDS: '60',
      PUBLIC_CACHE_PREFIX: `${prefix}:cache`,
      PARTICIPATION_RATE_LIMIT_USER: '5/60',
      PARTICIPATION_RATE_LIMIT_IP: '100000/60',
      PARTICIPATION_CRON: '* * * * * *',
      PARTICIPATION_ALERTS_CRON: '* * * * * *',
      OUTBOX_POLL_MS: '500',
      NOTIFICATIONS_POLL_MS: '200',
      LOG_LEVEL: 'error',
      DEMO_CONTENT: 'false',
      AUTH_RATELIMIT: 'false',
      REPORT_MIN_ACCOUNT_AGE_MINUTES: '0',
      PARTICIPATION_LOAD_TERRITORIES: 'true',
    };
    // One after the other: each syncs the schema when it starts.
    a = await startInstance(env);
    b = await startInstance(env);
    await a.setup('admin', { email: 'agent@loire-atlantique.test', password: PASSWORD, role: 'strapi-super-admin' });
    const login = async (i: Instance) =>
      (await i.http().post('/admin/login').send({ email: 'agent@loire-atlantique.test', password: PASSWORD })).body.data.token as string;
    adminA = await login(a);
    adminB = await login(b);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await receiver?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await database?.drop();
  });

  it('open a due consultation once, with one history entry and one webhook event, whichever instance acts', async () => {
    // The webhook is created through A; either instance may perform the transition and deliver its event.
    const hook = await a
      .http()
      .post('/participation/webhooks')
      .set('Authorization', `Bearer ${adminA}`)
      .send({ name: 'Site', url: receiver.url, events: ['participation.consultation.transitioned'] });
    expect(hook.status).toBe(201);
    const c = await a.setup<{ documentId: string; slug: string }>('consultation', {
      title: 'Vue par deux instances',
      opensAt: Date.now() + 3000,
      closesAt: Date.now() + 86_400_000,
      moderationMode: 'a_posteriori',
      reportThreshold: 2,
    });
    expect(
      (await b.http().post(`/participation/consultations/${c.documentId}/transitions`).set('Authorization', `Bearer ${adminB}`).send({ to: 'scheduled' }))
        .status
    ).toBe(200);
    await until('ouverture par le planificateur', async () => (await a.http().get(`${api}/consultations/${c.slug}`)).body.data?.status === 'open');
    await new Promise((r) => setTimeout(r, 2500)); // both schedulers have had two more runs
    const history = await a.http().get(`/participation/consultations/${c.documentId}/transitions`).set('Authorization', `Bearer ${adminA}`);
    expect(history.body.data.map((e: { from: string; to: string; actor: { type: string } }) => `${e.from}→${e.to}:${e.actor.type}`)).toEqual([
      'draft→scheduled:admin',
      'scheduled→open:scheduler',
    ]);
    const events = await until('deux événements', async () => {
      const mine = receiver.received.filter((d) => d.body.consultation?.documentId === c.documentId);
      return mine.length >= 2 && mine;
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.filter((d) => d.body.consultation?.documentId === c.documentId).map((d) => d.body.to)).toEqual(['scheduled', 'open']);
    expect(new Set(events.map((d) => d.body.id)).size).toBe(2);
    (global as Record<string, unknown>).consultation = c;
  });

  it('count a storm of supports and reports spread over both instances exactly', async () => {
    const c = (global as Record<string, unknown>).consultation as { documentId: string; slug: string };
    const citizens = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await both()
          [i % 2].http()
          .post('/api/auth/local/register')
          .send({ username: `tempete${i}`, email: `tempete${i}@exemple.test`, password: 'MotDePasse2026!' });
        expect(res.status).toBe(200);
        return res.body.jwt as string;
      })
    );
    const made = await a
      .http()
      .post(`${api}/consultations/${c.slug}/contributions`)
      .set('Authorization', `Bearer ${citizens[0]}`)
      .send({ title: 'Une idée soutenue', body: 'Une idée que tout le monde soutient en même temps.' });
    expect(made.status).toBe(201);
    const id = made.body.data.documentId;
    const supports = await Promise.all(
      citizens.slice(1).map((jwt, i) => both()[i % 2].http().post(`${api}/contributions/${id}/supports`).set('Authorization', `Bearer ${jwt}`).send({}))
    );
    expect(supports.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    // Each instance answers the same count at once.
    for (const i of both()) expect((await i.http().get(`${api}/contributions/${id}`)).body.data.counts.supports).toBe(29);
    expect((await b.http().get(`${api}/consultations/${c.slug}`)).body.data.counts.supports).toBe(29);

    // Reports from both sides: the threshold (2) hides the item once, and its author is told once.
    const reports = await Promise.all(
      citizens
        .slice(1, 7)
        .map((jwt, i) => both()[i % 2].http().post(`${api}/contributions/${id}/reports`).set('Authorization', `Bearer ${jwt}`).send({ reason: 'spam' }))
    );
    // A report that lands once the item is hidden finds nothing public to report (404); nothing else is acceptable.
    expect(reports.map((r) => r.status).filter((status) => status !== 201 && status !== 404)).toEqual([]);
    expect(reports.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(2);
    const history = await b.http().get(`/participation/moderation/contribution/${id}/history`).set('Authorization', `Bearer ${adminB}`);
    expect(history.body.data.filter((e: { decision: string }) => e.decision === 'auto_hide')).toHaveLength(1);
    await smtp.waitFor((m) => m.to[0] === 'tempete0@exemple.test' && /masquée/.test(m.subject), 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.filter((m) => m.to[0] === 'tempete0@exemple.test')).toHaveLength(1);
  });

  it('number 100 observations sent at once through both instances in one register, without gap, in one chain', async () => {
    const DAY = 86_400_000;
    const c = await a.setup<{ documentId: string; slug: string }>('consultation', {
      title: 'Enquête publique vue par deux instances',
      opensAt: Date.now() + 1500,
      closesAt: Date.now() + 31 * DAY + 3_600_000,
      procedure: 'enquete_publique',
      procedureNoticeAt: Date.now() - 20 * DAY,
      overseerName: 'M. Commissaire',
      notice: NOTICE,
    });
    expect(
      (await b.http().post(`/participation/consultations/${c.documentId}/transitions`).set('Authorization', `Bearer ${adminB}`).send({ to: 'scheduled' }))
        .status
    ).toBe(200);
    await until('ouverture de l’enquête', async () => (await b.http().get(`${api}/consultations/${c.slug}`)).body.data?.status === 'open');
    const citizens = await a.setup<{ jwt: string }[]>('citizens', { prefix: 'observateur', count: 100 });
    const answers = await Promise.all(
      citizens.map(({ jwt }, i) =>
        both()
          [i % 2].http()
          .post(`${api}/consultations/${c.slug}/contributions`)
          .set('Authorization', `Bearer ${jwt}`)
          .send({ title: `Observation ${i}`, body: `Texte de l’observation numéro ${i}.` })
      )
    );
    expect(answers.map((r) => r.status).filter((status) => status !== 201)).toEqual([]);
    const register = (await b.http().get(`${api}/consultations/${c.slug}/register/export`)).body.data;
    expect(register.entries.map((e: { number: number }) => e.number)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(register.entries.map((e: { title: string }) => e.title)).size).toBe(100);
    const head = (await a.http().get(`${api}/consultations/${c.slug}/register/head`)).body.data;
    expect(head.count).toBe(100);
    expect(await verifyRegister(register.consultationDocumentId, register.entries, head.head)).toMatchObject({ ok: true, count: 100 });
  });

  it('send the moderators’ digest once, although both instances run it every second', async () => {
    const digests = () => smtp.received.filter((m) => /attendent la modération/.test(m.subject));
    await until('un récapitulatif', async () => digests().length > 0);
    await new Promise((r) => setTimeout(r, 3000));
    const mails = digests();
    expect(mails).toHaveLength(1); // one moderator (the administrator), one hidden item: one mail
    expect(mails[0].text).toContain('1 élément(s) masqué(s) automatiquement');
  });

  it('share the write limits: a citizen gets 5 writes in all, wherever they land', async () => {
    const c = (global as Record<string, unknown>).consultation as { documentId: string; slug: string };
    const citizen = await a.http().post('/api/auth/local/register').send({ username: 'presse', email: 'presse@exemple.test', password: 'MotDePasse2026!' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await both()
        [i % 2].http()
        .post(`${api}/consultations/${c.slug}/contributions`)
        .set('Authorization', `Bearer ${citizen.body.jwt}`)
        .send({ title: `Idée pressée ${i}`, body: `Une idée déposée à la hâte, numéro ${i}.` });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('serve a publication or a theme rename made on one instance from the other at once', async () => {
    const theme = await a.setup<{ documentId: string }>('theme', { name: 'Mobilités', slug: 'mobilites-deux' });
    const c = await a.setup<{ documentId: string; slug: string }>('consultation', {
      title: 'Titre avant',
      opensAt: Date.now() + 3_600_000,
      closesAt: Date.now() + 86_400_000,
      themes: [theme.documentId],
    });
    expect(
      (await a.http().post(`/participation/consultations/${c.documentId}/transitions`).set('Authorization', `Bearer ${adminA}`).send({ to: 'scheduled' }))
        .status
    ).toBe(200);
    expect((await b.http().get(`${api}/consultations/${c.slug}`)).body.data.title).toBe('Titre avant');

    await a.setup('edit', { uid: 'plugin::participation.consultation', documentId: c.documentId, data: { title: 'Titre après' }, publish: true });
    expect((await b.http().get(`${api}/consultations/${c.slug}`)).body.data.title).toBe('Titre après');

    await a.setup('edit', { uid: 'plugin::participation.theme', documentId: theme.documentId, data: { name: 'Déplacements' }, publish: false });
    await until(
      'thème renommé servi par B',
      async () => (await b.http().get(`${api}/consultations/${c.slug}`)).body.data.themes?.[0]?.name === 'Déplacements',
      5000
    );
  });

  it('share anonymous reads through Redis, and serve a write made through A from B at once', async () => {
    const c = (global as Record<string, unknown>).consultation as { documentId: string; slug: string };
    const path = `${api}/consultations/${c.slug}/contributions?sort=-createdAt&pageSize=50`;
    const first = await b.http().get(path);
    expect(first.status).toBe(200);
    const again = await b.http().get(path);
    expect(again.headers['x-cache']).toBe('hit');
    // A has not read it: it finds B's answer in Redis, byte for byte.
    const fromA = await a.http().get(path);
    expect(fromA.headers['x-cache']).toBe('hit');
    expect(fromA.text).toBe(first.text);
    expect(fromA.headers.etag).toBe(first.headers.etag);

    const citizen = await a
      .http()
      .post('/api/auth/local/register')
      .send({ username: 'cache-deux', email: 'cache-deux@exemple.test', password: 'MotDePasse2026!' });
    const made = await a
      .http()
      .post(`${api}/consultations/${c.slug}/contributions`)
      .set('Authorization', `Bearer ${citizen.body.jwt}`)
      .send({ title: 'Écrite par A, lue par B', body: 'Une contribution écrite sur une instance et lue sur l’autre.' });
    expect(made.status).toBe(201);
    // At once, on the other instance, although B kept the page for 60 seconds.
    const after = await b.http().get(path);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.data[0].title).toBe('Écrite par A, lue par B');
    expect((await b.http().get(path)).headers['x-cache']).toBe('hit');
  });

  it('tell each follower of an opening once, although both instances send notifications every 200 ms', async () => {
    const c = await a.setup<{ documentId: string; slug: string }>('consultation', {
      title: 'Suivie par huit personnes',
      opensAt: Date.now() + 10_000,
      closesAt: Date.now() + 86_400_000,
    });
    expect(
      (await a.http().post(`/participation/consultations/${c.documentId}/transitions`).set('Authorization', `Bearer ${adminA}`).send({ to: 'scheduled' }))
        .status
    ).toBe(200);
    const emails: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const side = both()[i % 2];
      const res = await side
        .http()
        .post('/api/auth/local/register')
        .send({ username: `suiveur${i}`, email: `suiveur${i}@exemple.test`, password: 'MotDePasse2026!' });
      const auth = `Bearer ${res.body.jwt}`;
      expect(
        (
          await side
            .http()
            .put(`${api}/me/notification-preferences`)
            .set('Authorization', auth)
            .send({ frequencies: { consultation_opened: 'immediate' } })
        ).status
      ).toBe(200);
      expect((await both()[(i + 1) % 2].http().post(`${api}/consultations/${c.slug}/follow`).set('Authorization', auth)).status).toBe(200);
      emails.push(`suiveur${i}@exemple.test`);
    }
    const opened = () => smtp.received.filter((m) => /Suivie par huit personnes » est ouverte/.test(m.subject));
    await until('huit courriels', async () => opened().length >= 8, 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(
      opened()
        .map((m) => m.to[0])
        .sort()
    ).toEqual(emails.sort());
  });
  it('give 20 places to 20 of 50 people registering at once through both instances, waitlist 30 in order, promote one per cancellation, remind once', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const meeting = (startsIn: number) => ({
      title: 'Atelier en ligne vu par deux instances',
      slug: 'atelier-deux-instances',
      kind: 'online',
      published: true,
      startsAt: at(startsIn),
      endsAt: at(startsIn + 3_600_000),
      onlineUrl: 'https://visio.loire-atlantique.test/atelier',
      registrationEnabled: true,
      capacity: 20,
      waitlistEnabled: true,
    });
    const created = await a
      .http()
      .post('/participation/meetings')
      .set('Authorization', `Bearer ${adminA}`)
      .send(meeting(3 * 86_400_000));
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const citizens = await a.setup<{ jwt: string }[]>('citizens', { prefix: 'inscrit', count: 50 });
    const sent = await Promise.all(
      citizens.map(({ jwt }, i) =>
        both()[i % 2].http().post(`${api}/meetings/atelier-deux-instances/registrations`).set('Authorization', `Bearer ${jwt}`).send({})
      )
    );
    expect(sent.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(sent.filter((r) => r.body.data.status === 'registered')).toHaveLength(20);
    const waiting = sent.filter((r) => r.body.data.status === 'waitlisted').map((r) => r.body.data.position as number);
    expect([...waiting].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const list = async (i: Instance, token: string) =>
      (await i.http().get(`/participation/meetings/${id}/registrations`).set('Authorization', `Bearer ${token}`)).body.data as {
        status: string;
        position: number | null;
        code: string;
      }[];
    const before = await list(b, adminB);
    expect(before.filter((r) => r.status === 'waitlisted').map((r) => r.position)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

    // Two cancellations at once, one through each instance: exactly the first two waiting get a place.
    const leavers = sent
      .map((r, i) => ({ r, jwt: citizens[i].jwt }))
      .filter(({ r }) => r.body.data.status === 'registered')
      .slice(0, 2);
    const cancelled = await Promise.all(
      leavers.map(({ jwt }, i) => both()[i].http().delete(`${api}/meetings/atelier-deux-instances/registrations/mine`).set('Authorization', `Bearer ${jwt}`))
    );
    expect(cancelled.map((r) => r.status)).toEqual([200, 200]);
    const after = await list(a, adminA);
    const firstTwo = before.filter((r) => r.position === 1 || r.position === 2).map((r) => r.code);
    expect(after.filter((r) => firstTwo.includes(r.code)).map((r) => r.status)).toEqual(['registered', 'registered']);
    expect(after.filter((r) => r.status === 'registered')).toHaveLength(20);
    expect(after.filter((r) => r.status === 'waitlisted').map((r) => r.position)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    for (const i of both())
      expect((await i.http().get(`${api}/meetings/atelier-deux-instances`)).body.data.registration).toMatchObject({ placesLeft: 0, waiting: 28 });

    // Brought forward to within a day: both instances run the reminders every second; each person with a place gets one.
    expect(
      (
        await b
          .http()
          .put(`/participation/meetings/${id}`)
          .set('Authorization', `Bearer ${adminB}`)
          .send(meeting(3 * 3_600_000))
      ).status
    ).toBe(200);
    const reminders = () => smtp.received.filter((m) => /^Rappel : Atelier en ligne vu par deux instances/.test(m.subject));
    await until('vingt rappels', async () => reminders().length >= 20, 30_000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(new Set(reminders().map((m) => m.to[0])).size).toBe(20);
    expect(reminders()).toHaveLength(20);
  });
});
