import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { minutes, openConsultation } from './helpers/consultations';
import { startSmtp } from './helpers/smtp';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let slug: string;
const api = '/api/participation';

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({
    ...smtp.env,
    PARTICIPATION_ALERT_PENDING_MINUTES: '60',
    OUTBOX_POLL_MS: '200',
    OUTBOX_RETRY_BASE_MS: '300',
    OUTBOX_RETRY_MAX_MS: '1000',
  });
  const agent = await adminToken(app);
  await adminToken(app, 'Modérateur', 'Mo');
  await adminToken(app, 'Communication', 'Com');
  const c = await openConsultation(app, agent, { reportThreshold: 2 });
  slug = c.slug;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('moderators’ alerts', () => {
  const alerts = () => app.strapi.plugin('participation').service('alerts');
  const mails = () => smtp.received.filter((m) => /attendent la modération/.test(m.subject));

  it('send one digest per moderator for items that crossed the waiting delay, then nothing new', async () => {
    const citizen = await registerCitizen(app, 'patient');
    await app
      .request()
      .post(`${api}/consultations/${slug}/contributions`)
      .set(...citizen.auth)
      .send({ title: 'Une attente', body: 'Une contribution qui attend longtemps.' });
    const t0 = new Date();
    await alerts().digest(t0);
    expect(mails()).toHaveLength(0);

    const later = minutes(61, t0);
    const first = await alerts().digest(later);
    expect(first).toMatchObject({ mails: 2, overdue: 1 }); // the moderator and the agent test user (super admin)
    await smtp.waitFor((m) => m.to.some((to) => to.startsWith('mo-')));
    const mail = mails().find((m) => m.to.some((to) => to.startsWith('mo-')))!;
    expect(mail.text).toContain('1 contribution(s)');
    expect(mails().some((m) => m.to.some((to) => to.startsWith('com-')))).toBe(false);

    expect(await alerts().digest(minutes(1, later))).toMatchObject({ mails: 0 });
  });

  it('include items hidden after reports, once', async () => {
    // The test above ran the digest an hour ahead; start this one from now.
    await app.strapi.store({ type: 'plugin', name: 'participation' }).set({ key: 'alerts-last-run', value: new Date(Date.now() - 1000).toISOString() });
    const [author, r1, r2] = await Promise.all(['auteur', 'rapporteur1', 'rapporteur2'].map((n) => registerCitizen(app, n)));
    const agent = await adminToken(app);
    const made = await app
      .request()
      .post(`${api}/consultations/${slug}/contributions`)
      .set(...author.auth)
      .send({ title: 'Sera signalée', body: 'Une contribution qui sera signalée.' });
    await app
      .request()
      .post('/participation/moderation/decisions')
      .set('Authorization', `Bearer ${agent}`)
      .send({ items: [{ type: 'contribution', id: made.body.data.documentId }], decision: 'approve' });
    for (const r of [r1, r2])
      await app
        .request()
        .post(`${api}/contributions/${made.body.data.documentId}/reports`)
        .set(...r.auth)
        .send({ reason: 'spam' });
    const before = mails().length;
    const digest = await alerts().digest(new Date(Date.now() + 1000));
    expect(digest).toMatchObject({ hidden: 1 });
    const hiddenMail = await smtp.waitFor((m) => /attendent la modération/.test(m.subject) && /automatiquement/.test(m.text));
    expect(hiddenMail.text).toContain('1 élément(s) masqué(s) automatiquement après signalements');
    expect(mails().length).toBeGreaterThan(before);
    expect(await alerts().digest(new Date(Date.now() + 2000))).toMatchObject({ mails: 0 });
  });

  it('wait in the outbox while SMTP is down, then leave once it is back', async () => {
    const port = smtp.port;
    await smtp.close();
    const author = await registerCitizen(app, 'pendant-la-panne');
    const agent = await adminToken(app);
    const made = await app
      .request()
      .post(`${api}/consultations/${slug}/contributions`)
      .set(...author.auth)
      .send({ title: 'Pendant la panne', body: 'Une contribution approuvée pendant la panne du serveur de courriel.' });
    const decided = await app
      .request()
      .post('/participation/moderation/decisions')
      .set('Authorization', `Bearer ${agent}`)
      .send({ items: [{ type: 'contribution', id: made.body.data.documentId }], decision: 'approve' });
    expect(decided.status).toBe(200);
    // The author's notification becomes a mail in the outbox, which then fails to leave.
    await app.strapi.plugin('participation').service('notifications').dispatch();
    await app.strapi.plugin('participation').service('outbox').deliverDue();
    const waiting = await app.request().get('/participation/outbox?status=pending').set('Authorization', `Bearer ${agent}`);
    const mail = waiting.body.data.find((m: any) => m.channel === 'mail' && m.recipient.startsWith('pe***@'));
    expect(mail).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(JSON.stringify(waiting.body)).not.toMatch(/pendant-la-panne@/);

    smtp = await startSmtp(port);
    const received = await smtp.waitFor((m) => /Pendant la panne/.test(m.subject), 10_000);
    expect(received.to[0]).toMatch(/^pendant-la-panne/);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.filter((m) => /Pendant la panne/.test(m.subject))).toHaveLength(1);
  });
});
