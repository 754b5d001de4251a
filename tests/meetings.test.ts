import { adminApi, adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { BUDGET_SETTINGS, BUDGET_STAGE, budgetCalendar } from './helpers/fixtures';
import { startSmtp } from './helpers/smtp';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * Public meetings through HTTP, as an agent, citizens, a front end and an attacker meet them: a meeting checked field
 * by field, a public page that never shows the online link, places taken under concurrent registrations with the rest
 * waitlisted in order, a cancellation that promotes exactly the first person waiting (told by mail), a raised capacity
 * that promotes in order, invitations on reserved places, check-in once, a cancelled meeting whose registrants are
 * told, reminders sent once, and a person's registrations in their data export and freed with their account.
 */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let agent: string;
let moderator: string;
let commune: { code: string; name: string };
const citizens: TestCitizen[] = [];
let documentId = '';

const hour = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();
const api = () => app.request();
const admin = (token: string) => adminApi(app, token);

const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Réunion publique : la voie verte de l’Erdre',
  slug: 'voie-verte-erdre',
  description: 'Présentation du projet et échanges.',
  kind: 'hybrid',
  published: true,
  startsAt: at(72 * hour),
  endsAt: at(74 * hour),
  territoryCode: commune.code,
  address: 'Salle des fêtes, 2 rue de la Mairie',
  accessibility: 'Plain-pied, parking à 50 m.',
  services: ['wheelchair', 'sign_language'],
  agenda: [
    { time: '18:30', title: 'Accueil' },
    { time: '19:00', title: 'Présentation du projet' },
  ],
  onlineUrl: 'https://visio.loire-atlantique.test/voie-verte',
  onlineUrlRevealed: false,
  registrationEnabled: true,
  capacity: 12,
  reservedPlaces: 2,
  waitlistEnabled: true,
  registrationTerms: 'La réunion est filmée et diffusée en direct.',
  attendeesPublic: true,
  ...extra,
});

const page = async (c: TestCitizen | null, slug = 'voie-verte-erdre') => {
  const req = api().get(`/api/participation/meetings/${slug}`);
  if (c) req.set(...c.auth);
  return req;
};
const register = (c: TestCitizen, extra: Record<string, unknown> = {}, slug = 'voie-verte-erdre') =>
  api()
    .post(`/api/participation/meetings/${slug}/registrations`)
    .set(...c.auth)
    .send({ acceptTerms: true, ...extra });
const cancelMine = (c: TestCitizen, slug = 'voie-verte-erdre') =>
  api()
    .delete(`/api/participation/meetings/${slug}/registrations/mine`)
    .set(...c.auth);
const mine = async (c: TestCitizen, slug = 'voie-verte-erdre') =>
  (
    await api()
      .get(`/api/participation/meetings/${slug}/registrations/mine`)
      .set(...c.auth)
  ).body.data;
const registrants = async () =>
  (await admin(agent).get(`/meetings/${documentId}/registrations`)).body.data as {
    name: string;
    email: string | null;
    status: string;
    position: number | null;
    code: string;
    invited: boolean;
    checkedInAt: string | null;
  }[];

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ ...smtp.env, OUTBOX_POLL_MS: '200', PARTICIPATION_RATE_LIMIT_USER: '1000/60', PARTICIPATION_RATE_LIMIT_IP: '10000/60' });
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  moderator = await adminToken(app, 'Modérateur', 'Mo');
  for (let i = 0; i < 25; i += 1) citizens.push(await registerCitizen(app, `habitant${i}`));
  const row = await app.strapi.db.connection('participation_territories').where({ kind: 'commune' }).select('insee_code', 'name').orderBy('insee_code').first();
  commune = { code: row.insee_code, name: row.name };
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('organising a meeting', () => {
  it('refuses a meeting that cannot take place, field by field, and creates nothing', async () => {
    const res = await admin(agent).post('/meetings', body({ endsAt: at(71 * hour), address: null, onlineUrl: 'http://insecure.test', reservedPlaces: 20 }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['address', 'endsAt', 'onlineUrl', 'reservedPlaces']);
    const unknownCommune = await admin(agent).post('/meetings', body({ territoryCode: '99999' }));
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.body.error.details.errors[0]).toEqual({ path: ['territoryCode'], message: 'Commune inconnue du département.' });
    expect((await admin(agent).get('/meetings')).body.data).toEqual([]);
  });

  it('is for agents only: a moderator is refused by the server', async () => {
    expect((await admin(moderator).post('/meetings', body())).status).toBe(403);
    expect((await admin(moderator).get('/meetings')).status).toBe(403);
  });

  it('keeps a draft out of the public API, then publishes it with its commune and services, never its online link', async () => {
    const created = await admin(agent).post('/meetings', body({ published: false }));
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    expect(created.body.data).toMatchObject({ state: 'draft', communeName: commune.name, onlineUrl: 'https://visio.loire-atlantique.test/voie-verte' });
    expect((await page(null)).status).toBe(404);
    expect((await api().get('/api/participation/meetings')).body.data).toEqual([]);
    const published = await admin(agent).put(`/meetings/${documentId}`, body());
    expect(published.status).toBe(200);
    const res = await page(null);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      title: 'Réunion publique : la voie verte de l’Erdre',
      kind: 'hybrid',
      kindLabel: 'Sur place et en ligne',
      state: 'upcoming',
      communeName: commune.name,
      services: [
        { key: 'wheelchair', label: 'Accessible en fauteuil roulant' },
        { key: 'sign_language', label: 'Interprétation en langue des signes (LSF)' },
      ],
      agenda: [
        { time: '18:30', title: 'Accueil' },
        { time: '19:00', title: 'Présentation du projet' },
      ],
      registration: { enabled: true, places: 10, placesLeft: 10, waitlist: true, waiting: 0, open: true },
      viewer: { signedIn: false, canRegister: true, status: null, position: null },
    });
    expect(JSON.stringify(res.body)).not.toContain('visio.loire-atlantique.test');
    const listed = await api().get(`/api/participation/meetings?territory=${commune.code}&placesLeft=true`);
    expect(listed.body.data.map((m: { slug: string }) => m.slug)).toEqual(['voie-verte-erdre']);
    expect(listed.body.meta.pagination.total).toBe(1);
    expect((await api().get('/api/participation/meetings?kind=online')).body.data).toEqual([]);
    expect((await api().get('/api/participation/meetings?past=true')).body.data).toEqual([]);
    const ics = await api().get('/api/participation/meetings/voie-verte-erdre/calendar.ics');
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.text).toContain('SUMMARY:Réunion publique : la voie verte de l’Erdre');
    expect(ics.text).not.toContain('visio.loire-atlantique.test');
  });
});

describe('registering', () => {
  it('asks for an account, the terms accepted and a known commune', async () => {
    expect((await api().post('/api/participation/meetings/voie-verte-erdre/registrations').send({ acceptTerms: true })).status).toBe(401);
    const noTerms = await register(citizens[0], { acceptTerms: false });
    expect(noTerms.status).toBe(400);
    expect(noTerms.body.error.details.errors[0].path).toEqual(['acceptTerms']);
    const badCommune = await register(citizens[0], { territoryCode: '99999' });
    expect(badCommune.status).toBe(400);
    expect((await registrants()).length).toBe(0);
  });

  it('gives the 10 public places to 10 of 25 people registering at once and waitlists the 15 others in order', async () => {
    const responses = await Promise.all(citizens.map((c, i) => register(c, { showName: i < 3, territoryCode: commune.code })));
    expect(responses.map((r) => r.status)).toEqual(citizens.map(() => 201));
    const statuses = responses.map((r) => r.body.data.status);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(15);
    const positions = responses.filter((r) => r.body.data.status === 'waitlisted').map((r) => r.body.data.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(responses.every((r) => /^[A-HJ-NP-Z2-9]{8}$/.test(r.body.data.code))).toBe(true);
    // The staff list agrees: queue order, positions 1..15.
    const list = await registrants();
    expect(list.filter((r) => r.status === 'waitlisted').map((r) => r.position)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const detail = (await page(null)).body.data;
    expect(detail.registration).toMatchObject({ places: 10, placesLeft: 0, waiting: 15 });
    // Each person's own view matches what they were told.
    const someone = responses.findIndex((r) => r.body.data.status === 'waitlisted');
    expect((await page(citizens[someone])).body.data.viewer).toMatchObject({
      status: 'waitlisted',
      position: responses[someone].body.data.position,
      canRegister: false,
    });
    // A second registration by the same person is refused.
    const again = await register(citizens[0]);
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('already_registered');
    // Confirmation mails carry the code; waitlist mails say the position.
    const first = responses.find((r) => r.body.data.status === 'registered')!;
    const firstCitizen = citizens[responses.indexOf(first)];
    const mail = await smtp.waitFor((m) => m.to.includes(firstCitizen.email) && /Inscription confirmée/.test(m.subject));
    expect(mail.text.replace(/\s+/g, ' ')).toContain(`${first.body.data.code.slice(0, 4)} ${first.body.data.code.slice(4)}`);
    expect(mail.text).not.toContain('visio.loire-atlantique.test');
  });

  it('gives a freed place to the first person waiting, exactly once, and tells them', async () => {
    const before = await registrants();
    const leaving = before.find((r) => r.status === 'registered')!;
    const leaver = citizens.find((c) => c.username === leaving.name)!;
    const firstWaiting = before.find((r) => r.position === 1)!;
    const res = await cancelMine(leaver);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'cancelled', code: null });
    const after = await registrants();
    expect(after.find((r) => r.code === firstWaiting.code)!.status).toBe('registered');
    expect(after.filter((r) => r.status === 'registered')).toHaveLength(10);
    expect(after.filter((r) => r.status === 'waitlisted').map((r) => r.position)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const promoted = citizens.find((c) => c.username === firstWaiting.name)!;
    expect((await mine(promoted)).status).toBe('registered');
    await smtp.waitFor((m) => m.to.includes(promoted.email) && /Une place s’est libérée/.test(m.subject));
    // Cancelling twice changes nothing more.
    const twice = await cancelMine(leaver);
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.code).toBe('not_registered');
    expect((await registrants()).filter((r) => r.status === 'registered')).toHaveLength(10);
  });

  it('gives new places to the waitlist in order when the capacity is raised, and refuses to go below the places taken', async () => {
    const before = (await registrants()).filter((r) => r.status === 'waitlisted');
    const lower = await admin(agent).put(`/meetings/${documentId}`, body({ capacity: 8 }));
    expect(lower.status).toBe(400);
    expect(lower.body.error.details.errors[0].path).toEqual(['capacity']);
    const raised = await admin(agent).put(`/meetings/${documentId}`, body({ capacity: 15 }));
    expect(raised.status).toBe(200);
    expect(raised.body.data).toMatchObject({ registered: 13, waiting: 11 });
    const after = await registrants();
    expect(before.slice(0, 3).map((r) => after.find((a) => a.code === r.code)!.status)).toEqual(['registered', 'registered', 'registered']);
    expect(after.find((r) => r.code === before[3].code)!.position).toBe(1);
  });

  it('shows the online link to people with a place once the organiser reveals it, never to the waitlist', async () => {
    const list = await registrants();
    const placed = citizens.find((c) => c.username === list.find((r) => r.status === 'registered' && !r.invited)!.name)!;
    const waiting = citizens.find((c) => c.username === list.find((r) => r.status === 'waitlisted')!.name)!;
    expect((await mine(placed)).onlineUrl).toBeNull();
    await admin(agent).put(`/meetings/${documentId}`, body({ capacity: 15, onlineUrlRevealed: true }));
    expect((await mine(placed)).onlineUrl).toBe('https://visio.loire-atlantique.test/voie-verte');
    expect((await mine(waiting)).onlineUrl).toBeNull();
    expect(JSON.stringify((await page(placed)).body)).not.toContain('visio.loire-atlantique.test');
  });

  it('publishes only the names of those who agreed', async () => {
    const res = await api().get('/api/participation/meetings/voie-verte-erdre/attendees');
    expect(res.status).toBe(200);
    const names = res.body.data.map((a: { name: string }) => a.name);
    expect(names.length).toBeLessThanOrEqual(3);
    const consenting = new Set(['habitant0', 'habitant1', 'habitant2']);
    expect(names.every((n: string) => consenting.has(n))).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/@exemple\.test/);
  });
});

describe('at the door', () => {
  it('invites on reserved places only while one is free', async () => {
    const first = await admin(agent).post(`/meetings/${documentId}/invitations`, { name: 'Mme la Maire', email: 'maire@commune.test', organisation: 'Mairie' });
    expect(first.status).toBe(201);
    expect(first.body.data.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect((await admin(agent).post(`/meetings/${documentId}/invitations`, { name: 'Association Erdre Vivante' })).status).toBe(201);
    const third = await admin(agent).post(`/meetings/${documentId}/invitations`, { name: 'Un de trop' });
    expect(third.status).toBe(409);
    expect(third.body.error.details.code).toBe('no_reserved_place');
    await smtp.waitFor((m) => m.to.includes('maire@commune.test') && /Inscription confirmée/.test(m.subject));
    // Invitations take no public place.
    expect((await page(null)).body.data.registration).toMatchObject({ places: 13, placesLeft: 0 });
  });

  it('checks a code in once, typed with spaces, and refuses waitlist and unknown codes', async () => {
    const list = await registrants();
    const placed = list.find((r) => r.status === 'registered')!;
    const typed = `${placed.code.slice(0, 4).toLowerCase()} ${placed.code.slice(4)}`;
    const ok = await admin(agent).post(`/meetings/${documentId}/check-in`, { code: typed });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ name: placed.name, checkedIn: 1 });
    const twice = await admin(agent).post(`/meetings/${documentId}/check-in`, { code: placed.code });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.code).toBe('already_checked_in');
    const waiting = list.find((r) => r.status === 'waitlisted')!;
    const refused = await admin(agent).post(`/meetings/${documentId}/check-in`, { code: waiting.code });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.code).toBe('not_checkable');
    expect((await admin(agent).post(`/meetings/${documentId}/check-in`, { code: 'ZZZZ2222' })).status).toBe(404);
    expect((await admin(agent).post(`/meetings/${documentId}/check-in`, { code: '<script>' })).status).toBe(400);
    expect((await admin(moderator).post(`/meetings/${documentId}/check-in`, { code: placed.code })).status).toBe(403);
  });

  it('records an arrival checked in offline at the time it happened, sent within a day, never for later', async () => {
    const list = await registrants();
    const placed = list.filter((r) => r.status === 'registered' && !r.invited)[1];
    const future = await admin(agent).post(`/meetings/${documentId}/check-in`, { code: placed.code, at: at(10 * 60_000) });
    expect(future.status).toBe(400);
    expect(future.body.error.details.errors[0].path).toEqual(['at']);
    expect((await admin(agent).post(`/meetings/${documentId}/check-in`, { code: placed.code, at: at(-25 * hour) })).status).toBe(400);
    const arrivedAt = at(-20 * 60_000);
    const sent = await admin(agent).post(`/meetings/${documentId}/check-in`, { code: placed.code, at: arrivedAt });
    expect(sent.status).toBe(200);
    expect(sent.body.data).toMatchObject({ name: placed.name, checkedInAt: arrivedAt, checkedIn: 2 });
    expect((await registrants()).find((r) => r.code === placed.code)).toMatchObject({ checkedInAt: arrivedAt });
    // Sent twice (two doors, or a retry): the first arrival holds.
    const again = await admin(agent).post(`/meetings/${documentId}/check-in`, { code: placed.code, at: at(-5 * 60_000) });
    expect(again.body.error.details.code).toBe('already_checked_in');
  });
});

describe('the registrants’ export', () => {
  it('gives staff the list in queue order as CSV or XLSX, logs each export, and refuses a moderator', async () => {
    const csv = await api()
      .get(`/participation/meetings/${documentId}/registrations/export?format=csv`)
      .set('Authorization', `Bearer ${agent}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="inscrits-voie-verte-erdre-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('ordre;nom;courriel;structure;commune;etat;invitation;rang_attente;code;arrivee;inscription');
    expect(lines).toHaveLength(1 + (await registrants()).length);
    expect(lines.some((l) => l.includes(';Mme la Maire;maire@commune.test;Mairie;'))).toBe(true);
    const xlsx = await api().get(`/participation/meetings/${documentId}/registrations/export?format=xlsx`).set('Authorization', `Bearer ${agent}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const log = (await admin(agent).get('/exports/log')).body.data as { subjectType: string; personalData: boolean; actorName: string }[];
    expect(log.filter((e) => e.subjectType === 'meeting-registrants')).toEqual([
      expect.objectContaining({ personalData: true, actorName: expect.stringContaining('Agathe') }),
      expect.objectContaining({ personalData: true, actorName: expect.stringContaining('Agathe') }),
    ]);
    expect((await api().get(`/participation/meetings/${documentId}/registrations/export`).set('Authorization', `Bearer ${moderator}`)).status).toBe(403);
  });
});

describe('reminders and cancellation', () => {
  it('sends the day-before reminder once per registrant, however many runs compete', async () => {
    const soon = await admin(agent).post(
      '/meetings',
      body({
        slug: 'permanence-rezé',
        title: 'Permanence du projet',
        kind: 'in_person',
        onlineUrl: null,
        startsAt: at(5 * hour),
        endsAt: at(7 * hour),
        registrationTerms: null,
      })
    );
    expect(soon.status).toBe(400);
    const created = await admin(agent).post(
      '/meetings',
      body({
        slug: 'permanence-reze',
        title: 'Permanence du projet',
        kind: 'in_person',
        onlineUrl: null,
        startsAt: at(5 * hour),
        endsAt: at(7 * hour),
        registrationTerms: null,
      })
    );
    expect(created.status).toBe(201);
    for (const c of citizens.slice(0, 4)) expect((await register(c, {}, 'permanence-reze')).status).toBe(201);
    const meetings = app.strapi.plugin('participation').service('meetings') as { remind: (now?: Date) => Promise<{ mails: number }> };
    const runs = await Promise.all([meetings.remind(), meetings.remind(), meetings.remind()]);
    expect(runs.reduce((n, r) => n + r.mails, 0)).toBe(4);
    expect((await meetings.remind()).mails).toBe(0);
    for (const c of citizens.slice(0, 4)) await smtp.waitFor((m) => m.to.includes(c.email) && /^Rappel : Permanence du projet/.test(m.subject));
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.filter((m) => /^Rappel : Permanence du projet/.test(m.subject))).toHaveLength(4);
  });

  it('cancels a meeting with its reason: everyone registered or waiting is told, and registrations stop', async () => {
    const res = await admin(agent).post(`/meetings/${documentId}/cancel`, { reason: 'Salle indisponible : la réunion est reportée.' });
    expect(res.status).toBe(200);
    expect(res.body.data.state).toBe('cancelled');
    // Everyone with a place or waiting who has an address (the association was invited without one).
    const told = (await registrants()).filter((r) => r.status !== 'cancelled' && r.email).length;
    expect(told).toBe(25);
    const deadline = Date.now() + 5000;
    while (smtp.received.filter((m) => /^Réunion annulée/.test(m.subject)).length < told && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(smtp.received.filter((m) => /^Réunion annulée/.test(m.subject))).toHaveLength(told);
    const late = await register(citizens[24]);
    expect(late.status).toBe(409);
    expect(late.body.error.details.code).toBe('meeting_cancelled');
    expect((await page(null)).body.data).toMatchObject({ state: 'cancelled', cancellationReason: 'Salle indisponible : la réunion est reportée.' });
    expect((await api().get('/api/participation/meetings/voie-verte-erdre/calendar.ics')).text).toContain('STATUS:CANCELLED');
    // The site-wide calendar says so too, and never holds a draft or an online link.
    const feed = (await api().get('/api/participation/feeds/calendar.ics')).text.replace(/\r\n[ \t]/g, '');
    expect(feed).toContain('SUMMARY:Annulée : Réunion publique : la voie verte de l’Erdre');
    expect(feed).toContain('SUMMARY:Permanence du projet');
    expect(feed).not.toContain('visio.loire-atlantique.test');
    expect((await admin(agent).post(`/meetings/${documentId}/cancel`, { reason: 'Encore' })).body.error.details.code).toBe('meeting_cancelled');
  });
});

describe('after the meeting', () => {
  it('takes a report once the meeting has started, counts the arrivals by declared commune, and publishes it only when staff say so', async () => {
    const input = body({
      slug: 'atelier-bilan',
      title: 'Atelier avec bilan',
      kind: 'in_person',
      onlineUrl: null,
      registrationTerms: null,
      capacity: 20,
      reservedPlaces: 0,
    });
    const created = await admin(agent).post('/meetings', input);
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const report = {
      attendees: null,
      organisations: ['Association Erdre Vivante', '=HYPERLINK("x")'],
      minutes: 'Trois variantes présentées.\n\nLes habitant·es préfèrent la rive nord.',
      mediaLinks: [{ title: 'Diaporama', url: 'https://exemple.test/diaporama.pdf' }],
      published: true,
    };
    const early = await admin(agent).put(`/meetings/${id}/report`, report);
    expect(early.status).toBe(409);
    expect(early.body.error.details.code).toBe('meeting_not_held');
    const codes: string[] = [];
    for (const [i, c] of citizens.slice(0, 3).entries())
      codes.push((await register(c, { territoryCode: i < 2 ? commune.code : null }, 'atelier-bilan')).body.data.code);
    for (const code of codes) expect((await admin(agent).post(`/meetings/${id}/check-in`, { code })).status).toBe(200);
    // Held: moved into the past.
    expect((await admin(agent).put(`/meetings/${id}`, { ...input, startsAt: at(-3 * hour), endsAt: at(-hour) })).status).toBe(200);
    const badLink = await admin(agent).put(`/meetings/${id}/report`, { ...report, mediaLinks: [{ title: 'x', url: 'javascript:alert(1)' }] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.error.details.errors[0].path).toEqual(['mediaLinks', 0, 'url']);
    const draft = await admin(agent).put(`/meetings/${id}/report`, { ...report, published: false });
    expect(draft.status).toBe(200);
    expect(draft.body.data.report).toMatchObject({
      attendees: 3,
      checkedIn: 3,
      published: false,
      byCommune: [{ code: commune.code, name: commune.name, count: 2 }],
    });
    expect((await api().get('/api/participation/meetings/atelier-bilan/report')).body).toEqual({ data: null });
    expect((await page(null, 'atelier-bilan')).body.data.reportPublished).toBe(false);
    expect((await admin(agent).put(`/meetings/${id}/report`, { ...report, attendees: 35 })).status).toBe(200);
    const published = await api().get('/api/participation/meetings/atelier-bilan/report');
    expect(published.status).toBe(200);
    expect(published.body.data).toMatchObject({
      attendees: 35,
      checkedIn: 3,
      byCommune: [{ code: commune.code, name: commune.name, count: 2 }],
      organisations: ['Association Erdre Vivante', '=HYPERLINK("x")'],
      minutes: 'Trois variantes présentées.\n\nLes habitant·es préfèrent la rive nord.',
      mediaLinks: [{ title: 'Diaporama', url: 'https://exemple.test/diaporama.pdf' }],
    });
    expect(JSON.stringify(published.body)).not.toMatch(/@exemple\.test|habitant0/);
    expect((await page(null, 'atelier-bilan')).body.data.reportPublished).toBe(true);
  });
});

describe('what was said in the room, and the minutes the registrants read first', () => {
  it('enters the contributions said at the meeting into its consultation, each linked to the other', async () => {
    const consultation = await openConsultation(app, agent, { title: 'Aménager la voie verte' });
    const input = body({
      slug: 'restitution-voie-verte',
      title: 'Réunion de restitution',
      kind: 'in_person',
      onlineUrl: null,
      registrationTerms: null,
      consultationDocumentId: consultation.documentId,
    });
    const created = await admin(agent).post('/meetings', input);
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const said = { title: 'Un passage piéton au carrefour', body: 'Une habitante demande un passage piéton protégé au carrefour de la gare.' };
    const early = await admin(agent).post(`/meetings/${id}/contributions`, said);
    expect(early.status).toBe(409);
    expect(early.body.error.details.code).toBe('meeting_not_held');
    const startsAt = new Date(Date.now() - 26 * hour);
    expect((await admin(agent).put(`/meetings/${id}`, { ...input, startsAt: startsAt.toISOString(), endsAt: at(-24 * hour) })).status).toBe(200);
    expect((await admin(moderator).post(`/meetings/${id}/contributions`, said)).status).toBe(403);
    const invalid = await admin(agent).post(`/meetings/${id}/contributions`, { title: 'x', body: 'court' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(['body', 'title']);

    const entered = await admin(agent).post(`/meetings/${id}/contributions`, { ...said, authorName: 'Une habitante de la Chapelle' });
    expect(entered.status).toBe(201);
    const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit' }).format(startsAt);
    const provenance = `Réunion du ${day} à ${commune.name}`;
    expect(entered.body.data).toMatchObject({
      channel: 'meeting',
      author: { displayName: 'Une habitante de la Chapelle' },
      meeting: { documentId: id, provenance },
      territory: { inseeCode: commune.code },
      createdAt: startsAt.toISOString(),
    });
    // The contribution points to the meeting, whose page its documentId opens…
    const contribution = await api().get(`/api/participation/contributions/${entered.body.data.documentId}`);
    expect(contribution.status).toBe(200);
    expect(contribution.body.data.meeting).toEqual({ documentId: id, provenance });
    expect((await page(null, id)).body.data.slug).toBe('restitution-voie-verte');
    // …and the meeting lists what was said there, in the consultation's count.
    const listed = await api().get('/api/participation/meetings/restitution-voie-verte/contributions');
    expect(listed.status).toBe(200);
    expect(listed.body.meta.pagination.total).toBe(1);
    expect(listed.body.data[0]).toMatchObject({ documentId: entered.body.data.documentId, provenance, consultationDocumentId: consultation.documentId });
    expect(listed.body.data[0].status).toBeUndefined();
    expect((await admin(agent).get(`/meetings/${id}/contributions`)).body.data[0].status).toBe('published');

    const alone = await admin(agent).post(
      '/meetings',
      body({ slug: 'sans-consultation', startsAt: at(-3 * hour), endsAt: at(-2 * hour), registrationEnabled: false })
    );
    const refused = await admin(agent).post(`/meetings/${alone.body.data.documentId}/contributions`, said);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.code).toBe('meeting_without_consultation');
    expect((await api().get('/api/participation/meetings/sans-consultation/contributions')).body.data).toEqual([]);
  });

  it('proposes the minutes to the people who had a place, takes one remark each until the deadline, then publishes them with the report', async () => {
    const input = body({
      slug: 'compte-rendu-partage',
      title: 'Atelier du compte rendu partagé',
      kind: 'in_person',
      onlineUrl: null,
      registrationTerms: null,
      capacity: 2,
      reservedPlaces: 0,
    });
    const created = await admin(agent).post('/meetings', input);
    const id = created.body.data.documentId;
    const [first, second, waiting, stranger] = [
      await registerCitizen(app, 'relectrice'),
      await registerCitizen(app, 'relecteur'),
      await registerCitizen(app, 'attente'),
      await registerCitizen(app, 'passant'),
    ];
    for (const c of [first, second, waiting]) expect((await register(c, {}, 'compte-rendu-partage')).status).toBe(201);
    const slug = 'compte-rendu-partage';
    const minutesOf = (c: TestCitizen | null) => {
      const req = api().get(`/api/participation/meetings/${slug}/minutes`);
      return c ? req.set(...c.auth) : req;
    };
    const remark = (c: TestCitizen, text: string) =>
      api()
        .put(`/api/participation/meetings/${slug}/minutes/remark`)
        .set(...c.auth)
        .send({ body: text });

    const notOver = await admin(agent).post(`/meetings/${id}/minutes/proposal`, { days: 10 });
    expect(notOver.status).toBe(409);
    expect(notOver.body.error.details.code).toBe('meeting_not_over');
    expect((await admin(agent).put(`/meetings/${id}`, { ...input, startsAt: at(-5 * hour), endsAt: at(-3 * hour) })).status).toBe(200);
    expect((await admin(agent).post(`/meetings/${id}/minutes/proposal`, { days: 10 })).body.error.details.code).toBe('minutes_missing');
    const report = { attendees: 2, organisations: [], minutes: 'La rive nord est préférée.', mediaLinks: [], published: false };
    expect((await admin(agent).put(`/meetings/${id}/report`, report)).status).toBe(200);
    expect((await admin(agent).post(`/meetings/${id}/minutes/proposal`, { days: 1 })).status).toBe(400);
    expect((await minutesOf(first)).body.error.details.code).toBe('minutes_not_proposed');

    const proposed = await admin(agent).post(`/meetings/${id}/minutes/proposal`, { days: 10 });
    expect(proposed.status).toBe(200);
    expect(proposed.body.data.report).toMatchObject({ remarksWindow: 'open', minutesProposedAt: expect.any(String) });
    expect((await admin(agent).post(`/meetings/${id}/minutes/proposal`, { days: 10 })).body.error.details.code).toBe('minutes_already_proposed');
    for (const c of [first, second])
      await smtp.waitFor((m) => m.to.includes(c.email) && /^Compte rendu à relire : Atelier du compte rendu partagé/.test(m.subject));
    expect(smtp.received.some((m) => m.to.includes(waiting.email) && /Compte rendu à relire/.test(m.subject))).toBe(false);

    expect((await page(first, slug)).body.data.viewer.canRemark).toBe(true);
    expect((await page(waiting, slug)).body.data.viewer.canRemark).toBe(false);
    expect((await page(null, slug)).body.data.remarksUntil).toEqual(expect.any(String));
    expect((await minutesOf(null)).status).toBe(401);
    for (const c of [waiting, stranger]) {
      const res = await minutesOf(c);
      expect(res.status).toBe(409);
      expect(res.body.error.details.code).toBe('not_registered');
      expect(JSON.stringify(res.body)).not.toContain('rive nord');
    }
    expect((await minutesOf(first)).body.data).toMatchObject({ minutes: 'La rive nord est préférée.', open: true, remark: null });
    expect((await remark(waiting, 'Je voudrais ajouter quelque chose.')).status).toBe(409);

    expect((await remark(first, 'Le compte rendu oublie la question du stationnement.')).status).toBe(200);
    const replaced = await remark(first, 'Il oublie la question du stationnement des vélos.');
    expect(replaced.body.data.remark).toMatchObject({ body: 'Il oublie la question du stationnement des vélos.', withheld: false });
    // Two remarks at once from one person: one row, the database's unique index.
    const both = await Promise.all([remark(second, 'Première version de ma remarque.'), remark(second, 'Seconde version de ma remarque.')]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const withdrawn = await api()
      .delete(`/api/participation/meetings/${slug}/minutes/remark`)
      .set(...second.auth);
    expect(withdrawn.body.data.remark).toBeNull();
    expect((await remark(second, 'Vous êtes tous des incapables, Jean Dupont 06 12 34 56 78.')).status).toBe(200);

    const early = await admin(agent).put(`/meetings/${id}/report`, { ...report, published: true });
    expect(early.status).toBe(409);
    expect(early.body.error.details.code).toBe('remarks_open');
    expect((await api().get(`/api/participation/meetings/${slug}/report`)).body.data).toBeNull();

    const remarks = await admin(agent).get(`/meetings/${id}/minutes/remarks`);
    expect(remarks.body.data.map((r: { authorName: string }) => r.authorName)).toEqual(['relectrice', 'relecteur']);
    const offensive = remarks.body.data[1].id;
    expect((await admin(agent).put(`/meetings/${id}/minutes/remarks/${offensive}`, { withheld: true })).status).toBe(400);
    expect((await admin(agent).put(`/meetings/${id}/minutes/remarks/999999`, { withheld: true, reason: 'Propos injurieux.' })).status).toBe(404);
    expect(
      (await admin(agent).put(`/meetings/${id}/minutes/remarks/${offensive}`, { withheld: true, reason: 'Propos injurieux et données personnelles.' })).status
    ).toBe(204);
    expect((await minutesOf(second)).body.data.remark.withheld).toBe(true);

    // The period ends.
    await app.strapi.db
      .connection('participation_meetings')
      .where({ document_id: id })
      .update({ remarks_until: new Date(Date.now() - 1000) });
    const late = await remark(first, 'Encore une chose.');
    expect(late.status).toBe(409);
    expect(late.body.error.details.code).toBe('remarks_closed');
    expect((await minutesOf(first)).body.data).toMatchObject({ open: false, remark: { body: 'Il oublie la question du stationnement des vélos.' } });
    // Still unpublished: once the period is over, the minutes stay the registrants' to read, nobody else's.
    for (const c of [waiting, stranger]) {
      const res = await minutesOf(c);
      expect(res.body.error.details.code).toBe('not_registered');
      expect(JSON.stringify(res.body)).not.toContain('rive nord');
    }

    expect((await admin(agent).put(`/meetings/${id}/report`, { ...report, published: true })).status).toBe(200);
    const published = await api().get(`/api/participation/meetings/${slug}/report`);
    expect(published.body.data).toMatchObject({
      minutes: 'La rive nord est préférée.',
      remarksUntil: expect.any(String),
      remarks: [
        { text: 'Il oublie la question du stationnement des vélos.', withheldReason: null },
        { text: null, withheldReason: 'Propos injurieux et données personnelles.' },
      ],
      contributionsCount: 0,
    });
    expect(JSON.stringify(published.body)).not.toMatch(/relectrice|relecteur|incapables|06 12/);
    const exported = await api()
      .get('/api/participation/me/export')
      .set(...first.auth);
    expect(exported.body.data.meetingRemarks).toEqual([
      expect.objectContaining({ meeting: 'Atelier du compte rendu partagé', body: 'Il oublie la question du stationnement des vélos.', status: 'received' }),
    ]);
  });
});

describe('a series of meetings', () => {
  it('copies a meeting as a draft under a free slug, with its place and rules but none of its registrations or report', async () => {
    const source = (await page(null, 'atelier-bilan')).body.data.documentId;
    const first = await admin(agent).post(`/meetings/${source}/copy`, {});
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      slug: 'atelier-bilan-copie',
      title: 'Atelier avec bilan',
      published: false,
      state: 'draft',
      capacity: 20,
      registered: 0,
      waiting: 0,
      report: { published: false, minutes: null, organisations: [] },
    });
    expect((await admin(agent).post(`/meetings/${source}/copy`, {})).body.data.slug).toBe('atelier-bilan-copie-2');
    expect((await page(null, 'atelier-bilan-copie')).status).toBe(404);
    // A slug is one meeting's (a unique index): the form says so under its field.
    const taken = await admin(agent).post('/meetings', body({ slug: 'atelier-bilan' }));
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.errors[0]).toEqual({ path: ['slug'], message: 'Cette adresse est déjà prise par une autre réunion.' });
    expect((await admin(moderator).post(`/meetings/${source}/copy`, {})).status).toBe(403);
    expect((await admin(agent).post('/meetings/abcdefghijklmnopqrstuvwx/copy', {})).status).toBe(404);
  });
});

describe('a meeting of a participatory budget', () => {
  it('belongs to a budget or to a consultation, not both, and the budget lists it', async () => {
    const budget = await app.strapi
      .plugin('participation')
      .service('budgets')
      .saveProcess(null, {
        name: 'Budget participatif des collèges',
        slug: 'budget-colleges',
        ...budgetCalendar(BUDGET_STAGE.filing),
        settings: BUDGET_SETTINGS,
      });
    const input = body({ slug: 'atelier-depot-projets', title: 'Atelier : déposer un projet', registrationTerms: null, budgetDocumentId: budget.documentId });
    const both = await admin(agent).post('/meetings', { ...input, consultationDocumentId: 'abcdefghijklmnopqrstuvwx' });
    expect(both.status).toBe(400);
    expect(both.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain('budgetDocumentId');
    expect((await admin(agent).post('/meetings', { ...input, budgetDocumentId: 'abcdefghijklmnopqrstuvwx' })).status).toBe(400);
    const created = await admin(agent).post('/meetings', input);
    expect(created.status).toBe(201);
    expect(created.body.data.budgetDocumentId).toBe(budget.documentId);
    const listed = await api().get('/api/participation/meetings').query({ budget: budget.documentId });
    expect(listed.body.data.map((m: { slug: string }) => m.slug)).toEqual(['atelier-depot-projets']);
    expect(listed.body.data[0].budgetDocumentId).toBe(budget.documentId);
  });
});

describe('registration questions', () => {
  it('asks the meeting’s questionnaire to be sent before registering, and keeps its answers in the questionnaire', async () => {
    const questions = {
      title: 'Avant l’atelier mobilité',
      slug: 'avant-atelier-mobilite',
      description: null,
      definition: {
        pages: [
          {
            key: 'venue',
            title: 'Votre venue',
            questions: [
              {
                key: 'besoin',
                label: 'Avez-vous un besoin particulier ?',
                type: 'single_choice',
                required: true,
                options: [
                  { key: 'aucun', label: 'Aucun' },
                  { key: 'lsf', label: 'Interprète LSF' },
                ],
                other: true,
              },
            ],
          },
        ],
      },
      audience: 'signed_in',
      editable: true,
      published: true,
      opensAt: at(-hour),
      closesAt: at(96 * hour),
    };
    const questionnaire = await admin(agent).post('/questionnaires', questions);
    expect(questionnaire.status).toBe(201);
    const questionsId = questionnaire.body.data.documentId;
    const anonymousOne = await admin(agent).post('/questionnaires', { ...questions, slug: 'anonyme', audience: 'anonymous' });
    const input = body({
      slug: 'atelier-questions',
      title: 'Atelier avec questions',
      registrationTerms: null,
      registrationQuestionnaireDocumentId: questionsId,
    });
    const refused = await admin(agent).post('/meetings', { ...input, registrationQuestionnaireDocumentId: anonymousOne.body.data.documentId });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['registrationQuestionnaireDocumentId']);
    const created = await admin(agent).post('/meetings', input);
    expect(created.status).toBe(201);
    expect(created.body.data.registrationQuestionnaireDocumentId).toBe(questionsId);
    expect((await page(null, 'atelier-questions')).body.data.registrationQuestionnaire).toEqual({
      slug: 'avant-atelier-mobilite',
      title: 'Avant l’atelier mobilité',
    });

    const person = await registerCitizen(app, 'questionnee');
    const early = await register(person, {}, 'atelier-questions');
    expect(early.status).toBe(409);
    expect(early.body.error.details.code).toBe('registration_questions_unanswered');
    expect((await page(null, 'atelier-questions')).body.data.registration.placesLeft).toBe(10);
    const answered = await api()
      .post('/api/participation/questionnaires/avant-atelier-mobilite/responses')
      .set(...person.auth)
      .send({ answers: { besoin: { choice: 'lsf', other: null } } });
    expect(answered.status).toBe(201);
    expect((await register(person, {}, 'atelier-questions')).status).toBe(201);
    const results = await admin(agent).get(`/questionnaires/${questionsId}/results`);
    expect(results.status).toBe(200);
    expect(results.body.data.respondents.total).toBe(1);
  });
});

describe('personal data', () => {
  it('exports a person’s registrations, and their erasure gives their place to the first person waiting', async () => {
    const created = await admin(agent).post(
      '/meetings',
      body({ slug: 'atelier-velo', title: 'Atelier vélo', capacity: 1, reservedPlaces: 0, registrationTerms: null })
    );
    expect(created.status).toBe(201);
    const [holder, waiting] = [await registerCitizen(app, 'titulaire'), await registerCitizen(app, 'suivant')];
    expect((await register(holder, {}, 'atelier-velo')).body.data.status).toBe('registered');
    expect((await register(waiting, {}, 'atelier-velo')).body.data).toMatchObject({ status: 'waitlisted', position: 1 });
    const exported = await api()
      .get('/api/participation/me/export')
      .set(...holder.auth);
    expect(exported.status).toBe(200);
    expect(exported.body.data.meetingRegistrations).toEqual([expect.objectContaining({ meeting: 'Atelier vélo', slug: 'atelier-velo', status: 'registered' })]);
    const erased = await api()
      .delete('/api/participation/me')
      .set(...holder.auth)
      .send({ password: 'MotDePasse2026!' });
    expect(erased.status).toBe(200);
    expect((await mine(waiting, 'atelier-velo')).status).toBe('registered');
    expect((await page(null, 'atelier-velo')).body.data.registration).toMatchObject({ placesLeft: 0, waiting: 0 });
  });
});
