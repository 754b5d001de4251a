import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { startSmtp } from './helpers/smtp';
import { startApp, type TestApp } from './helpers/strapi';
import { deliverOutbox, startReceiver } from './helpers/webhooks';

/**
 * Petitions and citizen interpellation, as citizens, agents and an attacker use them through HTTP: schemes with
 * threshold stages as data, admissibility with reasons, appeal, signatures (one per person, exact under concurrency,
 * withdrawable), territorial thresholds crossed once, paper signatures checked before they count, the official answer,
 * the signature list exported only with its permission, and the scheduler closing on time.
 */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let superAdmin: string;
let agent: string;
let moderator: string;
let communication: string;
let author: TestCitizen;
const citizens: TestCitizen[] = [];
let epci: { code: string; name: string; communes: string[] }[];

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
});
const api = () => app.request();

const DIALOGUE = { key: 'dialogue', label: 'Rencontre avec les élu·es', signatures: 3, withinDays: 90, triggers: 'dialogue_meeting' };
const TERRITORIAL = {
  key: 'assemblee',
  label: "Ordre du jour de l'assemblée",
  signatures: 6,
  withinDays: 365,
  minTerritories: 3,
  perTerritory: 2,
  triggers: 'assembly_agenda',
};

async function scheme(slug: string, stages: unknown[], extra: Record<string, unknown> = {}) {
  const res = await as(agent).post('/petition-schemes', {
    name: `Dispositif ${slug}`,
    slug,
    kind: 'interpellation',
    criteria: 'Relever des compétences du Département ; ne pas viser une personne ; ne pas être diffamatoire.',
    minimumAge: 16,
    groupingKey: 'epci',
    stages,
    retentionDays: 365,
    acceptsPetitions: true,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.data;
}

async function file(citizen: TestCitizen, schemeSlug: string, title: string) {
  const res = await api()
    .post('/api/participation/petitions')
    .set(...citizen.auth)
    .send({
      scheme: schemeSlug,
      title,
      body: 'Nous demandons au Département de rouvrir la ligne de car du dimanche entre nos communes, supprimée en 2024.',
      communeCode: epci[0].communes[0],
      confirmsMinimumAge: true,
    });
  expect(res.status).toBe(201);
  return res.body.data as { slug: string; documentId: string };
}

const sign = (citizen: TestCitizen, slug: string, communeCode: string, extra: Record<string, unknown> = {}) =>
  api()
    .post(`/api/participation/petitions/${slug}/signatures`)
    .set(...citizen.auth)
    .send({ communeCode, confirmsMinimumAge: true, ...extra });

const detail = (slug: string, citizen?: TestCitizen) => {
  const req = api().get(`/api/participation/petitions/${slug}`);
  return citizen ? req.set(...citizen.auth) : req;
};

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startReceiver();
  app = await startApp(smtp.env);
  superAdmin = await adminToken(app);
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  moderator = await adminToken(app, 'Modérateur', 'Mo');
  communication = await adminToken(app, 'Communication', 'Com');
  author = await registerCitizen(app, 'autrice');
  for (let i = 0; i < 8; i += 1) citizens.push(await registerCitizen(app, `signataire${i}`));
  const groupings = await api().get('/api/participation/territory-groupings/epci');
  expect(groupings.status).toBe(200);
  epci = groupings.body.data.filter((t: { communes: string[] }) => t.communes.length >= 2);
  expect(epci.length).toBeGreaterThanOrEqual(3);
  expect(
    (
      await as(superAdmin).post('/webhooks', {
        name: 'Suivi des pétitions',
        url: receiver.url,
        events: ['participation.petition.stage', 'participation.petition.decided'],
      })
    ).status
  ).toBe(201);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await receiver?.close();
});

describe('schemes: threshold rules as data, set by an agent', () => {
  it('are created by an agent, published with their criteria, and refused with field errors when malformed', async () => {
    await scheme('reforme', [DIALOGUE], { groupingKey: null, kind: 'petition' });
    const bad = await as(agent).post('/petition-schemes', {
      name: 'Mauvais',
      slug: 'mauvais',
      kind: 'petition',
      minimumAge: 16,
      stages: [{ key: 'x', label: 'Sans seuil', withinDays: 10, triggers: 'official_answer' }],
      retentionDays: 30,
      acceptsPetitions: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['stages', 0, 'signatures']);
    const noGrouping = await as(agent).post('/petition-schemes', {
      name: 'Sans regroupement',
      slug: 'sans',
      kind: 'petition',
      minimumAge: 16,
      stages: [TERRITORIAL],
      retentionDays: 30,
      acceptsPetitions: true,
    });
    expect(noGrouping.status).toBe(400);
    expect(noGrouping.body.error.details.errors[0].path).toEqual(['groupingKey']);
    expect((await as(communication).post('/petition-schemes', { name: 'X' })).status).toBe(403);
    expect((await as(moderator).get('/petition-schemes')).status).toBe(403);

    const pub = await api().get('/api/participation/petition-schemes');
    expect(pub.status).toBe(200);
    expect(pub.body.data).toEqual([
      expect.objectContaining({
        slug: 'reforme',
        minimumAge: 16,
        stages: [expect.objectContaining({ key: 'dialogue', signatures: 3, withinDays: 90, triggersLabel: expect.any(String) })],
      }),
    ]);
    expect(pub.body.data.map((s: { slug: string }) => s.slug)).not.toContain('mauvais');
  });
});

describe('filing and admissibility', () => {
  let petition: { slug: string; documentId: string };

  it('asks for an account, the declared age and a real commune; a petition under review is seen only by its author', async () => {
    expect(
      (
        await api()
          .post('/api/participation/petitions')
          .send({ scheme: 'reforme', title: 'Un titre assez long', body: 'x'.repeat(60), confirmsMinimumAge: true })
      ).status
    ).toBe(401);
    const noAge = await api()
      .post('/api/participation/petitions')
      .set(...author.auth)
      .send({ scheme: 'reforme', title: 'Un titre assez long', body: 'x'.repeat(60) });
    expect(noAge.status).toBe(400);
    expect(noAge.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain('confirmsMinimumAge');
    const badCommune = await api()
      .post('/api/participation/petitions')
      .set(...author.auth)
      .send({ scheme: 'reforme', title: 'Un titre assez long', body: 'x'.repeat(60), communeCode: '75056', confirmsMinimumAge: true });
    expect(badCommune.status).toBe(400);
    expect(badCommune.body.error.details.errors[0].path).toEqual(['communeCode']);
    const association = await api()
      .post('/api/participation/petitions')
      .set(...author.auth)
      .send({ scheme: 'reforme', title: 'Un titre assez long', body: 'x'.repeat(60), authorKind: 'association', confirmsMinimumAge: true });
    expect(association.status).toBe(400);
    expect(association.body.error.details.errors[0].path).toEqual(['organisationName']);

    petition = await file(author, 'reforme', 'Rouvrir la ligne de car du dimanche');
    const mine = await detail(petition.slug, author);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({
      status: 'submitted',
      authorName: 'autrice',
      viewer: { isAuthor: true, canSign: false, reason: 'petition_not_open' },
    });
    expect((await detail(petition.slug)).status).toBe(404);
    expect((await detail(petition.slug, citizens[0])).status).toBe(404);
    expect((await api().get('/api/participation/petitions')).body.data).toEqual([]);
    expect(
      (
        await api()
          .get('/api/participation/me/petitions')
          .set(...author.auth)
      ).body.data.filed
    ).toEqual([expect.objectContaining({ slug: petition.slug, status: 'submitted' })]);
  });

  it('is decided by an agent with reasons; another role gets 403; a decision taken twice is a 409', async () => {
    expect((await as(moderator).post(`/petitions/${petition.documentId}/decisions`, { decision: 'admissible' })).status).toBe(403);
    expect((await as(communication).post(`/petitions/${petition.documentId}/decisions`, { decision: 'admissible' })).status).toBe(403);
    // The admin is told which decisions the rules allow, and which need written reasons.
    const decisions = async (documentId: string) => (await as(agent).get(`/petitions/${documentId}`)).body.data.decisions;
    expect(await decisions(petition.documentId)).toEqual([
      { decision: 'admissible', reasonRequired: false },
      { decision: 'inadmissible', reasonRequired: true },
      { decision: 'forward', reasonRequired: true },
    ]);
    const noReason = await as(agent).post(`/petitions/${petition.documentId}/decisions`, { decision: 'inadmissible' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    const ok = await as(agent).post(`/petitions/${petition.documentId}/decisions`, { decision: 'admissible' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'open', openedAt: expect.any(String), closesAt: expect.any(String) });
    expect(await decisions(petition.documentId)).toEqual([]);
    const again = await as(agent).post(`/petitions/${petition.documentId}/decisions`, { decision: 'admissible' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('decision_not_allowed');
    const mail = await smtp.waitFor((m) => /Rouvrir la ligne de car du dimanche/.test(m.subject));
    expect(mail.to[0]).toBe(author.email);
    expect(mail.text).toContain('Ouverte aux signatures');
    const pub = await api().get('/api/participation/petitions');
    expect(pub.body.data).toEqual([expect.objectContaining({ slug: petition.slug, status: 'open', signaturesCount: 0 })]);
  });

  it('lets the author appeal an inadmissibility once, within two months, and the agent decide the appeal', async () => {
    const p = await file(author, 'reforme', 'Interdire les feux de jardin en été');
    const decided = await as(agent).post(`/petitions/${p.documentId}/decisions`, {
      decision: 'inadmissible',
      reason: 'La réglementation des brûlages relève du préfet, non du Département.',
    });
    expect(decided.body.data.status).toBe('inadmissible');
    const pub = await detail(p.slug);
    expect(pub.status).toBe(200);
    expect(pub.body.data.decision).toMatchObject({ reason: 'La réglementation des brûlages relève du préfet, non du Département.' });
    expect(
      (
        await api()
          .post(`/api/participation/petitions/${p.slug}/appeal`)
          .set(...citizens[0].auth)
          .send({ reason: 'Je conteste cette décision pour de bonnes raisons.' })
      ).status
    ).toBe(403);
    const appealed = await api()
      .post(`/api/participation/petitions/${p.slug}/appeal`)
      .set(...author.auth)
      .send({ reason: 'Le Département gère les espaces naturels sensibles concernés.' });
    expect(appealed.status).toBe(200);
    expect(appealed.body.data.status).toBe('under_appeal');
    expect((await as(agent).get(`/petitions/${p.documentId}`)).body.data.decisions.map((d: { decision: string }) => d.decision)).toEqual([
      'appeal_granted',
      'appeal_rejected',
    ]);
    const twice = await api()
      .post(`/api/participation/petitions/${p.slug}/appeal`)
      .set(...author.auth)
      .send({ reason: 'Le Département gère les espaces naturels sensibles concernés.' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.code).toBe('appeal_not_allowed');
    const granted = await as(agent).post(`/petitions/${p.documentId}/decisions`, {
      decision: 'appeal_granted',
      reason: 'Les espaces naturels sensibles relèvent bien du Département.',
    });
    expect(granted.body.data.status).toBe('open');
    const history = (await detail(p.slug)).body.data.history.map((h: { kind: string }) => h.kind);
    expect(history).toEqual(['filed', 'inadmissible', 'appealed', 'appeal_granted']);
  });

  it('forwards a petition to the competent authority, named', async () => {
    const p = await file(author, 'reforme', 'Réparer le pont de la rue des écoles');
    const noAuthority = await as(agent).post(`/petitions/${p.documentId}/decisions`, { decision: 'forward', reason: 'Voirie communale.' });
    expect(noAuthority.status).toBe(400);
    expect(noAuthority.body.error.details.errors[0].path).toEqual(['forwardedTo']);
    const forwarded = await as(agent).post(`/petitions/${p.documentId}/decisions`, {
      decision: 'forward',
      reason: 'Voirie communale.',
      forwardedTo: 'Mairie de la commune',
    });
    expect(forwarded.body.data).toMatchObject({ status: 'forwarded', forwardedTo: 'Mairie de la commune' });
    expect((await detail(p.slug)).body.data.decision).toMatchObject({ forwardedTo: 'Mairie de la commune' });
  });

  describe('signatures', () => {
    it('are one per person, counted exactly, withdrawable, and never show a name without consent', async () => {
      expect(
        (await api().post(`/api/participation/petitions/${petition.slug}/signatures`).send({ communeCode: epci[0].communes[0], confirmsMinimumAge: true }))
          .status
      ).toBe(401);
      const first = await sign(citizens[0], petition.slug, epci[0].communes[0], { showName: true });
      expect(first.status).toBe(201);
      expect(first.body.data).toEqual({ slug: petition.slug, signed: true, signaturesCount: 1 });
      const twice = await sign(citizens[0], petition.slug, epci[0].communes[0]);
      expect(twice.status).toBe(409);
      expect(twice.body.error.details.code).toBe('already_signed');
      expect((await sign(citizens[1], petition.slug, epci[1].communes[0])).status).toBe(201);
      const seen = await detail(petition.slug, citizens[1]);
      expect(seen.body.data.viewer).toMatchObject({ hasSigned: true, canSign: false, reason: 'already_signed', canWithdraw: true });
      const names = await api().get(`/api/participation/petitions/${petition.slug}/signatures`);
      expect(names.body.data).toEqual([expect.objectContaining({ name: 'signataire0' })]);
      expect(names.body.meta.anonymousCount).toBe(1);
      expect(JSON.stringify((await detail(petition.slug)).body)).not.toMatch(/signataire1|@exemple|provenance|authorId|userId/);

      const withdrawn = await api()
        .delete(`/api/participation/petitions/${petition.slug}/signatures`)
        .set(...citizens[1].auth);
      expect(withdrawn.body.data).toEqual({ slug: petition.slug, signed: false, signaturesCount: 1 });
      expect(
        (
          await api()
            .delete(`/api/participation/petitions/${petition.slug}/signatures`)
            .set(...citizens[1].auth)
        ).body.data.signaturesCount
      ).toBe(1);
    });

    it('reach a stage once when enough people sign together, with one webhook', async () => {
      const results = await Promise.all(citizens.slice(1, 7).map((c, i) => sign(c, petition.slug, epci[i % 3].communes[0])));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      const d = (await detail(petition.slug)).body.data;
      expect(d.signaturesCount).toBe(7);
      expect(d.progress).toEqual([expect.objectContaining({ key: 'dialogue', state: 'reached', count: 7, required: 3, reachedAt: expect.any(String) })]);
      expect(d.history.filter((h: { kind: string }) => h.kind === 'stage_reached')).toHaveLength(1);
      await deliverOutbox(app);
      expect(receiver.received.filter((r) => r.body.event === 'participation.petition.stage' && r.body.petition.slug === petition.slug)).toHaveLength(1);
    });
  });
});

describe('a territorial threshold crossed by concurrent signatures from several territories', () => {
  it('counts exactly and is recorded once', async () => {
    await scheme('interpellation', [TERRITORIAL]);
    const p = await file(author, 'interpellation', 'Un collège dans le nord du département');
    await as(agent).post(`/petitions/${p.documentId}/decisions`, { decision: 'admissible' });
    // Two territories with two signatures each and one with one: 5 signatures, 2 territories counted, not reached.
    const plan = [0, 0, 1, 1, 2];
    for (let i = 0; i < plan.length; i += 1) expect((await sign(citizens[i], p.slug, epci[plan[i]].communes[i % 2])).status).toBe(201);
    let progress = (await detail(p.slug)).body.data.progress[0];
    expect(progress).toMatchObject({ state: 'in_progress', count: 5, required: 6 });
    expect(progress.territories).toMatchObject({ grouping: 'epci', minTerritories: 3, perTerritory: 2, reachedCount: 2 });
    expect(progress.territories.missing).toEqual(expect.arrayContaining([expect.objectContaining({ code: epci[2].code, count: 1, required: 2 })]));
    // The last three arrive together from the third territory and others: the stage is crossed once.
    const together = await Promise.all([
      sign(citizens[5], p.slug, epci[2].communes[1]),
      sign(citizens[6], p.slug, epci[2].communes[0]),
      sign(citizens[7], p.slug, epci[0].communes[1]),
    ]);
    expect(together.map((r) => r.status)).toEqual([201, 201, 201]);
    progress = (await detail(p.slug)).body.data.progress[0];
    expect(progress).toMatchObject({ state: 'reached', count: 8 });
    expect(progress.territories.reached.map((t: { code: string }) => t.code)).toEqual(expect.arrayContaining([epci[0].code, epci[1].code, epci[2].code]));
    const events = await app.strapi.db.connection('participation_petition_events').where({ kind: 'stage_reached' }).andWhere('event_key', 'like', '%assemblee');
    expect(events).toHaveLength(1);
    await deliverOutbox(app);
    expect(receiver.received.filter((r) => r.body.event === 'participation.petition.stage' && r.body.petition.slug === p.slug)).toHaveLength(1);
  });
});

describe('paper, export, answer and time', () => {
  let p: { slug: string; documentId: string };

  it('takes a petition received on paper, and paper signatures that count only once checked', async () => {
    const entered = await as(agent).post('/petitions', {
      scheme: 'reforme',
      title: 'Un abri vélo au collège',
      body: 'Pétition remise en main propre à la maison du Département.',
      authorKind: 'collective',
      authorName: 'Collectif des parents',
      provenance: 'Remise le 3 novembre, 12 feuillets',
    });
    expect(entered.status).toBe(201);
    expect(entered.body.data).toMatchObject({ channel: 'paper', provenance: 'Remise le 3 novembre, 12 feuillets', authorName: 'Collectif des parents' });
    p = { slug: entered.body.data.slug, documentId: entered.body.data.documentId };
    await as(agent).post(`/petitions/${p.documentId}/decisions`, { decision: 'admissible' });
    const paper = { name: 'Jeanne Martin', birthDate: '1970-04-02', communeCode: epci[0].communes[0], provenance: 'Feuillet 1, ligne 3', showName: false };
    const added = await as(agent).post(`/petitions/${p.documentId}/paper-signatures`, paper);
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({ signaturesCount: 0, paperPendingCount: 1 });
    expect((await as(agent).post(`/petitions/${p.documentId}/paper-signatures`, { ...paper, name: 'JEANNE  Martin', provenance: 'Feuillet 7' })).status).toBe(
      409
    );
    const bad = await as(agent).post(`/petitions/${p.documentId}/paper-signatures`, { ...paper, birthDate: '02/04/1970' });
    expect(bad.status).toBe(400);
    const id = added.body.data.pendingPaperSignatures[0].id;
    const verified = await as(agent).put(`/petitions/${p.documentId}/paper-signatures/${id}`, { verified: true });
    expect(verified.body.data).toMatchObject({ signaturesCount: 1, paperPendingCount: 0, pendingPaperSignatures: [] });
    expect((await as(agent).put(`/petitions/${p.documentId}/paper-signatures/${id}`, { verified: true })).status).toBe(409);
    expect((await detail(p.slug)).body.data.signaturesCount).toBe(1);
  });

  it('exports the names only with the dedicated permission, and logs each export', async () => {
    expect((await as(agent).get(`/petitions/${p.documentId}/signatures.csv`)).status).toBe(403);
    const csv = await as(superAdmin).get(`/petitions/${p.documentId}/signatures.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('Jeanne Martin');
    const log = await app.strapi.db.connection('participation_export_logs').where({ consultation_document_id: p.documentId });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ subject_type: 'petition-signatures' });
  });

  it('publishes the official answer with its date', async () => {
    expect((await as(agent).put(`/petitions/${p.documentId}/answer`, { text: 'court' })).status).toBe(400);
    const answered = await as(agent).put(`/petitions/${p.documentId}/answer`, {
      text: 'Le Département financera un abri vélo au collège dès la rentrée 2027.',
    });
    expect(answered.body.data.status).toBe('answered');
    const pub = (await detail(p.slug)).body.data;
    expect(pub.answer).toEqual({ text: 'Le Département financera un abri vélo au collège dès la rentrée 2027.', answeredAt: expect.any(String) });
  });

  it('closes at the deadline once, records a stage missed at its own date, then refuses signatures; personal data goes after the retention period', async () => {
    const late = await file(author, 'interpellation', 'Des bus de nuit le week-end pour tous');
    await as(agent).post(`/petitions/${late.documentId}/decisions`, { decision: 'admissible' });
    expect((await sign(citizens[0], late.slug, epci[0].communes[0], { showName: true })).status).toBe(201);
    const closesAt = new Date((await detail(late.slug)).body.data.closesAt);
    const petitions = app.strapi.plugin('participation').service('petitions');
    const after = new Date(closesAt.getTime() + 60_000);
    const first = await petitions.runDue(after);
    expect(first.closed).toBeGreaterThanOrEqual(1);
    await petitions.runDue(after);
    const d = (await detail(late.slug, citizens[1])).body.data;
    expect(d.status).toBe('closed');
    expect(d.progress[0]).toMatchObject({ state: 'missed' });
    const missed = d.history.filter((h: { kind: string }) => h.kind === 'stage_missed');
    expect(missed).toHaveLength(1);
    expect(new Date(missed[0].at).getTime()).toBe(closesAt.getTime());
    expect(d.history.filter((h: { kind: string }) => h.kind === 'closed')).toHaveLength(1);
    expect(d.viewer).toMatchObject({ canSign: false, reason: 'petition_closed' });
    const refused = await sign(citizens[1], late.slug, epci[0].communes[0]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.code).toBe('petition_closed');

    expect((await api().get(`/api/participation/petitions/${late.slug}/signatures`)).body.data).toHaveLength(1);
    await petitions.runDue(new Date(closesAt.getTime() + 366 * 86_400_000));
    const names = await api().get(`/api/participation/petitions/${late.slug}/signatures`);
    expect(names.body.data).toEqual([]);
    expect(names.body.meta.anonymousCount).toBe(1);
    expect((await detail(late.slug)).body.data.signaturesCount).toBe(1);
  });
});

describe('groupings imported from a CSV of commune INSEE codes', () => {
  it('imports cantons with a split commune, whose signers then choose their territory', async () => {
    const [a, b] = epci[0].communes;
    const c = epci[1].communes[0];
    const refused = await as(agent).post('/territory-groupings', {
      key: 'cantons',
      name: 'Cantons',
      csv: `COM;CAN;LIBELLE\n${a};4401;Canton Un\n99999;4402;Canton Deux`,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].message).toMatch(/Ligne 3/);
    expect((await api().get('/api/participation/territory-groupings/cantons')).status).toBe(404);
    const ok = await as(agent).post('/territory-groupings', {
      key: 'cantons',
      name: 'Cantons',
      csv: `COM;CAN;LIBELLE\n${a};4401;Canton Un\n${b};4401;Canton Un\n${b};4402;Canton Deux\n${c};4402;Canton Deux`,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ territoriesCount: 2, communesCount: 3, splitCommunes: [b] });
    expect((await api().get('/api/participation/territory-groupings')).body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'cantons', source: 'imported', territoriesCount: 2 })])
    );

    await scheme('cantonal', [{ key: 'cantons', label: 'Deux cantons', signatures: 2, withinDays: 30, minTerritories: 2, triggers: 'official_answer' }], {
      groupingKey: 'cantons',
    });
    const p = await file(author, 'cantonal', 'Une piste cyclable entre les deux bourgs');
    await as(agent).post(`/petitions/${p.documentId}/decisions`, { decision: 'admissible' });
    const ask = await sign(citizens[0], p.slug, b);
    expect(ask.status).toBe(400);
    expect(ask.body.error.details.errors[0].path).toEqual(['territoryCode']);
    expect(ask.body.error.details.errors[0].message).toMatch(/4401.*4402/);
    expect((await sign(citizens[0], p.slug, b, { territoryCode: '9999' })).status).toBe(400);
    expect((await sign(citizens[0], p.slug, b, { territoryCode: '4402' })).status).toBe(201);
    expect((await sign(citizens[1], p.slug, a)).status).toBe(201);
    const progress = (await detail(p.slug)).body.data.progress[0];
    expect(progress).toMatchObject({ state: 'reached' });
    expect(progress.territories.reached.map((t: { code: string }) => t.code).sort()).toEqual(['4401', '4402']);
  });
});

describe('the citizen’s rights over their signatures', () => {
  it('exports them, and erasing the account withdraws those on open petitions', async () => {
    const erasable = await registerCitizen(app, 'effacable');
    const list = (await api().get('/api/participation/petitions?status=open&sort=-signaturesCount')).body.data;
    const target = list[0];
    const before = target.signaturesCount;
    expect((await sign(erasable, target.slug, epci[0].communes[0])).status).toBe(201);
    const exported = await api()
      .get('/api/participation/me/export')
      .set(...erasable.auth);
    expect(exported.body.data.petitionSignatures).toEqual([expect.objectContaining({ slug: target.slug })]);
    const erased = await api()
      .delete('/api/participation/me')
      .set(...erasable.auth)
      .send({ password: 'MotDePasse2026!' });
    expect(erased.status).toBe(200);
    expect((await detail(target.slug)).body.data.signaturesCount).toBe(before);
  });
});
