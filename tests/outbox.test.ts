import { adminToken } from './helpers/admin';
import { createConsultation, lifecycle } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';
import { deliverOutbox, startReceiver } from './helpers/webhooks';

/**
 * The admin side of the outbox: who may see it and replay, who may manage the participation webhooks, and what
 * bad input gets. Delivery itself (retries, signature, order, replay) is proven in lifecycle.test.ts.
 */
let app: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let superAdmin: string;
let agent: string;
let moderator: string;
let communication: string;

beforeAll(async () => {
  receiver = await startReceiver();
  app = await startApp();
  superAdmin = await adminToken(app);
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  moderator = await adminToken(app, 'Modérateur', 'Mo');
  communication = await adminToken(app, 'Communication', 'Com');
});
afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

const as = (token: string) => ({
  get: (path: string) => app.request().get(`/participation${path}`).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: unknown) =>
    app
      .request()
      .post(`/participation${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object),
  put: (path: string, body: unknown) =>
    app
      .request()
      .put(`/participation${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object),
  del: (path: string) => app.request().delete(`/participation${path}`).set('Authorization', `Bearer ${token}`),
});

describe('participation webhooks, managed in the admin', () => {
  it('are created by an administrator and then receive the events, signed', async () => {
    const created = await as(superAdmin).post('/webhooks', {
      name: 'Site départemental',
      url: receiver.url,
      events: ['participation.consultation.transitioned'],
    });
    expect(created.status).toBe(201);
    const list = await as(superAdmin).get('/webhooks');
    expect(list.body.data).toEqual([expect.objectContaining({ id: created.body.data.id, name: 'Site départemental', url: receiver.url, isEnabled: true })]);
    expect(list.body.meta.events.map((e: { event: string }) => e.event)).toContain('participation.consultation.transitioned');

    const c = await createConsultation(app);
    await lifecycle(app).transition(c.documentId, { to: 'scheduled' }, { type: 'admin', id: null, name: 'Agathe Test' });
    await deliverOutbox(app);
    const got = receiver.received.filter((d) => d.body.consultation?.documentId === c.documentId);
    expect(got).toHaveLength(1);
    expect(got[0].headers['x-participer-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    const secret = await as(superAdmin).get('/webhooks/signing-secret');
    expect(secret.status).toBe(200);
    expect(secret.headers['cache-control']).toBe('no-store');
    expect(secret.body.data.secret).toMatch(/^[0-9a-f]{64}$/);

    const sent = await as(agent).get('/outbox?status=sent');
    expect(sent.status).toBe(200);
    expect(sent.body.data[0]).toMatchObject({
      channel: 'webhook',
      recipient: 'Site départemental',
      status: 'sent',
      attempts: 1,
      event: 'participation.consultation.transitioned',
    });
    expect(sent.body.meta.counts.sent).toBeGreaterThanOrEqual(1);
  });

  it('refuse an invalid address, an unknown event or an unknown field with 400 and field errors, and change nothing', async () => {
    const before = (await as(superAdmin).get('/webhooks')).body.data.length;
    const cases = [
      [{ name: 'X', url: 'ftp://exemple.fr', events: ['participation.consultation.transitioned'] }, 'url'],
      [{ name: 'X', url: 'javascript:alert(1)', events: ['participation.consultation.transitioned'] }, 'url'],
      [{ name: 'X', url: 'https://exemple.fr/hook', events: ['entry.create'] }, 'events'],
      [{ name: 'X', url: 'https://exemple.fr/hook', events: [] }, 'events'],
      [{ name: '', url: 'https://exemple.fr/hook', events: ['participation.consultation.transitioned'] }, 'name'],
      [{ name: 'X', url: 'https://exemple.fr/hook', events: ['participation.consultation.transitioned'], secret: 'x' }, ''],
    ] as const;
    for (const [body, field] of cases) {
      const res = await as(superAdmin).post('/webhooks', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/[éèà]|invalide|Paramètres/);
      if (field) expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain(field);
    }
    expect((await as(superAdmin).get('/webhooks')).body.data).toHaveLength(before);
    expect(
      (await as(superAdmin).put('/webhooks/999999', { name: 'X', url: 'https://exemple.fr', events: ['participation.consultation.transitioned'] })).status
    ).toBe(404);
    expect((await as(superAdmin).del('/webhooks/999999')).status).toBe(404);
    expect((await as(superAdmin).del('/webhooks/abc')).status).toBe(400);
  });

  it('are not for agents, moderators or communication staff; the outbox is for agents only', async () => {
    for (const token of [agent, moderator, communication]) {
      expect((await as(token).get('/webhooks')).status).toBe(403);
      expect((await as(token).get('/webhooks/signing-secret')).status).toBe(403);
      expect((await as(token).post('/webhooks', { name: 'X', url: 'https://exemple.fr', events: ['participation.consultation.transitioned'] })).status).toBe(
        403
      );
    }
    for (const token of [moderator, communication]) {
      expect((await as(token).get('/outbox')).status).toBe(403);
      expect((await as(token).post('/outbox/replay', { ids: [1] })).status).toBe(403);
    }
    expect((await app.request().get('/participation/outbox')).status).toBe(401);
    expect((await as(agent).get('/outbox?status=lost')).status).toBe(400);
    expect((await as(agent).post('/outbox/replay', { ids: ['1'] })).status).toBe(400);
  });

  it('a deleted webhook stops receiving: its waiting messages fail, they are not sent elsewhere', async () => {
    const hooks = (await as(superAdmin).get('/webhooks')).body.data;
    receiver.down(1000);
    const c = await createConsultation(app);
    await lifecycle(app).transition(c.documentId, { to: 'scheduled' }, { type: 'admin', id: null, name: 'Agathe Test' });
    await deliverOutbox(app);
    for (const hook of hooks) expect((await as(superAdmin).del(`/webhooks/${hook.id}`)).status).toBe(204);
    receiver.down(0);
    // Wait for the retry: the message fails for good, since its receiver is gone.
    let failed: any = null;
    for (let i = 0; i < 40 && !failed; i += 1) {
      await app.strapi.db.query('plugin::participation.outbox-message').updateMany({ where: { status: 'pending' }, data: { nextAttemptAt: new Date() } });
      await deliverOutbox(app);
      failed = (await as(agent).get('/outbox?status=failed')).body.data.find((m: any) => m.summary?.startsWith(`${c.slug} :`));
    }
    expect(failed).toMatchObject({ status: 'failed', recipient: 'Webhook supprimé', lastError: 'Webhook supprimé ou désactivé' });
    expect(receiver.received.filter((d) => d.body.consultation?.documentId === c.documentId)).toHaveLength(0);
  });
});
