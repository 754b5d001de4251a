import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation, createConsultation, UID } from './helpers/consultations';
import { startSmtp, type ReceivedMail } from './helpers/smtp';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * Following and being told: what a citizen follows, the notifications each change writes, one digest for a day of
 * events, one-click unsubscribe (RFC 8058) and the daily cap — delivered to a real SMTP server.
 */
const api = '/api/participation';
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let agent: string;
let camille: TestCitizen;
let bruno: TestCitizen;
let slug: string;
let consultationId: string;
let camilleContribution: string;

const service = () => app.strapi.plugin('participation').service('notifications');
const dayAfter = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const transition = (documentId: string, to: string, extra: Record<string, unknown> = {}) =>
  app
    .request()
    .post(`/participation/consultations/${documentId}/transitions`)
    .set('Authorization', `Bearer ${agent}`)
    .send({ to, ...extra });
const answer = (id: string, text: string) =>
  app.request().put(`/participation/contributions/${id}/answer`).set('Authorization', `Bearer ${agent}`).send({ status: 'retained', text });
const contribute = async (who: TestCitizen, title: string, onSlug = slug) => {
  const res = await app
    .request()
    .post(`${api}/consultations/${onSlug}/contributions`)
    .set(...who.auth)
    .send({ title, body: `${title} : une idée détaillée pour le territoire.` });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
};
const mailsTo = (who: TestCitizen) => smtp.received.filter((m) => m.to.includes(who.email));
const header = (mail: ReceivedMail, name: string) =>
  new RegExp(`^${name}: *(.*)$`, 'im').exec(mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' '))?.[1]?.trim();
const pending = async (who: TestCitizen) => {
  const rows = await app.strapi.db.connection('participation_notifications').where('user_id', who.id).whereNull('mailed_at');
  return rows as { kind: string; due_at: string; frequency: string }[];
};

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({
    ...smtp.env,
    PARTICIPATION_RATE_LIMIT_USER: '1000/60',
    PARTICIPATION_RATE_LIMIT_IP: '10000/60',
    NOTIFICATIONS_POLL_MS: '0',
    NOTIFICATIONS_MAX_MAILS_PER_DAY: '3',
  });
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  [camille, bruno] = await Promise.all(['camille', 'bruno'].map((n) => registerCitizen(app, n)));
  const c = await openConsultation(app, agent, { title: 'Collèges ouverts le samedi', moderationMode: 'a_posteriori' });
  consultationId = c.documentId;
  slug = (await app.request().get(`${api}/consultations`).query({ q: 'Collèges ouverts' })).body.data[0].slug;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('following', () => {
  it('needs an account, a public target, and is idempotent both ways', async () => {
    expect((await app.request().post(`${api}/consultations/${slug}/follow`)).status).toBe(401);
    const draft = await createConsultation(app, { title: 'Brouillon à ne pas suivre' });
    expect(
      (
        await app
          .request()
          .post(`${api}/consultations/brouillon-a-ne-pas-suivre/follow`)
          .set(...camille.auth)
      ).status
    ).toBe(404);
    expect(draft.documentId).toBeTruthy();
    expect(
      (
        await app
          .request()
          .post(`${api}/contributions/abcdefghij1234567890/follow`)
          .set(...camille.auth)
      ).status
    ).toBe(404);

    for (let i = 0; i < 2; i += 1) {
      const res = await app
        .request()
        .post(`${api}/consultations/${slug}/follow`)
        .set(...camille.auth);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ target: 'consultation', documentId: consultationId, following: true });
    }
    expect(
      (
        await app
          .request()
          .get(`${api}/consultations/${slug}`)
          .set(...camille.auth)
      ).body.data.viewer.isFollowing
    ).toBe(true);
    expect(
      (
        await app
          .request()
          .get(`${api}/consultations/${slug}`)
          .set(...bruno.auth)
      ).body.data.viewer.isFollowing
    ).toBe(false);
    expect((await app.request().get(`${api}/consultations/${slug}`)).body.data.viewer).not.toHaveProperty('isFollowing');
    const mine = await app
      .request()
      .get(`${api}/me/follows`)
      .set(...camille.auth);
    expect(mine.body.data).toEqual([
      { target: 'consultation', documentId: consultationId, title: 'Collèges ouverts le samedi', slug, followedAt: expect.any(String) },
    ]);
    expect(mine.body.meta.pagination.total).toBe(1);

    await app
      .request()
      .delete(`${api}/consultations/${slug}/follow`)
      .set(...camille.auth)
      .expect(200);
    await app
      .request()
      .delete(`${api}/consultations/${slug}/follow`)
      .set(...camille.auth)
      .expect(200);
    expect(
      (
        await app
          .request()
          .get(`${api}/me/follows`)
          .set(...camille.auth)
      ).body.data
    ).toEqual([]);
    await app
      .request()
      .post(`${api}/consultations/${slug}/follow`)
      .set(...camille.auth)
      .expect(200);
    // Agents see how many follow each consultation, never who.
    const listed = (await app.request().get('/participation/consultations').set('Authorization', `Bearer ${agent}`)).body.data.find(
      (c: { documentId: string }) => c.documentId === consultationId
    );
    expect(listed.counts.followers).toBe(1);
  });

  it('shows preferences with their defaults, and refuses unknown kinds or frequencies with field errors', async () => {
    const res = await app
      .request()
      .get(`${api}/me/notification-preferences`)
      .set(...camille.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.frequencies).toEqual({
      consultation_opened: 'daily',
      consultation_closed: 'daily',
      results_published: 'daily',
      official_answer: 'daily',
      results_update: 'daily',
      comment_reply: 'daily',
      moderation_decided: 'immediate',
    });
    const bad = await app
      .request()
      .put(`${api}/me/notification-preferences`)
      .set(...camille.auth)
      .send({ frequencies: { official_answer: 'hourly', spam: 'daily' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('validation_failed');
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(expect.arrayContaining(['frequencies.official_answer']));
    expect(
      (
        await app
          .request()
          .put(`${api}/me/notification-preferences`)
          .set(...camille.auth)
          .send({ frequencies: {} })
      ).status
    ).toBe(400);
    expect(
      (
        await app
          .request()
          .get(`${api}/me/notification-preferences`)
          .set(...camille.auth)
      ).body.data.frequencies.official_answer
    ).toBe('daily');
    expect((await app.request().get(`${api}/me/notification-preferences`)).status).toBe(401);
  });
});

describe('a day of events for one citizen', () => {
  it('gives one digest at the digest hour, with every event, signed for one-click unsubscribe, and only once', async () => {
    const before = mailsTo(camille).length;
    const own = await contribute(camille, 'Ouvrir les CDI le samedi matin');
    camilleContribution = own;
    // Her own contribution: followed without asking; Bruno does not follow it.
    expect(
      (
        await app
          .request()
          .get(`${api}/contributions/${own}`)
          .set(...camille.auth)
      ).body.data.viewer.isFollowing
    ).toBe(true);
    expect(
      (
        await app
          .request()
          .get(`${api}/contributions/${own}`)
          .set(...bruno.auth)
      ).body.data.viewer.isFollowing
    ).toBe(false);
    const comment = await app
      .request()
      .post(`${api}/contributions/${own}/comments`)
      .set(...camille.auth)
      .send({ body: 'Et les gymnases aussi ?' });
    expect(comment.status).toBe(201);
    // Bruno replies to Camille; an agent answers her contribution; the consultation closes.
    const reply = await app
      .request()
      .post(`${api}/contributions/${own}/comments`)
      .set(...bruno.auth)
      .send({ body: 'Oui, avec un gardien le week-end.', parent: comment.body.data.documentId });
    expect(reply.status).toBe(201);
    expect((await answer(own, 'Expérimentation dans cinq collèges à la rentrée.')).status).toBe(200);
    expect((await transition(consultationId, 'closed', { reason: 'Fin de la concertation' })).status).toBe(200);

    const waiting = await pending(camille);
    expect(waiting.map((n) => n.kind).sort()).toEqual(['comment_reply', 'consultation_closed', 'official_answer']);
    // Daily digest: the same instant for all three, in the future.
    expect(new Set(waiting.map((n) => new Date(n.due_at).getTime())).size).toBe(1);
    const due = new Date(waiting[0].due_at);
    expect(due.getTime()).toBeGreaterThan(Date.now());
    expect(due.getTime()).toBeLessThanOrEqual(dayAfter(24).getTime());

    expect((await service().dispatch(new Date())).mails).toBe(0);
    expect((await service().dispatch(new Date(due.getTime() + 60_000))).mails).toBe(1);
    expect((await service().dispatch(new Date(due.getTime() + 120_000))).mails).toBe(0);

    const digest = await smtp.waitFor((m) => m.to.includes(camille.email) && /3 nouvelles/.test(m.subject));
    expect(mailsTo(camille).length).toBe(before + 1);
    expect(digest.subject).toBe('Participer : 3 nouvelles sur ce que vous suivez');
    expect(digest.text).toContain('bruno a répondu à votre commentaire sur « Ouvrir les CDI le samedi matin »');
    expect(digest.text).toContain('Expérimentation dans cinq collèges à la rentrée.');
    expect(digest.text).toContain('La consultation « Collèges ouverts le samedi » est close');
    // The HTML part reads in order for a screen reader: a language, a title, a heading per item, links that say where they go.
    expect(digest.html).toContain('<html lang="fr">');
    expect(digest.html).toContain('<title>Participer : 3 nouvelles sur ce que vous suivez</title>');
    expect(digest.html!.match(/<h2[^>]*>/g)).toHaveLength(3);
    expect(digest.html).toContain('>Voir la consultation</a>');
    expect(digest.html).not.toMatch(/<img|<script/);
    expect(header(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(digest, 'List-Unsubscribe')).toMatch(/^<http:\/\/[^>]+\/api\/participation\/notifications\/unsubscribe\?token=[\w.-]+>$/);
    // Bruno replied to himself nothing, and was told nothing.
    expect(await pending(bruno)).toEqual([]);
  });

  it('keeps what the mails said in the citizen’s notification centre: newest first, unread counted, marked read by their owner only', async () => {
    const inbox = (who: TestCitizen, query: Record<string, unknown> = {}) =>
      app
        .request()
        .get(`${api}/me/notifications`)
        .query(query)
        .set(...who.auth);
    const first = await inbox(camille);
    expect(first.status).toBe(200);
    expect(first.body.data.map((n: { kind: string }) => n.kind).sort()).toEqual(['comment_reply', 'consultation_closed', 'official_answer']);
    expect(first.body.meta).toMatchObject({ unread: 3, pagination: { total: 3 } });
    const closed = first.body.data.find((n: { kind: string }) => n.kind === 'consultation_closed');
    expect(closed).toMatchObject({ subject: expect.stringContaining('Collèges ouverts le samedi'), read: false, link: expect.any(String) });
    // Nothing private about anyone else: only the fields of the citizen's own notification.
    expect(Object.keys(closed).sort()).toEqual(['body', 'createdAt', 'documentId', 'kind', 'link', 'read', 'subject']);
    expect((await inbox(bruno)).body.meta.unread).toBe(0);
    expect((await app.request().get(`${api}/me/notifications`)).status).toBe(401);

    // Bruno cannot mark Camille's notification read; Camille marks one, then all.
    expect(
      (
        await app
          .request()
          .post(`${api}/me/notifications/read`)
          .set(...bruno.auth)
          .send({ documentIds: [closed.documentId] })
      ).body.data.unread
    ).toBe(0);
    expect((await inbox(camille)).body.meta.unread).toBe(3);
    const one = await app
      .request()
      .post(`${api}/me/notifications/read`)
      .set(...camille.auth)
      .send({ documentIds: [closed.documentId] });
    expect(one.body.data.unread).toBe(2);
    expect((await inbox(camille)).body.data.find((n: { documentId: string }) => n.documentId === closed.documentId).read).toBe(true);
    expect(
      (
        await app
          .request()
          .post(`${api}/me/notifications/read`)
          .set(...camille.auth)
          .send({ documentIds: ['pas un id'] })
      ).status
    ).toBe(400);
    expect(
      (
        await app
          .request()
          .post(`${api}/me/notifications/read`)
          .set(...camille.auth)
          .send({})
      ).body.data.unread
    ).toBe(0);
    // Paged like every list; past the end, the counts still hold.
    expect((await inbox(camille, { page: 5, pageSize: 1 })).body).toMatchObject({ data: [], meta: { unread: 0, pagination: { total: 3 } } });
  });

  it('sends at once what a citizen chose to have at once, and no more than the daily cap', async () => {
    await app
      .request()
      .put(`${api}/me/notification-preferences`)
      .set(...bruno.auth)
      .send({ frequencies: { official_answer: 'immediate' } })
      .expect(200);
    const ids = [];
    for (const title of ['Un', 'Deux', 'Trois', 'Quatre'])
      ids.push(await contribute(bruno, `Idée numéro ${title} pour les collèges`, (await freshConsultation()).slug));
    for (const id of ids) {
      expect((await answer(id, `Réponse à ${id}.`)).status).toBe(200);
      await service().dispatch();
    }
    await smtp.waitFor(() => mailsTo(bruno).length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    const answers = mailsTo(bruno).filter((m) => /^Réponse officielle/.test(m.subject));
    expect(answers).toHaveLength(3);
    // The fourth waits for the next daily digest.
    const left = await pending(bruno);
    expect(left).toHaveLength(1);
    expect(new Date(left[0].due_at).getTime()).toBeGreaterThan(Date.now());
  });
});

let freshCount = 0;
async function freshConsultation() {
  freshCount += 1;
  const c = await openConsultation(app, agent, { title: `Consultation annexe ${freshCount}`, moderationMode: 'a_posteriori' });
  const found = (
    await app
      .request()
      .get(`${api}/consultations`)
      .query({ q: `annexe ${freshCount}` })
  ).body.data[0];
  return { documentId: c.documentId, slug: found.slug as string };
}

describe('unsubscribing from a mail', () => {
  it('works in one click with the token alone, never from a forged token, and stops that kind', async () => {
    const digest = mailsTo(camille).find((m) => /nouvelles/.test(m.subject))!;
    const url = new URL(header(digest, 'List-Unsubscribe')!.slice(1, -1));
    const token = url.searchParams.get('token')!;

    const described = await app.request().get(`${api}/notifications/unsubscribe`).query({ token });
    expect(described.status).toBe(200);
    expect(described.body.data).toEqual({ scope: { all: true }, description: 'ne plus recevoir aucune notification par courriel' });
    // A link scanner's GET changed nothing.
    expect(
      (
        await app
          .request()
          .get(`${api}/me/notification-preferences`)
          .set(...camille.auth)
      ).body.data.frequencies.official_answer
    ).toBe('daily');

    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    const refused = await app.request().post(`${api}/notifications/unsubscribe`).query({ token: forged }).type('form').send('List-Unsubscribe=One-Click');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['token']);

    const done = await app.request().post(`${api}/notifications/unsubscribe`).query({ token }).type('form').send('List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect(done.body.data.unsubscribed).toBe(true);
    const prefs = (
      await app
        .request()
        .get(`${api}/me/notification-preferences`)
        .set(...camille.auth)
    ).body.data.frequencies;
    expect(Object.values(prefs)).toEqual(Array(7).fill('off'));
    // Again: same answer, nothing more to change.
    expect((await app.request().post(`${api}/notifications/unsubscribe`).query({ token }).type('form').send('List-Unsubscribe=One-Click')).status).toBe(200);

    // Nothing is written for her any more.
    expect((await answer(camilleContribution, 'Réponse complétée après la réunion publique.')).status).toBe(200);
    expect(await pending(camille)).toEqual([]);
  });

  it('unfollows from the link of one item', async () => {
    await app
      .request()
      .put(`${api}/me/notification-preferences`)
      .set(...camille.auth)
      .send({ frequencies: { consultation_opened: 'daily', consultation_closed: 'daily' } })
      .expect(200);
    const digest = mailsTo(camille).find((m) => /nouvelles/.test(m.subject))!;
    const links = [...digest.text.matchAll(/Ne plus suivre : (\S+)/g)].map((m) => new URL(m[1]).hash.split('jeton=')[1]);
    expect(links.length).toBeGreaterThan(0);
    const described = await app.request().get(`${api}/notifications/unsubscribe`).query({ token: links[0] });
    expect(described.body.data.scope).toHaveProperty('follow');
    await app.request().post(`${api}/notifications/unsubscribe`).query({ token: links[0] }).expect(200);
    const followed = (
      await app
        .request()
        .get(`${api}/me/follows`)
        .set(...camille.auth)
    ).body.data.map((f: { documentId: string }) => f.documentId);
    expect(followed).not.toContain(described.body.data.scope.follow.documentId);
    // The first item of her digest was the answer to her own contribution: she no longer follows even that.
    expect(described.body.data.scope.follow).toEqual({ type: 'contribution', documentId: camilleContribution });
    expect(
      (
        await app
          .request()
          .get(`${api}/contributions/${camilleContribution}`)
          .set(...camille.auth)
      ).body.data.viewer.isFollowing
    ).toBe(false);
  });
});

describe('replies held for moderation', () => {
  it('reach the author of the comment they answer once approved, and not before', async () => {
    const held = await openConsultation(app, agent, { title: 'Cantines bio', moderationMode: 'a_priori' });
    const heldSlug = (await app.request().get(`${api}/consultations`).query({ q: 'Cantines bio' })).body.data[0].slug;
    expect(held.documentId).toBeTruthy();
    const [eve, frank] = await Promise.all(['eve', 'frank'].map((n) => registerCitizen(app, n)));
    const approve = (type: string, id: string) =>
      app
        .request()
        .post('/participation/moderation/decisions')
        .set('Authorization', `Bearer ${agent}`)
        .send({ items: [{ type, id }], decision: 'approve' });
    const id = await contribute(eve, 'Des menus bio deux fois par semaine', heldSlug);
    expect((await approve('contribution', id)).status).toBe(200);
    const first = await app
      .request()
      .post(`${api}/contributions/${id}/comments`)
      .set(...eve.auth)
      .send({ body: 'Avec des producteurs locaux.' });
    expect((await approve('comment', first.body.data.documentId)).status).toBe(200);
    const reply = await app
      .request()
      .post(`${api}/contributions/${id}/comments`)
      .set(...frank.auth)
      .send({ body: 'Et sans surcoût pour les familles.', parent: first.body.data.documentId });
    expect(reply.body.data.status).toBe('pending');
    const replies = async () => (await pending(eve)).filter((n) => n.kind === 'comment_reply');
    expect(await replies()).toEqual([]);
    expect((await approve('comment', reply.body.data.documentId)).status).toBe(200);
    expect(await replies()).toHaveLength(1);
  });
});

describe('« Et ensuite »: what became of the results', () => {
  it('shows dated updates and the assembly’s decision with the results, and tells followers of each new one once', async () => {
    const c = await freshConsultation();
    const dana = await registerCitizen(app, 'dana');
    await app
      .request()
      .post(`${api}/consultations/${c.slug}/follow`)
      .set(...dana.auth)
      .expect(200);
    await app.strapi.documents(UID).update({
      documentId: c.documentId,
      data: { resultsSynthesis: 'Deux collèges pilotes.', resultsDecisionUrl: 'https://www.loire-atlantique.fr/deliberations/2027-01' },
      status: 'published',
    } as any);
    expect((await transition(c.documentId, 'closed', { reason: 'Fin' })).status).toBe(200);
    expect((await transition(c.documentId, 'results_published')).status).toBe(200);

    const today = new Date().toISOString().slice(0, 10);
    const update = { date: today, title: 'Les travaux commencent', text: 'Le premier collège ouvre le samedi dès mars.' };
    await app.strapi.documents(UID).update({
      documentId: c.documentId,
      data: { resultsUpdates: [update, { date: '2020-01-01', title: 'Ancienne étape', text: 'Avant les résultats.' }] },
      status: 'published',
    } as any);
    const detail = (await app.request().get(`${api}/consultations/${c.slug}`)).body.data;
    expect(detail.results.decisionUrl).toBe('https://www.loire-atlantique.fr/deliberations/2027-01');
    expect(detail.results.updates).toEqual([update, { date: '2020-01-01', title: 'Ancienne étape', text: 'Avant les résultats.' }]);

    const told = async () =>
      (await app.strapi.db.connection('participation_notifications').where({ user_id: dana.id, kind: 'results_update' })) as { subject: string }[];
    expect((await told()).map((n) => n.subject)).toEqual([`Et ensuite ? « Consultation annexe ${freshCount} » : Les travaux commencent`]);
    // Publishing again (a typo fixed elsewhere) tells nobody twice.
    await app.strapi
      .documents(UID)
      .update({ documentId: c.documentId, data: { resultsSynthesis: 'Deux collèges pilotes, puis tous.' }, status: 'published' } as any);
    expect(await told()).toHaveLength(1);

    await expect(
      app.strapi
        .documents(UID)
        .update({ documentId: c.documentId, data: { resultsUpdates: [{ date: '01/03/2027', title: 'Mauvaise date', text: 'x' }] } } as any)
    ).rejects.toThrow(/Et ensuite/);
    await expect(app.strapi.documents(UID).update({ documentId: c.documentId, data: { resultsDecisionUrl: 'javascript:alert(1)' } } as any)).rejects.toThrow();
  });
});

describe('what the citizen can take away or erase', () => {
  it('exports follows and preferences, and erasing the account removes them', async () => {
    const exported = await app
      .request()
      .get(`${api}/me/export`)
      .set(...bruno.auth);
    expect(exported.body.data.notificationPreferences.official_answer).toBe('immediate');
    await app
      .request()
      .post(`${api}/consultations/${slug}/follow`)
      .set(...bruno.auth)
      .expect(200);
    expect(
      (
        await app
          .request()
          .get(`${api}/me/export`)
          .set(...bruno.auth)
      ).body.data.follows
    ).toEqual([expect.objectContaining({ target: 'consultation', documentId: consultationId, following: true })]);
    await app
      .request()
      .delete(`${api}/me`)
      .set(...bruno.auth)
      .send({ password: 'MotDePasse2026!' })
      .expect(200);
    for (const table of ['participation_follows', 'participation_notification_preferences', 'participation_notifications']) {
      expect(await app.strapi.db.connection(table).where('user_id', bruno.id)).toEqual([]);
    }
  });
});
