import { verifySignature } from '../plugins/participation/server/src/platform/outbox/rules';
import { adminToken } from './helpers/admin';
import { createConsultation, lifecycle, minutes, UID } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';
import { deliverOutbox, startReceiver, subscribe } from './helpers/webhooks';

let app: TestApp;
let token: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  app = await startApp({
    OUTBOX_RETRY_BASE_MS: '100',
    OUTBOX_RETRY_MAX_MS: '400',
    OUTBOX_POLL_MS: '100',
    WEBHOOK_SIGNING_SECRET: 'un-secret-de-test-assez-long',
  });
  token = await adminToken(app);
  await subscribe(app, receiver.url);
});
afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

const transition = (documentId: string, body: Record<string, unknown>, bearer = token) =>
  app.request().post(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${bearer}`).send(body);
const history = (documentId: string) => app.request().get(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${token}`);
const publicOne = (slug: string) => app.request().get(`/api/participation/consultations/${slug}`);
/** The webhook events the receiver got for a consultation, once everything committed has been delivered. */
async function eventsFor(documentId: string) {
  await deliverOutbox(app);
  return receiver.received.map((d) => d.body).filter((e) => e.consultation.documentId === documentId);
}

describe('creating a consultation in the Content Manager', () => {
  it('needs only title, summary and dates; the slug comes from the title and stays unique', async () => {
    const first = await createConsultation(app, { title: 'Un nouveau collège à Nort-sur-Erdre' });
    const second = await createConsultation(app, { title: 'Un nouveau collège à Nort-sur-Erdre' });
    expect(first.slug).toBe('un-nouveau-college-a-nort-sur-erdre');
    expect(second.slug).toBe('un-nouveau-college-a-nort-sur-erdre-2');
    const state = await lifecycle(app).state(first.documentId);
    expect(state).toMatchObject({ status: 'draft', slug: 'un-nouveau-college-a-nort-sur-erdre' });
  });

  it('keeps drafts out of public reads: 404 exactly like an unknown slug', async () => {
    const draft = await createConsultation(app, { title: 'Projet confidentiel' });
    const unknown = await publicOne('nexiste-pas');
    const hidden = await publicOne(draft.slug);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(unknown.body);
    expect(unknown.body.error).toMatchObject({ status: 404, details: { code: 'not_found' } });
    const list = await app.request().get('/api/participation/consultations').query({ pageSize: 100 });
    expect(list.body.data.map((c: { slug: string }) => c.slug)).not.toContain(draft.slug);
  });

  it('refuses invalid phases with a field error', async () => {
    await expect(
      createConsultation(app, { phases: [{ kind: 'vote', title: 'Vote', startsAt: '2026-05-02T00:00:00Z', endsAt: '2026-05-01T00:00:00Z' }] })
    ).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: ['phases', '0', 'endsAt'] })] } });
  });
});

describe('the Content Manager, as staff use it', () => {
  const cm = '/content-manager/collection-types/plugin::participation.consultation';

  it('creates, publishes, edits and refuses to delete a live consultation, in its own transactions', async () => {
    const created = await app
      .request()
      .post(cm)
      .set('Authorization', `Bearer ${token}`)
      .send({
        title: 'Vélo sur le pont de Cheviré',
        summary: 'Faut-il une passerelle ?',
        opensAt: minutes(30).toISOString(),
        closesAt: minutes(600).toISOString(),
      });
    expect(created.status).toBe(201);
    const { documentId, slug } = created.body.data;
    expect(slug).toBe('velo-sur-le-pont-de-chevire');

    const published = await app.request().post(`${cm}/${documentId}/actions/publish`).set('Authorization', `Bearer ${token}`).send({});
    expect(published.status).toBe(200);
    expect((await transition(documentId, { to: 'scheduled' })).status).toBe(200);
    expect((await transition(documentId, { to: 'open' })).status).toBe(200);
    expect((await app.request().get('/api/participation/consultations').query({ q: 'cheviré' })).body.data.map((c: any) => c.slug)).toEqual([slug]);

    // A form loaded before the early opening still carries the old opening date: refused with a reason.
    const stale = await app
      .request()
      .put(`${cm}/${documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...published.body.data, summary: 'Faut-il une passerelle cyclable ?' });
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toMatch(/date d'ouverture/);

    const reloaded = await app.request().get(`${cm}/${documentId}`).set('Authorization', `Bearer ${token}`);
    const edited = await app
      .request()
      .put(`${cm}/${documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...reloaded.body.data, summary: 'Faut-il une passerelle cyclable ?' });
    expect(edited.status).toBe(200);
    expect((await app.request().post(`${cm}/${documentId}/actions/publish`).set('Authorization', `Bearer ${token}`).send({})).status).toBe(200);
    const read = await publicOne(slug);
    expect(read.body.data).toMatchObject({ status: 'open', summary: 'Faut-il une passerelle cyclable ?' });

    const removed = await app.request().delete(`${cm}/${documentId}`).set('Authorization', `Bearer ${token}`);
    expect(removed.status).toBe(400);
    expect(removed.body.error.message).toMatch(/archivez-la/);
    expect((await publicOne(slug)).status).toBe(200);
  });
});

describe('agents’ transitions (admin API)', () => {
  it('refuses anonymous callers (401) and admins without the permission (403)', async () => {
    const c = await createConsultation(app);
    const anonymous = await app.request().post(`/participation/consultations/${c.documentId}/transitions`).send({ to: 'scheduled' });
    expect(anonymous.status).toBe(401);
    const moderator = await adminToken(app, 'Modérateur', 'Modération');
    const forbidden = await transition(c.documentId, { to: 'scheduled' }, moderator);
    expect(forbidden.status).toBe(403);
    expect((await lifecycle(app).state(c.documentId)).status).toBe('draft');
  });

  it('schedules, then refuses what the table forbids with 409 and a code', async () => {
    const c = await createConsultation(app);
    const scheduled = await transition(c.documentId, { to: 'scheduled' });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.data.status).toBe('scheduled');

    const refused = await transition(c.documentId, { to: 'results_published' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ data: null, error: { status: 409, details: { code: 'transition_not_allowed' } } });
    expect(refused.body.error.message).toMatch(/impossible/);
  });

  it('answers each guard with its own code, and changes nothing', async () => {
    const noDates = await createConsultation(app, { opensAt: null, closesAt: null });
    expect((await transition(noDates.documentId, { to: 'scheduled' })).body.error.details.code).toBe('dates_missing');
    const reversed = await createConsultation(app, { opensAt: minutes(120), closesAt: minutes(60) });
    expect((await transition(reversed.documentId, { to: 'scheduled' })).body.error.details.code).toBe('dates_out_of_order');
    const unpublished = await app.strapi.documents(UID).create({ data: { title: 'Brouillon', opensAt: minutes(10), closesAt: minutes(100) } } as any);
    expect((await transition(unpublished.documentId, { to: 'scheduled' })).body.error.details.code).toBe('not_published');
    const noSummary = await createConsultation(app, { summary: null });
    expect((await transition(noSummary.documentId, { to: 'scheduled' })).body.error.details.code).toBe('summary_missing');
    // A summary removed after scheduling blocks the opening, by hand or by the scheduler.
    await app.strapi.documents(UID).update({ documentId: noSummary.documentId, data: { summary: 'Résumé provisoire' } } as any);
    await app.strapi.documents(UID).publish({ documentId: noSummary.documentId });
    await transition(noSummary.documentId, { to: 'scheduled' });
    await app.strapi.documents(UID).update({ documentId: noSummary.documentId, data: { summary: '' } } as any);
    await app.strapi.documents(UID).publish({ documentId: noSummary.documentId });
    const open = await transition(noSummary.documentId, { to: 'open' });
    expect(open.status).toBe(409);
    expect(open.body.error.details.code).toBe('summary_missing');
    expect((await lifecycle(app).state(noSummary.documentId)).status).toBe('scheduled');
    expect(await history(noSummary.documentId).then((r) => r.body.data.map((e: any) => e.to))).toEqual(['scheduled']);
  });

  it('answers 400 with field errors to a malformed body, 404 to an unknown consultation', async () => {
    const c = await createConsultation(app);
    const bad = await transition(c.documentId, { to: 'ouverte' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['to']);
    expect((await transition(c.documentId, { to: 'open', status: 'open' })).status).toBe(400);
    expect((await transition(c.documentId, { to: 'open', closesAt: 'demain' })).status).toBe(400);
    expect((await transition('inconnu0000000000000000', { to: 'scheduled' })).status).toBe(404);
  });

  it('opens early, closes early, re-opens only by extending with a reason, publishes results, archives', async () => {
    const c = await createConsultation(app);
    await transition(c.documentId, { to: 'scheduled' });
    const opened = await transition(c.documentId, { to: 'open' });
    expect(opened.status).toBe(200);
    expect(new Date(opened.body.data.opensAt).getTime()).toBeLessThanOrEqual(Date.now());

    const closed = await transition(c.documentId, { to: 'closed', reason: 'Objectifs atteints' });
    expect(closed.body.data.status).toBe('closed');

    expect((await transition(c.documentId, { to: 'open', closesAt: minutes(600).toISOString() })).body.error.details.code).toBe('reason_required');
    const reopened = await transition(c.documentId, { to: 'open', reason: 'Demande des maires', closesAt: minutes(600).toISOString() });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data.status).toBe('open');
    expect(new Date(reopened.body.data.closesAt).getTime()).toBeGreaterThan(Date.now() + 500 * 60_000);
    const extended = await transition(c.documentId, { to: 'open', reason: 'Vacances scolaires', closesAt: minutes(1200).toISOString() });
    expect(extended.status).toBe(200);
    await transition(c.documentId, { to: 'closed' });

    expect((await transition(c.documentId, { to: 'results_published' })).body.error.details.code).toBe('results_missing');
    await app.strapi.documents(UID).update({ documentId: c.documentId, data: { resultsSynthesis: '1 200 contributions ; le tracé nord est retenu.' } } as any);
    await app.strapi.documents(UID).publish({ documentId: c.documentId });
    expect((await transition(c.documentId, { to: 'results_published' })).status).toBe(200);
    expect((await transition(c.documentId, { to: 'archived' })).status).toBe(200);

    const log = (await history(c.documentId)).body.data;
    expect(log.map((e: any) => `${e.from}→${e.to}`)).toEqual([
      'draft→scheduled',
      'scheduled→open',
      'open→closed',
      'closed→open',
      'open→open',
      'open→closed',
      'closed→results_published',
      'results_published→archived',
    ]);
    expect(log[0]).toMatchObject({ actor: { type: 'admin', name: 'Agent Test' }, reason: null, at: expect.any(String) });
    expect(log[3].reason).toBe('Demande des maires');
    expect(JSON.stringify(log)).not.toMatch(/@|"id"/);
    expect(await eventsFor(c.documentId)).toHaveLength(8);
  });
});

describe('the scheduler', () => {
  it('opens and closes on time with a controlled clock, one history entry and one event each', async () => {
    const opensAt = minutes(1);
    const closesAt = minutes(2);
    const c = await createConsultation(app, { opensAt, closesAt });
    await transition(c.documentId, { to: 'scheduled' });

    expect(await lifecycle(app).runDue(minutes(-1, opensAt))).toMatchObject({ performed: 0 });
    expect((await publicOne(c.slug)).body.data.status).toBe('scheduled');

    await lifecycle(app).runDue(new Date(opensAt.getTime() + 1000));
    expect((await publicOne(c.slug)).body.data.status).toBe('open');
    await lifecycle(app).runDue(new Date(opensAt.getTime() + 2000));

    await lifecycle(app).runDue(new Date(closesAt.getTime() + 1000));
    expect((await publicOne(c.slug)).body.data.status).toBe('closed');

    const log = (await history(c.documentId)).body.data;
    expect(log.map((e: any) => `${e.from}→${e.to}:${e.actor.type}`)).toEqual(['draft→scheduled:admin', 'scheduled→open:scheduler', 'open→closed:scheduler']);
    expect((await eventsFor(c.documentId)).map((e) => e.to)).toEqual(['scheduled', 'open', 'closed']);
  });

  it('catches up after downtime: both transitions, in order, each at its own date', async () => {
    const opensAt = minutes(5);
    const closesAt = minutes(10);
    const c = await createConsultation(app, { opensAt, closesAt });
    await transition(c.documentId, { to: 'scheduled' });
    const afterDowntime = minutes(60 * 24);
    const run = await lifecycle(app).runDue(afterDowntime);
    expect(run.performed).toBeGreaterThanOrEqual(2);
    const log = (await history(c.documentId)).body.data;
    expect(log.map((e: any) => `${e.from}→${e.to}`)).toEqual(['draft→scheduled', 'scheduled→open', 'open→closed']);
    // Caught up as planned: the dates in force stay the scheduled ones, not the moment of the run.
    for (const entry of log.slice(1)) {
      expect(new Date(entry.opensAt).getTime()).toBe(opensAt.getTime());
      expect(new Date(entry.closesAt).getTime()).toBe(closesAt.getTime());
    }
    const read = (await publicOne(c.slug)).body.data;
    expect(read).toMatchObject({ status: 'closed', opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() });
    expect(
      await lifecycle(app)
        .runDue(afterDowntime)
        .then(() => history(c.documentId))
        .then((r: { body: { data: unknown[] } }) => r.body.data.length)
    ).toBe(3);
  });

  it('performs a transition once when schedulers race', async () => {
    const c = await createConsultation(app, { opensAt: minutes(3), closesAt: minutes(300) });
    await transition(c.documentId, { to: 'scheduled' });
    const at = minutes(4);
    const before = (await eventsFor(c.documentId)).length;
    const runs = await Promise.all(Array.from({ length: 6 }, () => lifecycle(app).runDue(at)));
    expect(runs.reduce((sum, r) => sum + r.performed, 0)).toBe(1);
    const log = (await history(c.documentId)).body.data;
    expect(log.map((e: any) => e.to)).toEqual(['scheduled', 'open']);
    expect((await eventsFor(c.documentId)).length - before).toBe(1);
  });

  it('is not fooled by an agent acting at the same moment: one of them wins, once', async () => {
    const c = await createConsultation(app, { opensAt: minutes(3), closesAt: minutes(300) });
    await transition(c.documentId, { to: 'scheduled' });
    const [agent] = await Promise.all([transition(c.documentId, { to: 'open' }), lifecycle(app).runDue(minutes(4))]);
    const log = (await history(c.documentId)).body.data;
    expect(log.map((e: any) => e.to)).toEqual(['scheduled', 'open']);
    // The loser is told the state moved on; it never performs the transition a second time.
    if (agent.status !== 200) expect(['stale_state', 'already_in_state']).toContain(agent.body.error.details.code);
    expect(log[1].actor.type).toBe(agent.status === 200 ? 'admin' : 'scheduler');
    expect((await lifecycle(app).state(c.documentId)).status).toBe('open');
  });
});

describe('editing a live consultation', () => {
  it('changes its texts without touching its state, and refuses slug and date changes', async () => {
    const c = await createConsultation(app, { title: 'Plan climat départemental' });
    await transition(c.documentId, { to: 'scheduled' });
    await transition(c.documentId, { to: 'open' });

    const docs = app.strapi.documents(UID);
    await docs.update({ documentId: c.documentId, data: { title: 'Plan climat départemental 2027-2033', textOpen: 'Donnez votre avis !' } } as any);
    await docs.publish({ documentId: c.documentId });
    const read = await publicOne(c.slug);
    expect(read.body.data).toMatchObject({
      title: 'Plan climat départemental 2027-2033',
      status: 'open',
      slug: 'plan-climat-departemental',
      stage: { status: 'open', text: 'Donnez votre avis !' },
    });

    await expect(docs.update({ documentId: c.documentId, data: { slug: 'autre-adresse' } } as any)).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(docs.update({ documentId: c.documentId, data: { closesAt: minutes(9999) } } as any)).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(docs.delete({ documentId: c.documentId })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(docs.unpublish({ documentId: c.documentId })).rejects.toMatchObject({ name: 'ValidationError' });
    expect((await publicOne(c.slug)).status).toBe(200);
    expect((await history(c.documentId)).body.data).toHaveLength(2);
  });
});

describe('webhooks', () => {
  it('deliver each transition once, signed, in order, to a webhook only the database knows, after commit', async () => {
    const c = await createConsultation(app);
    await transition(c.documentId, { to: 'scheduled' });
    await transition(c.documentId, { to: 'results_published' }); // refused: no event
    await transition(c.documentId, { to: 'open' });
    const mine = (await eventsFor(c.documentId)).map((e) => [e.event, e.from, e.to]);
    expect(mine).toEqual([
      ['participation.consultation.transitioned', 'draft', 'scheduled'],
      ['participation.consultation.transitioned', 'scheduled', 'open'],
    ]);
    const deliveries = receiver.received.filter((d) => d.body.consultation.documentId === c.documentId);
    expect(deliveries[0].body.consultation).toEqual({ documentId: c.documentId, slug: c.slug });
    for (const d of deliveries) {
      expect(d.headers['x-strapi-event']).toBe('participation.consultation.transitioned');
      expect(d.headers['x-participer-event-id']).toBe(d.body.id);
      expect(
        verifySignature('un-secret-de-test-assez-long', String(d.headers['x-participer-timestamp']), d.raw, String(d.headers['x-participer-signature']))
      ).toBe(true);
      expect(verifySignature('un-autre-secret-de-test', String(d.headers['x-participer-timestamp']), d.raw, String(d.headers['x-participer-signature']))).toBe(
        false
      );
    }
    expect(new Set(deliveries.map((d) => d.body.id)).size).toBe(2);
    expect(JSON.stringify(deliveries.map((d) => d.body))).not.toMatch(/@loire-atlantique/);
  });

  it('keep events while the receiver is down and deliver them all afterwards, once and in order', async () => {
    const c = await createConsultation(app);
    receiver.down(4);
    await transition(c.documentId, { to: 'scheduled' });
    await transition(c.documentId, { to: 'open' });
    await transition(c.documentId, { to: 'closed', reason: 'Fin anticipée' });
    const started = Date.now();
    // Retries back off (100, 200, 400, 400 ms here) until the receiver answers again, with no further help.
    while (receiver.received.filter((d) => d.body.consultation.documentId === c.documentId).length < 3 && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.refused()).toBeGreaterThanOrEqual(4);
    const got = receiver.received.filter((d) => d.body.consultation.documentId === c.documentId).map((d) => d.body.to);
    expect(got).toEqual(['scheduled', 'open', 'closed']);

    const agent = await adminToken(app);
    const outbox = await app.request().get('/participation/outbox').set('Authorization', `Bearer ${agent}`);
    expect(outbox.status).toBe(200);
    const rows = outbox.body.data.filter((m: any) => m.summary?.startsWith(`${c.slug} :`));
    expect(rows).toHaveLength(3);
    expect(rows.every((m: any) => m.status === 'sent' && m.recipient === 'Site du Département')).toBe(true);
    expect(rows.some((m: any) => m.attempts > 1)).toBe(true);
    expect(JSON.stringify(outbox.body)).not.toMatch(/payload|127\.0\.0\.1|secret/);
  });

  it('give up after the last retry, show the failure, and replay it with the same event id', async () => {
    const c = await createConsultation(app);
    receiver.down(1_000);
    await transition(c.documentId, { to: 'scheduled' });
    const agent = await adminToken(app);
    const listFailed = () => app.request().get('/participation/outbox?status=failed').set('Authorization', `Bearer ${agent}`);
    let failed: any;
    for (let i = 0; i < 100; i += 1) {
      failed = (await listFailed()).body.data.find((m: any) => m.summary?.startsWith(`${c.slug} :`));
      if (failed) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(failed).toMatchObject({ status: 'failed', attempts: 12, lastError: 'HTTP 503' });
    receiver.down(0);
    const replay = await app
      .request()
      .post('/participation/outbox/replay')
      .set('Authorization', `Bearer ${agent}`)
      .send({ ids: [failed.id] });
    expect(replay.status).toBe(200);
    expect(replay.body.data.replayed).toBe(1);
    const events = await eventsFor(c.documentId);
    expect(events.map((e) => e.to)).toEqual(['scheduled']);
    expect(events[0].id).toBe(failed.eventId);

    const bad = await app.request().post('/participation/outbox/replay').set('Authorization', `Bearer ${agent}`).send({ ids: [] });
    expect(bad.status).toBe(400);
  });
});
