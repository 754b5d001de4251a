import http from 'http';
import type { AddressInfo } from 'net';
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { createConsultation, openConsultation } from './helpers/consultations';
import { startSmtp } from './helpers/smtp';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let agent: string;
let moderator: string;
let communication: string;
let alice: TestCitizen;
let bruno: TestCitizen;
let chloe: TestCitizen;
let david: TestCitizen;
const slugs: Record<string, string> = {};
const api = '/api/participation';

const open = (data: Record<string, unknown>) => openConsultation(app, agent, data);
const contribute = (slug: string, who: TestCitizen | null, body: Record<string, unknown>) => {
  const req = app.request().post(`${api}/consultations/${slug}/contributions`);
  return who ? req.set(...who.auth).send(body) : req.send(body);
};
const decide = (token: string, body: Record<string, unknown>) =>
  app.request().post('/participation/moderation/decisions').set('Authorization', `Bearer ${token}`).send(body);
const publicList = (slug: string, query: Record<string, unknown> = {}) => app.request().get(`${api}/consultations/${slug}/contributions`).query(query);
const consultationCounts = async (slug: string) => (await app.request().get(`${api}/consultations/${slug}`)).body.data.counts;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ ...smtp.env, PARTICIPATION_RATE_LIMIT_USER: '1000/60', PARTICIPATION_RATE_LIMIT_IP: '10000/60' });
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  moderator = await adminToken(app, 'Modérateur', 'Mehdi');
  communication = await adminToken(app, 'Communication', 'Coline');
  [alice, bruno, chloe, david] = await Promise.all(['alice', 'bruno', 'chloe', 'david'].map((n) => registerCitizen(app, n)));
  slugs.priori = (await open({ title: 'Voie verte de la Sèvre', moderationMode: 'a_priori', maxContributionsPerUser: 3, reportThreshold: 3 })).slug;
  slugs.posteriori = (await open({ title: 'Jardins des collèges', moderationMode: 'a_posteriori', requireAccount: false, reportThreshold: 2 })).slug;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('contributing under a priori moderation', () => {
  let pendingId: string;

  it('refuses anonymous visitors where an account is required (401)', async () => {
    const res = await contribute(slugs.priori, null, { title: 'Une idée', body: 'Une idée sans compte, refusée.' });
    expect(res.status).toBe(401);
    expect(res.body.error.details.code).toBe('authentication_required');
  });

  it('holds a citizen’s contribution for moderation, visible only to its author', async () => {
    const res = await contribute(slugs.priori, alice, {
      title: 'Des bancs le long de la Sèvre',
      body: 'Des bancs tous les 500 mètres pour les promeneurs âgés.',
      territory: '44143',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      title: 'Des bancs le long de la Sèvre',
      territory: { inseeCode: '44143', name: 'Rezé' },
      author: { displayName: 'alice' },
      channel: 'web',
      moderation: { status: 'pending', reason: null },
      viewer: { isAuthor: true, canEdit: true },
    });
    pendingId = res.body.data.documentId;
    expect((await publicList(slugs.priori)).body.data).toEqual([]);
    expect((await app.request().get(`${api}/contributions/${pendingId}`)).status).toBe(404);
    expect(
      (
        await app
          .request()
          .get(`${api}/contributions/${pendingId}`)
          .set(...bruno.auth)
      ).status
    ).toBe(404);
    expect(
      (
        await app
          .request()
          .get(`${api}/contributions/${pendingId}`)
          .set(...alice.auth)
      ).body.data.moderation.status
    ).toBe('pending');
  });

  it('lets the author edit while pending, nobody else', async () => {
    const edited = await app
      .request()
      .put(`${api}/contributions/${pendingId}`)
      .set(...alice.auth)
      .send({ body: 'Des bancs tous les 300 mètres pour les promeneurs âgés.' });
    expect(edited.status).toBe(200);
    expect(edited.body.data.body).toBe('Des bancs tous les 300 mètres pour les promeneurs âgés.');
    expect(
      (
        await app
          .request()
          .put(`${api}/contributions/${pendingId}`)
          .set(...bruno.auth)
          .send({ title: 'Piraté' })
      ).status
    ).toBe(404);
    expect((await app.request().put(`${api}/contributions/${pendingId}`).send({ title: 'Piraté' })).status).toBe(401);
  });

  it('publishes on approval, tells the author by email, and then refuses edits', async () => {
    const res = await decide(moderator, { items: [{ type: 'contribution', id: pendingId }], decision: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: [{ type: 'contribution', id: pendingId, ok: true, status: 'published' }], meta: { decided: 1, refused: 0 } });
    const mail = await smtp.waitFor((m) => m.to.includes(alice.email) && /publiée/.test(m.subject));
    expect(mail.subject).toBe('Votre contribution « Des bancs le long de la Sèvre » est publiée');
    const list = await publicList(slugs.priori);
    expect(list.body.data.map((c: any) => c.documentId)).toEqual([pendingId]);
    expect(list.body.data[0].moderation).toBeUndefined();
    expect(await consultationCounts(slugs.priori)).toEqual({ contributions: 1, participants: 1, supports: 0 });
    const edit = await app
      .request()
      .put(`${api}/contributions/${pendingId}`)
      .set(...alice.auth)
      .send({ title: 'Trop tard' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.details.code).toBe('not_editable');
    expect(
      (
        await app
          .request()
          .put(`${api}/contributions/${pendingId}`)
          .set(...bruno.auth)
          .send({ title: 'Piraté' })
      ).status
    ).toBe(403);
  });

  it('rejects with a reason the author reads in their email and in /me/contributions', async () => {
    const res = await contribute(slugs.priori, alice, { title: 'Hors sujet', body: 'Je voudrais parler des impôts locaux.' });
    const id = res.body.data.documentId;
    const noReason = await decide(moderator, { items: [{ type: 'contribution', id }], decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    const rejected = await decide(moderator, {
      items: [{ type: 'contribution', id }],
      decision: 'reject',
      reason: 'Hors du sujet de la consultation',
      note: 'Écrivez-nous à participation@loire-atlantique.fr',
    });
    expect(rejected.body.data[0]).toMatchObject({ ok: true, status: 'rejected' });
    const mail = await smtp.waitFor((m) => m.to.includes(alice.email) && /retenue/.test(m.subject));
    expect(mail.text).toContain('Motif : Hors du sujet de la consultation');
    const mine = await app
      .request()
      .get(`${api}/me/contributions`)
      .set(...alice.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((c: any) => [c.title, c.moderation.status, c.moderation.reason])).toEqual([
      ['Hors sujet', 'rejected', 'Hors du sujet de la consultation'],
      ['Des bancs le long de la Sèvre', 'published', null],
    ]);
    expect((await app.request().get(`${api}/me/contributions`)).status).toBe(401);
    const history = await app.request().get(`/participation/moderation/contribution/${id}/history`).set('Authorization', `Bearer ${moderator}`);
    expect(history.body.data).toEqual([
      expect.objectContaining({
        decision: 'reject',
        from: 'pending',
        to: 'rejected',
        reason: 'Hors du sujet de la consultation',
        actor: { type: 'admin', name: 'Mehdi Test' },
      }),
    ]);
  });

  it('refuses the same text twice from one citizen, and caps contributions per citizen in the database', async () => {
    const dup = await contribute(slugs.priori, alice, { title: 'HORS SUJET', body: 'Je voudrais  parler des impôts locaux.' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.code).toBe('duplicate_contribution');
    const third = await contribute(slugs.priori, alice, { title: 'Troisième idée', body: 'Une fontaine à eau à la Chaussée.' });
    expect(third.status).toBe(201);
    const fourth = await contribute(slugs.priori, alice, { title: 'Quatrième idée', body: 'Un parking vélo à Vertou.' });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.details.code).toBe('contribution_limit_reached');
  });
});

describe('supports', () => {
  let id: string;
  beforeAll(async () => {
    id = (await publicList(slugs.priori)).body.data[0].documentId;
  });

  it('take a bare POST with no body and no Content-Length (as curl sends it), and still refuse a non-JSON body (415)', async () => {
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const bare = (headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = http.request(
          { port, method: 'POST', path: `${api}/contributions/${id}/supports`, headers: { authorization: chloe.auth[1], ...headers } },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
          }
        );
        req.on('error', reject);
        req.end(body);
      });
    const supported = await bare({});
    expect(supported.status).toBe(200);
    expect(supported.body.data.hasSupported).toBe(true);
    expect((await bare({ 'content-type': 'text/plain', 'content-length': '5' }, 'salut')).status).toBe(415);
    await new Promise((resolve) => server.close(resolve));
    expect(
      (
        await app
          .request()
          .delete(`${api}/contributions/${id}/supports`)
          .set(...chloe.auth)
      ).status
    ).toBe(200);
  });

  it('are idempotent: a second support changes nothing, a withdrawal twice neither', async () => {
    const first = await app
      .request()
      .post(`${api}/contributions/${id}/supports`)
      .set(...bruno.auth);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ documentId: id, supportsCount: 1, hasSupported: true });
    const second = await app
      .request()
      .post(`${api}/contributions/${id}/supports`)
      .set(...bruno.auth);
    expect(second.body.data.supportsCount).toBe(1);
    const viewed = await app
      .request()
      .get(`${api}/contributions/${id}`)
      .set(...bruno.auth);
    expect(viewed.body.data.viewer).toMatchObject({ hasSupported: true, canSupport: true });
    expect(
      (
        await app
          .request()
          .delete(`${api}/contributions/${id}/supports`)
          .set(...bruno.auth)
      ).body.data.supportsCount
    ).toBe(0);
    expect(
      (
        await app
          .request()
          .delete(`${api}/contributions/${id}/supports`)
          .set(...bruno.auth)
      ).body.data.supportsCount
    ).toBe(0);
  });

  it('need an account, and not the author’s', async () => {
    expect((await app.request().post(`${api}/contributions/${id}/supports`)).status).toBe(401);
    const own = await app
      .request()
      .post(`${api}/contributions/${id}/supports`)
      .set(...alice.auth);
    expect(own.status).toBe(409);
    expect(own.body.error.details.code).toBe('own_contribution');
  });

  it('stay exact under 50 concurrent identical supports: one row, count 1, no 5xx', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        app
          .request()
          .post(`${api}/contributions/${id}/supports`)
          .set(...chloe.auth)
      )
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(responses.every((r) => r.body.data.supportsCount === 1)).toBe(true);
    const rows = await app.strapi.db.connection('participation_supports').count({ n: '*' });
    expect(Number(rows[0].n)).toBe(1);
    expect((await app.request().get(`${api}/contributions/${id}`)).body.data.counts.supports).toBe(1);
    expect((await consultationCounts(slugs.priori)).supports).toBe(1);
  });

  it('stay exact when many citizens support and withdraw at once', async () => {
    const crowd = await Promise.all(Array.from({ length: 12 }, (_, i) => registerCitizen(app, `foule${i}`)));
    await Promise.all(
      crowd.map((c) =>
        app
          .request()
          .post(`${api}/contributions/${id}/supports`)
          .set(...c.auth)
      )
    );
    await Promise.all(
      crowd.slice(0, 5).map((c) =>
        app
          .request()
          .delete(`${api}/contributions/${id}/supports`)
          .set(...c.auth)
      )
    );
    const count = (await app.request().get(`${api}/contributions/${id}`)).body.data.counts.supports;
    const rows = await app.strapi.db.connection('participation_supports').count({ n: '*' });
    expect(count).toBe(Number(rows[0].n));
    expect(count).toBe(1 + 12 - 5);
    expect((await consultationCounts(slugs.priori)).supports).toBe(count);
  });
});

describe('comments', () => {
  let id: string;
  beforeAll(async () => {
    id = (await contribute(slugs.posteriori, bruno, { title: 'Un potager au collège', body: 'Un potager pédagogique dans chaque collège.' })).body.data
      .documentId;
  });

  it('are threaded three levels deep at most', async () => {
    const c1 = await app
      .request()
      .post(`${api}/contributions/${id}/comments`)
      .set(...alice.auth)
      .send({ body: 'Excellente idée !' });
    expect(c1.status).toBe(201);
    expect(c1.body.data).toMatchObject({ depth: 0, status: 'published', author: { displayName: 'alice' } });
    const c2 = await app
      .request()
      .post(`${api}/contributions/${id}/comments`)
      .set(...bruno.auth)
      .send({ body: 'Merci !', parent: c1.body.data.documentId });
    const c3 = await app
      .request()
      .post(`${api}/contributions/${id}/comments`)
      .set(...alice.auth)
      .send({ body: 'Avec un composteur.', parent: c2.body.data.documentId });
    expect(c3.body.data.depth).toBe(2);
    const c4 = await app
      .request()
      .post(`${api}/contributions/${id}/comments`)
      .set(...bruno.auth)
      .send({ body: 'Trop profond.', parent: c3.body.data.documentId });
    expect(c4.status).toBe(400);
    expect(c4.body.error.details.errors[0].path).toEqual(['parent']);

    const thread = await app.request().get(`${api}/contributions/${id}/comments`);
    expect(thread.status).toBe(200);
    expect(thread.body.data).toHaveLength(1);
    expect(thread.body.data[0].body).toBe('Excellente idée !');
    expect(thread.body.data[0].replies[0].body).toBe('Merci !');
    expect(thread.body.data[0].replies[0].replies[0].body).toBe('Avec un composteur.');
    expect((await app.request().get(`${api}/contributions/${id}`)).body.data.counts.comments).toBe(3);
  });

  it('offer « Signaler » on other people’s comments only: one’s own is neither offered nor accepted', async () => {
    const own = await app
      .request()
      .post(`${api}/contributions/${id}/comments`)
      .set(...chloe.auth)
      .send({ body: 'Je peux aider à l’arrosage.' });
    const seen = async (who: TestCitizen | null) => {
      const req = app.request().get(`${api}/contributions/${id}/comments`).query({ pageSize: 100 });
      const thread = (await (who ? req.set(...who.auth) : req)).body.data as { documentId: string; viewer: { canReport: boolean } }[];
      return thread.find((c) => c.documentId === own.body.data.documentId)!.viewer.canReport;
    };
    expect(await seen(chloe)).toBe(false);
    expect(await seen(david)).toBe(true);
    expect(await seen(null)).toBe(false);
    const refused = await app
      .request()
      .post(`${api}/comments/${own.body.data.documentId}/reports`)
      .set(...chloe.auth)
      .send({ reason: 'spam' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.code).toBe('own_item');
  });

  it('are listed for their author with the contribution they answer, and supports for their supporter', async () => {
    const mine = await app
      .request()
      .get(`${api}/me/comments`)
      .set(...alice.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((c: { body: string }) => c.body)).toEqual(expect.arrayContaining(['Excellente idée !', 'Avec un composteur.']));
    expect(mine.body.data[0]).toMatchObject({ status: 'published', moderationReason: null, contribution: { documentId: id, title: 'Un potager au collège' } });
    expect(mine.body.data.every((c: { body: string }) => !['Merci !', 'Je peux aider à l’arrosage.'].includes(c.body))).toBe(true);
    expect((await app.request().get(`${api}/me/comments`)).status).toBe(401);
    const supported = await app
      .request()
      .post(`${api}/contributions/${id}/supports`)
      .set(...david.auth);
    expect(supported.status).toBe(200);
    const supports = await app
      .request()
      .get(`${api}/me/supports`)
      .set(...david.auth);
    expect(supports.body.data[0]).toMatchObject({ contribution: { documentId: id, title: 'Un potager au collège', supportsCount: expect.any(Number) } });
    expect(supports.body.meta.pagination.total).toBeGreaterThanOrEqual(1);
    expect(
      (
        await app
          .request()
          .get(`${api}/me/supports`)
          .set(...bruno.auth)
      ).body.data.some((s: { contribution: { documentId: string } }) => s.contribution.documentId === id)
    ).toBe(false);
  });

  it('accept anonymous visitors where no account is required', async () => {
    const res = await app.request().post(`${api}/contributions/${id}/comments`).send({ body: 'Je suis parent d’élève, bravo.' });
    expect(res.status).toBe(201);
    expect(res.body.data.author).toEqual({ displayName: 'Anonyme' });
  });
});

describe('reports', () => {
  let id: string;
  beforeAll(async () => {
    id = (await contribute(slugs.posteriori, bruno, { title: 'Message douteux', body: 'Contenu que certains trouveront insultant.' })).body.data.documentId;
  });

  it('are one per citizen per item', async () => {
    expect(
      (
        await app
          .request()
          .post(`${api}/contributions/${id}/reports`)
          .set(...alice.auth)
          .send({ reason: 'insulting' })
      ).status
    ).toBe(201);
    const again = await app
      .request()
      .post(`${api}/contributions/${id}/reports`)
      .set(...alice.auth)
      .send({ reason: 'spam' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('already_reported');
    expect((await app.request().post(`${api}/contributions/${id}/reports`).send({ reason: 'spam' })).status).toBe(401);
    expect(
      (
        await app
          .request()
          .post(`${api}/contributions/${id}/reports`)
          .set(...bruno.auth)
          .send({ reason: 'spam' })
      ).status
    ).toBe(409);
  });

  it('hide an item pending review at the threshold of distinct reports, once, and the author is told', async () => {
    const res = await app
      .request()
      .post(`${api}/contributions/${id}/reports`)
      .set(...chloe.auth)
      .send({ reason: 'insulting', details: 'Propos blessants' });
    expect(res.body.data.hidden).toBe(true);
    expect((await app.request().get(`${api}/contributions/${id}`)).status).toBe(404);
    expect(
      (
        await app
          .request()
          .post(`${api}/contributions/${id}/reports`)
          .set(...david.auth)
          .send({ reason: 'spam' })
      ).status
    ).toBe(404);
    await smtp.waitFor((m) => m.to.includes(bruno.email) && /en attendant un examen/.test(m.subject));

    const queue = await app.request().get('/participation/moderation/queue').set('Authorization', `Bearer ${moderator}`);
    expect(queue.status).toBe(200);
    const first = queue.body.data[0];
    expect(first).toMatchObject({ type: 'contribution', documentId: id, status: 'hidden', reportsCount: 2, author: { displayName: 'bruno' } });
    expect(first.reports.map((r: any) => r.reason)).toEqual(['insulting', 'insulting']);
    expect(first.consultation.slug).toBe(slugs.posteriori);
    // Each row carries the decisions the moderation table allows on it: the admin declares none of its own.
    expect(first.decisions).toEqual([
      { decision: 'reject', reasonRequired: true },
      { decision: 'restore', reasonRequired: false },
    ]);

    const restored = await decide(moderator, { items: [{ type: 'contribution', id }], decision: 'restore', reason: 'Propos acceptables' });
    expect(restored.body.data[0]).toMatchObject({ ok: true, status: 'published' });
    expect((await app.request().get(`${api}/contributions/${id}`)).status).toBe(200);
  });
});

describe('the moderation queue and decisions', () => {
  it('lists pending items oldest first after reported ones, filters, and decides in bulk with a result per item', async () => {
    const a = (await contribute(slugs.priori, bruno, { title: 'Idée A', body: 'Première idée en attente.' })).body.data.documentId;
    const b = (await contribute(slugs.priori, chloe, { title: 'Idée B', body: 'Deuxième idée en attente.' })).body.data.documentId;
    const pending = await app
      .request()
      .get('/participation/moderation/queue')
      .query({ status: 'pending', type: 'contribution' })
      .set('Authorization', `Bearer ${moderator}`);
    expect(pending.body.data.map((i: any) => i.documentId)).toEqual(expect.arrayContaining([a, b]));
    const ids = pending.body.data.map((i: any) => i.documentId);
    expect(ids.indexOf(a)).toBeLessThan(ids.indexOf(b));

    const counts = await app.request().get('/participation/moderation/pending-counts').set('Authorization', `Bearer ${moderator}`);
    expect(counts.body.data.find((c: any) => c.consultation.slug === slugs.priori).pending).toBeGreaterThanOrEqual(2);

    const bulk = await decide(moderator, {
      items: [
        { type: 'contribution', id: a },
        { type: 'contribution', id: b },
        { type: 'contribution', id: 'inconnue000000000000' },
      ],
      decision: 'approve',
    });
    expect(bulk.body.data.map((r: any) => [r.ok, r.status ?? r.code])).toEqual([
      [true, 'published'],
      [true, 'published'],
      [false, 'not_found'],
    ]);
    const again = await decide(moderator, { items: [{ type: 'contribution', id: a }], decision: 'approve' });
    expect(again.body.data[0]).toMatchObject({ ok: false, code: 'decision_not_allowed' });
  });

  it('is closed to admins without the permission and to the public', async () => {
    expect((await app.request().get('/participation/moderation/queue').set('Authorization', `Bearer ${communication}`)).status).toBe(403);
    expect((await decide(communication, { items: [{ type: 'contribution', id: 'abcdefghij0123' }], decision: 'approve' })).status).toBe(403);
    expect((await app.request().get('/participation/moderation/queue')).status).toBe(401);
  });

  it('lets agents answer officially; the answer is public with the contribution', async () => {
    const id = (await publicList(slugs.priori)).body.data[0].documentId;
    expect(
      (
        await app
          .request()
          .put(`/participation/contributions/${id}/answer`)
          .set('Authorization', `Bearer ${moderator}`)
          .send({ status: 'retained', text: 'Retenu.' })
      ).status
    ).toBe(403);
    const res = await app
      .request()
      .put(`/participation/contributions/${id}/answer`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ status: 'retained', text: 'Douze bancs seront installés en 2027.' });
    expect(res.status).toBe(200);
    const read = await app.request().get(`${api}/contributions/${id}`);
    expect(read.body.data.officialAnswer).toMatchObject({ status: 'retained', text: 'Douze bancs seront installés en 2027.' });
    const answered = await publicList(slugs.priori, { answered: 'true' });
    expect(answered.body.data.map((c: any) => c.documentId)).toEqual([id]);
    // Past the last page of a filtered list: no rows, and still the filtered total.
    const beyond = await publicList(slugs.priori, { answered: 'true', page: 5 });
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.meta.pagination).toMatchObject({ page: 5, total: 1, pageCount: 1 });
  });
});

describe('contributions entered by agents', () => {
  it('are published at once under the name the agent gives, never an account', async () => {
    const c = (await app.request().get(`${api}/consultations/${slugs.priori}`)).body.data;
    const before = c.counts;
    const res = await app
      .request()
      .post(`/participation/consultations/${c.documentId}/contributions`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ title: 'Courrier de la mairie de Vertou', body: 'La commune demande un accès depuis le bourg.', channel: 'mail', territory: '44215' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      channel: 'mail',
      author: { displayName: 'Contribution reçue par courrier' },
      territory: { inseeCode: '44215', name: 'Vertou' },
    });
    expect((await publicList(slugs.priori)).body.data.map((x: any) => x.documentId)).toContain(res.body.data.documentId);
    expect((await consultationCounts(slugs.priori)).contributions).toBe(before.contributions + 1);
    expect(
      (
        await app
          .request()
          .post(`/participation/consultations/${c.documentId}/contributions`)
          .set('Authorization', `Bearer ${moderator}`)
          .send({ title: 'Essai', body: 'Un modérateur ne saisit pas.', channel: 'paper' })
      ).status
    ).toBe(403);
    expect(
      (
        await app
          .request()
          .post(`/participation/consultations/${c.documentId}/contributions`)
          .set('Authorization', `Bearer ${agent}`)
          .send({ title: 'Essai', body: 'Canal web interdit ici.', channel: 'web' })
      ).status
    ).toBe(400);
  });

  it('cannot be altered through the Content Manager, which only reads them', async () => {
    const [first] = (await publicList(slugs.priori)).body.data;
    await expect(
      app.strapi.documents('plugin::participation.contribution').update({ documentId: first.documentId, data: { status: 'hidden' } } as any)
    ).rejects.toMatchObject({ name: 'ForbiddenError' });
    const cm = await app
      .request()
      .put(`/content-manager/collection-types/plugin::participation.contribution/${first.documentId}`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ supportsCount: 9999 });
    expect(cm.status).toBe(403);
    const readable = await app
      .request()
      .get(`/content-manager/collection-types/plugin::participation.contribution`)
      .set('Authorization', `Bearer ${moderator}`);
    expect(readable.status).toBe(200);
    expect((await app.request().get(`${api}/contributions/${first.documentId}`)).body.data.counts.supports).toBe(first.counts.supports);
  });
});

describe('public lists of contributions', () => {
  it('sort by supports or by a seeded shuffle, stable for a seed', async () => {
    const bySupports = (await publicList(slugs.priori, { sort: '-supportsCount' })).body.data.map((c: any) => c.counts.supports);
    expect([...bySupports].sort((x: number, y: number) => y - x)).toEqual(bySupports);
    const r1 = (await publicList(slugs.priori, { sort: 'random', seed: 42 })).body.data.map((c: any) => c.documentId);
    const r2 = (await publicList(slugs.priori, { sort: 'random', seed: 42 })).body.data.map((c: any) => c.documentId);
    expect(r1).toEqual(r2);
    expect((await publicList(slugs.priori, { sort: 'random' })).status).toBe(400);
    expect((await publicList(slugs.priori, { territory: '44143' })).body.data.every((c: any) => c.territory.inseeCode === '44143')).toBe(true);
  });
});

describe('bad input changes nothing', () => {
  const count = async () => Number((await app.strapi.db.connection('participation_contributions').count({ n: '*' }))[0].n);

  it.each([
    ['a server-owned field', { title: 'Titre correct', body: 'Un corps de texte correct.', status: 'published' }, 'status'],
    ['a counter', { title: 'Titre correct', body: 'Un corps de texte correct.', supportsCount: 1000 }, 'supportsCount'],
    ['an author', { title: 'Titre correct', body: 'Un corps de texte correct.', authorId: 1 }, 'authorId'],
    ['a control character', { title: 'Titre\u0007 correct', body: 'Un corps de texte correct.' }, 'title'],
    ['a filled honeypot', { title: 'Titre correct', body: 'Un corps de texte correct.', website: 'http://spam.example' }, 'website'],
    ['a too short body', { title: 'Titre correct', body: 'Court' }, 'body'],
    ['a wrong type', { title: 42, body: 'Un corps de texte correct.' }, 'title'],
    ['an unknown commune', { title: 'Titre correct', body: 'Un corps de texte correct.', territory: '75056' }, 'territory'],
  ])('refuses %s with 400 and the field', async (_name, body, field) => {
    const before = await count();
    const res = await contribute(slugs.posteriori, david, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('validation_failed');
    expect(res.body.error.details.errors.map((e: any) => e.path[0] ?? e.message)).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    expect(await count()).toBe(before);
  });

  it('refuses a body that is not JSON (415) or too large (413)', async () => {
    const text = await app
      .request()
      .post(`${api}/consultations/${slugs.posteriori}/contributions`)
      .set(...david.auth)
      .set('Content-Type', 'text/plain')
      .send('titre=x');
    expect(text.status).toBe(415);
    expect(text.body.error.details.code).toBe('unsupported_media_type');
    const huge = await contribute(slugs.posteriori, david, { title: 'Titre correct', body: 'x'.repeat(40_000) });
    expect(huge.status).toBe(413);
  });

  it('answers 409 on a closed consultation and 404 on a draft one', async () => {
    const closed = await open({ title: 'Close bientôt' });
    await app.request().post(`/participation/consultations/${closed.documentId}/transitions`).set('Authorization', `Bearer ${agent}`).send({ to: 'closed' });
    const res = await contribute(closed.slug, david, { title: 'Trop tard', body: 'La consultation est close.' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('consultation_closed');
    const draft = await createConsultation(app, { title: 'Encore en brouillon' });
    expect((await contribute(draft.slug, david, { title: 'Trop tôt', body: 'La consultation est un brouillon.' })).status).toBe(404);
  });
});

describe('privacy', () => {
  it('no public response carries an email, a user id, a staff note or an internal field', async () => {
    const id = (await publicList(slugs.priori)).body.data[0].documentId;
    const bodies = [
      await publicList(slugs.priori),
      await publicList(slugs.posteriori),
      await app.request().get(`${api}/contributions/${id}`),
      await app
        .request()
        .get(`${api}/contributions/${id}`)
        .set(...bruno.auth),
      await app
        .request()
        .get(`${api}/me/contributions`)
        .set(...alice.auth),
    ].map((r) => JSON.stringify(r.body));
    for (const body of bodies) {
      expect(body).not.toMatch(/@exemple\.test|@loire-atlantique\.test|authorId|userId|contentHash|enteredById|"note"|createdBy|updatedBy|"id":/);
    }
  });
});
