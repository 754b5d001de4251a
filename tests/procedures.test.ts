import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { verifyRegister } from '../plugins/participation/server/src/procedures/domain/register';
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { createConsultation, minutes, NOTICE } from './helpers/consultations';
import { ROOT } from './helpers/database';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
let token: string;
const api = '/api/participation';
const cm = '/content-manager/collection-types/plugin::participation.consultation';
const DAY = 24 * 60;

beforeAll(async () => {
  app = await startApp();
  token = await adminToken(app);
});
afterAll(async () => {
  await app?.stop();
});

const transition = (documentId: string, body: Record<string, unknown>) =>
  app.request().post(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${token}`).send(body);

/** An inquiry whose notice went out three weeks ago, opening in a minute for `days` days. */
const inquiry = (days: number, more: Record<string, unknown> = {}) => ({
  title: `Enquête publique ${Math.random().toString(36).slice(2, 8)}`,
  summary: 'Aménagement de la RD 723 entre Ancenis et Varades',
  procedure: 'enquete_publique',
  procedureNoticeAt: minutes(-21 * DAY).toISOString(),
  overseerName: 'M. Commissaire',
  ...NOTICE,
  opensAt: minutes(1).toISOString(),
  closesAt: minutes(days * DAY + 60).toISOString(),
  ...more,
});

describe('a procedure refuses the schedules the law forbids', () => {
  it('in the Content Manager: an inquiry of 20 days is refused with the article it breaks, and nothing is written', async () => {
    const refused = await app.request().post(cm).set('Authorization', `Bearer ${token}`).send(inquiry(20));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors).toContainEqual(
      expect.objectContaining({ path: ['closesAt'], message: expect.stringMatching(/30 jours.*L123-9/) })
    );
    const list = await app.request().get(cm).set('Authorization', `Bearer ${token}`).query({ _q: 'RD 723' });
    expect(list.body.results ?? []).toHaveLength(0);
  });

  it('15 days are enough for an inquiry without environmental assessment', async () => {
    const created = await app
      .request()
      .post(cm)
      .set('Authorization', `Bearer ${token}`)
      .send(inquiry(16, { environmentalAssessment: false }));
    expect(created.status).toBe(201);
  });

  it('an opening less than 15 days after the notice is refused', async () => {
    const refused = await app
      .request()
      .post(cm)
      .set('Authorization', `Bearer ${token}`)
      .send(inquiry(31, { procedureNoticeAt: minutes(-10 * DAY).toISOString() }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors).toContainEqual(expect.objectContaining({ path: ['opensAt'], message: expect.stringContaining('R123-11') }));
  });

  it('a concertation of more than three months is refused', async () => {
    await expect(createConsultation(app, { ...inquiry(0), procedure: 'concertation_prealable', closesAt: minutes(100 * DAY) })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['closesAt'], message: expect.stringContaining('L121-16') })] },
    });
  });

  it('a concertation does not open before its garant is appointed, then opens', async () => {
    const c = await createConsultation(app, { ...inquiry(20), procedure: 'concertation_prealable', overseerName: null });
    expect((await transition(c.documentId, { to: 'scheduled' })).status).toBe(200);
    const refused = await transition(c.documentId, { to: 'open' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ details: { code: 'procedure_not_ready' }, message: expect.stringContaining('garant') });
    // The scheduler waits too.
    await app.strapi.plugin('participation').service('lifecycle').runDue(minutes(5));
    expect((await app.request().get(`${api}/consultations/${c.slug}`)).body.data.status).toBe('scheduled');
    await app.strapi
      .documents('plugin::participation.consultation')
      .update({ documentId: c.documentId, data: { overseerName: 'Mme Garante (CNDP)' }, status: 'published' } as any);
    expect((await transition(c.documentId, { to: 'open' })).status).toBe(200);
    const detail = (await app.request().get(`${api}/consultations/${c.slug}`)).body.data;
    expect(detail.procedure).toMatchObject({
      kind: 'concertation_prealable',
      overseer: { role: 'garant', name: 'Mme Garante (CNDP)' },
      calendar: expect.arrayContaining([expect.objectContaining({ key: 'report', article: 'L121-16-1' })]),
    });
  });

  it('a notice dated as published without the mentions its procedure requires is refused field by field, and nothing is written', async () => {
    const title = `Avis incomplet ${Math.random().toString(36).slice(2, 8)}`;
    const refused = await app
      .request()
      .post(cm)
      .set('Authorization', `Bearer ${token}`)
      .send(inquiry(31, { title, noticeDossierPlaces: '  ', noticeObservationAddresses: null }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^Enquête publique dématérialisée : Un avis au public publié mentionne les lieux, jours et heures/);
    const fields = refused.body.error.details.errors.map((e: { path: string[]; message: string }) => [e.path[0], e.message.includes('art. R123-9')]);
    expect(fields).toEqual([
      ['noticeDossierPlaces', true],
      ['noticeObservationAddresses', true],
    ]);
    const list = await app.request().get(cm).set('Authorization', `Bearer ${token}`).query({ _q: title });
    expect(list.body.results ?? []).toHaveLength(0);
  });

  it('an undated notice may be drafted incomplete, but the procedure does not open before it is complete; the public reads it, with the dossier in brief', async () => {
    const c = await createConsultation(app, {
      ...inquiry(31),
      // Without its notice, it may open no sooner than fifteen days after its publication.
      opensAt: minutes(20 * DAY).toISOString(),
      closesAt: minutes(52 * DAY).toISOString(),
      procedureNoticeAt: null,
      noticeDecision: null,
      dossierSummary: 'Six kilomètres de route réaménagés : une voie de dépassement, un giratoire, un passage à faune.',
    });
    // Scheduled, it waits: neither an agent nor the scheduler opens it.
    expect((await transition(c.documentId, { to: 'scheduled' })).status).toBe(200);
    const refused = await transition(c.documentId, { to: 'open' });
    expect(refused.body.error).toMatchObject({
      details: { code: 'procedure_not_ready' },
      message: expect.stringContaining('la décision qui peut être adoptée'),
    });
    expect(refused.body.error.message).toContain('art. R123-9');
    // Completed but not dated: the notice's publication is awaited next.
    await app.strapi
      .documents('plugin::participation.consultation')
      .update({ documentId: c.documentId, data: { noticeDecision: NOTICE.noticeDecision }, status: 'published' } as any);
    expect((await transition(c.documentId, { to: 'open' })).body.error.message).toContain('publication de l’avis');
    await app.strapi.documents('plugin::participation.consultation').update({
      documentId: c.documentId,
      data: { procedureNoticeAt: minutes(-21 * DAY).toISOString(), opensAt: minutes(1).toISOString(), closesAt: minutes(32 * DAY).toISOString() },
      status: 'published',
    } as any);
    expect((await transition(c.documentId, { to: 'open' })).status).toBe(200);
    const page = (await app.request().get(`${api}/consultations/${c.slug}/procedure`)).body.data;
    expect(page.procedure.notice).toEqual({
      article: 'R123-9',
      mentions: [
        { key: 'projectOwner', label: expect.stringContaining('responsable du projet'), text: NOTICE.noticeProjectOwner },
        { key: 'decision', label: expect.stringContaining('décision'), text: NOTICE.noticeDecision },
        { key: 'dossierPlaces', label: expect.stringContaining('dossier'), text: NOTICE.noticeDossierPlaces },
        { key: 'observationAddresses', label: expect.stringContaining('observations'), text: NOTICE.noticeObservationAddresses },
      ],
    });
    expect(page.procedure.dossierSummary).toMatch(/^Six kilomètres/);
    expect((await app.request().get(`${api}/consultations/${c.slug}`)).body.data.procedure.notice.mentions).toHaveLength(4);
  });

  it('an inquiry is extended by 15 days at most past its announced closing', async () => {
    const c = await createConsultation(app, inquiry(31));
    expect((await transition(c.documentId, { to: 'scheduled' })).status).toBe(200);
    expect((await transition(c.documentId, { to: 'open' })).status).toBe(200);
    const announced = new Date(c.closesAt as string);
    // Closing the day it opened would cut the 30 days the public is owed.
    const early = await transition(c.documentId, { to: 'closed' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ details: { code: 'schedule_not_lawful' }, message: expect.stringContaining('30 jours') });
    const tooLong = await transition(c.documentId, { to: 'open', closesAt: new Date(announced.getTime() + 17 * DAY * 60_000), reason: 'Affluence' });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.error).toMatchObject({ details: { code: 'schedule_not_lawful' }, message: expect.stringContaining('L123-9') });
    expect((await transition(c.documentId, { to: 'open', closesAt: new Date(announced.getTime() + 14 * DAY * 60_000), reason: 'Affluence' })).status).toBe(200);
  });
});

describe('the register', () => {
  let slug: string;
  let documentId: string;
  let citizens: TestCitizen[];

  beforeAll(async () => {
    const c = await createConsultation(app, { ...inquiry(31), moderationMode: 'a_priori' });
    slug = c.slug as string;
    documentId = c.documentId;
    expect((await transition(documentId, { to: 'scheduled' })).status).toBe(200);
    expect((await transition(documentId, { to: 'open' })).status).toBe(200);
    citizens = await Promise.all(Array.from({ length: 12 }, (_, i) => registerCitizen(app, `registre${i}`)));
  });

  it('numbers every observation without gap whatever its channel, even when they arrive at once', async () => {
    const online = citizens.map((citizen, i) =>
      app
        .request()
        .post(`${api}/consultations/${slug}/contributions`)
        .set(...citizen.auth)
        .send({ title: `Observation ${i}`, body: `Le tracé ${i} traverse la zone humide.` })
    );
    const letter = app
      .request()
      .post(`/participation/consultations/${documentId}/contributions`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Courriel du maire de Varades', body: 'La commune demande un passage à faune.', channel: 'email', territory: '44002' });
    const answers = await Promise.all([...online, letter]);
    expect(answers.map((a) => a.status)).toEqual(Array(13).fill(201));

    const page = await app.request().get(`${api}/consultations/${slug}/register`).query({ pageSize: 100 });
    expect(page.status).toBe(200);
    expect(page.body.data.map((e: { number: number }) => e.number)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(page.body.meta.register).toMatchObject({ consultationDocumentId: documentId, count: 13 });
    // An inquiry register publishes observations at once (its template moderates after publication).
    expect(page.body.data.every((e: { visibility: string; body: string | null }) => e.visibility === 'published' && e.body)).toBe(true);
    expect(page.body.data.map((e: { channel: string }) => e.channel).sort()).toEqual([...Array(12).fill('web'), 'email'].sort());
    expect(JSON.stringify(page.body)).not.toMatch(/@exemple\.test|authorId|userId|enteredById/);

    const head = await app.request().get(`${api}/consultations/${slug}/register/head`);
    expect(head.body.data).toEqual({ consultationDocumentId: documentId, count: 13, head: page.body.data[12].entryHash });
  });

  it('exports a register anyone can verify, and a tampered one fails', async () => {
    const exported = await app.request().get(`${api}/consultations/${slug}/register/export`);
    expect(exported.status).toBe(200);
    const register = exported.body.data;
    const head = (await app.request().get(`${api}/consultations/${slug}/register/head`)).body.data.head;
    expect(await verifyRegister(register.consultationDocumentId, register.entries, head)).toMatchObject({ ok: true, count: 13, head });

    const tampered = register.entries.map((e: { number: number; body: string }) => (e.number === 5 ? { ...e, body: `${e.body} (modifié)` } : e));
    expect(await verifyRegister(register.consultationDocumentId, tampered, head)).toMatchObject({ ok: false, number: 5 });
    expect(await verifyRegister(register.consultationDocumentId, register.entries.slice(0, 12), head)).toMatchObject({ ok: false });

    // The command anyone can run on a downloaded register.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registre-'));
    const verify = (entries: unknown[]) => {
      const file = path.join(dir, 'registre.json');
      fs.writeFileSync(file, JSON.stringify({ data: { ...register, entries } }));
      return spawnSync(process.execPath, [path.join(ROOT, 'scripts/register-verify.js'), file, '--head', head], { encoding: 'utf8' });
    };
    const intact = verify(register.entries);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('Registre intact : 13 observation(s)');
    const altered = verify(tampered);
    expect(altered.status).toBe(1);
    expect(altered.stdout).toContain('observation n° 5');

    const csv = await app.request().get(`${api}/consultations/${slug}/register/export`).query({ format: 'csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    // For the paper register's annex: a PDF of every observation.
    const pdf = await app.request().get(`${api}/consultations/${slug}/register/export`).query({ format: 'pdf' }).responseType('blob');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`${slug}-registre.pdf`);
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);

    // Open data: described by the consultation's Data Package, field by field, without any author's name.
    const pkg = await app.request().get(`${api}/consultations/${slug}/datapackage.json`);
    const resource = pkg.body.resources.find((r: { name: string }) => r.name === 'registre');
    expect(resource.path).toMatch(new RegExp(`/consultations/${slug}/register/export\\?format=csv$`));
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(resource.schema.fields.map((f: { name: string }) => f.name).join(','));
    expect(register.entries.every((e: { authorName: string | null }) => e.authorName === null)).toBe(true);
    expect(csv.text).not.toMatch(/registre\d+/);
  });

  it('keeps the scan of a letter with its number: for staff, public only when the agent says so; recognised by its bytes, within limits', async () => {
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const publicEntry = async (number: number) =>
      (await app.request().get(`${api}/consultations/${slug}/register`).query({ pageSize: 100 })).body.data.find(
        (e: { number: number }) => e.number === number
      );
    const all = (await app.request().get(`${api}/consultations/${slug}/register`).query({ pageSize: 100 })).body.data;
    const letter = all.find((e: { channel: string }) => e.channel === 'email').number as number;
    const online = all.find((e: { channel: string }) => e.channel === 'web').number as number;
    const upload = (number: number) =>
      app.request().post(`/participation/procedures/${documentId}/observations/${number}/scans`).set('Authorization', `Bearer ${token}`);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const kept = await upload(letter).attach('file', pdf, { filename: 'courrier du maire.pdf', contentType: 'application/pdf' });
    expect(kept.status).toBe(201);
    const staffRow = kept.body.data.find((o: { number: number }) => o.number === letter);
    expect(staffRow.scans).toEqual([
      {
        name: `observation-${letter}-1.pdf`,
        mime: 'application/pdf',
        bytes: pdf.length,
        sha256: sha(pdf),
        url: expect.stringMatching(/^http/),
        publishable: false,
      },
    ]);
    // Kept for staff: the public sees the observation, not the scan.
    expect((await publicEntry(letter)).attachments).toEqual([]);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    // Declared as a PDF, recognised as the PNG it is.
    expect((await upload(letter).field('publishable', 'true').attach('file', png, { filename: 'page.pdf', contentType: 'application/pdf' })).status).toBe(201);
    const shown = (await publicEntry(letter)).attachments;
    expect(shown).toEqual([
      { name: `observation-${letter}-2.png`, mime: 'image/png', bytes: png.length, sha256: sha(png), url: expect.stringMatching(/^http/) },
    ]);
    const served = await app
      .request()
      .get(new URL(shown[0].url).pathname)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(sha(served.body as Buffer)).toBe(sha(png));
    // The verifiable export lists it too, beside the chain it does not change.
    const exported = (await app.request().get(`${api}/consultations/${slug}/register/export`)).body.data;
    expect(exported.entries.find((e: { number: number }) => e.number === letter).attachments).toHaveLength(1);
    expect((await verifyRegister(exported.consultationDocumentId, exported.entries, exported.head)).ok).toBe(true);

    const refusals = [
      [
        await upload(letter).attach('file', Buffer.from('pas un PDF du tout'), { filename: 'faux.pdf', contentType: 'application/pdf' }),
        415,
        'unsupported_media_type',
      ],
      [await upload(letter).attach('file', Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]), { filename: 'lourd.pdf' }), 413, 'payload_too_large'],
      [await upload(online).attach('file', pdf, { filename: 'web.pdf' }), 400, 'validation_failed'],
      [await upload(letter).field('publishable', 'oui').attach('file', pdf, { filename: 'a.pdf' }), 400, 'validation_failed'],
      [await upload(letter).field('publishable', 'true'), 400, 'validation_failed'],
      [await upload(9999).attach('file', pdf, { filename: 'a.pdf' }), 404, 'not_found'],
    ] as const;
    for (const [res, status, code] of refusals) {
      expect([res.status, res.body.error?.details?.code]).toEqual([status, code]);
      expect(res.body.error.message).toMatch(/[éèàùô]|Paramètres|Joignez|numéro|Aucune/);
    }
    const after = (await app.request().get(`/participation/procedures/${documentId}/observations`).set('Authorization', `Bearer ${token}`)).body.data;
    expect(after.find((o: { number: number }) => o.number === letter).scans).toHaveLength(2);
  });

  it('removes the stored file again when the scan’s record cannot be written: no orphan in the media library', async () => {
    const all = (await app.request().get(`${api}/consultations/${slug}/register`).query({ pageSize: 100 })).body.data;
    const letter = all.find((e: { channel: string }) => e.channel === 'email').number as number;
    const files = () => app.strapi.db.query('plugin::upload.file').count();
    const before = await files();
    // The database refuses the scan's row (a trigger, as a full disk or a lost connection would): the upload went through first.
    const knex = app.strapi.db.connection;
    const table = app.strapi.db.metadata.get('plugin::participation.observation-scan').tableName;
    const postgres = app.strapi.db.dialect.client === 'postgres';
    if (postgres) {
      await knex.raw(
        `CREATE OR REPLACE FUNCTION test_refuse_scan() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refusé pour le test'; END $$ LANGUAGE plpgsql`
      );
      await knex.raw('CREATE TRIGGER test_refuse_scan BEFORE INSERT ON ?? FOR EACH ROW EXECUTE FUNCTION test_refuse_scan()', [table]);
    } else await knex.raw(`CREATE TRIGGER test_refuse_scan BEFORE INSERT ON ?? BEGIN SELECT RAISE(ABORT, 'refusé pour le test'); END`, [table]);
    try {
      const failed = await app
        .request()
        .post(`/participation/procedures/${documentId}/observations/${letter}/scans`)
        .set('Authorization', `Bearer ${token}`)
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'courrier.pdf' });
      expect(failed.status).toBeGreaterThanOrEqual(500);
    } finally {
      await knex.raw(postgres ? 'DROP TRIGGER test_refuse_scan ON ??' : 'DROP TRIGGER test_refuse_scan', postgres ? [table] : []);
    }
    expect(await files()).toBe(before);
  });

  it('writes each day’s annex once whatever the runs: the register as inscribed by midnight, in PDF, served byte for byte as listed', async () => {
    const annexes = app.strapi.plugin('participation').service('register-annexes');
    // Three days ago the register was not open yet: nothing to annex.
    await annexes.writeDaily(new Date(Date.now() - 3 * DAY * 60_000));
    expect((await app.request().get(`${api}/consultations/${slug}/register/annexes`)).body.data).toEqual([]);

    const tomorrow = new Date(Date.now() + DAY * 60_000);
    const runs = await Promise.all([annexes.writeDaily(tomorrow), annexes.writeDaily(tomorrow)]);
    expect(runs.every((r: { failed: number }) => r.failed === 0)).toBe(true);
    const listed = await app.request().get(`${api}/consultations/${slug}/register/annexes`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    const [annex] = listed.body.data;
    const head = (await app.request().get(`${api}/consultations/${slug}/register/head`)).body.data;
    expect(annex).toMatchObject({
      day: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()),
      count: head.count,
      head: head.head,
    });
    const file = await app
      .request()
      .get(new URL(annex.url).pathname)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    const bytes = file.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(annex.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(annex.sha256);
    // Run again the same day: the annex stays the one already written.
    await annexes.writeDaily(tomorrow);
    expect((await app.request().get(`${api}/consultations/${slug}/register/annexes`)).body.data).toEqual([annex]);
  });

  it('finds observations by their text, and has no register for a free consultation', async () => {
    const found = await app.request().get(`${api}/consultations/${slug}/register`).query({ q: 'passage à faune' });
    expect(found.body.data.map((e: { title: string }) => e.title)).toEqual(['Courriel du maire de Varades']);
    const free = await createConsultation(app, { opensAt: minutes(1), closesAt: minutes(DAY) });
    await transition(free.documentId, { to: 'scheduled' });
    await transition(free.documentId, { to: 'open' });
    expect((await app.request().get(`${api}/consultations/${free.slug}/register`)).status).toBe(404);
  });
});

describe('the garant', () => {
  let garant: string;
  let moderator: string;
  let c: { documentId: string; slug: string };
  const staff = (bearer: string) => ({
    get: (url: string) => app.request().get(`/participation${url}`).set('Authorization', `Bearer ${bearer}`),
    post: (url: string, body: Record<string, unknown>) => app.request().post(`/participation${url}`).set('Authorization', `Bearer ${bearer}`).send(body),
  });
  const report = {
    kind: 'report',
    title: 'Bilan de la garante',
    body: 'La concertation a réuni 3 observations ; la question du passage à faune domine.',
    date: new Date().toISOString().slice(0, 10),
  };

  beforeAll(async () => {
    garant = await adminToken(app, 'Garant·e / commissaire enquêteur', 'Garante', 'garante@cndp.test');
    moderator = await adminToken(app, 'Modérateur', 'Modo');
    // Opened sixteen days ago (its notice forty days ago): it may close now, past its fifteen days.
    const made = await createConsultation(app, {
      ...inquiry(20),
      procedureNoticeAt: minutes(-40 * DAY).toISOString(),
      opensAt: minutes(-16 * DAY).toISOString(),
      closesAt: minutes(10 * DAY).toISOString(),
      title: 'Concertation sur le franchissement est',
      procedure: 'concertation_prealable',
      overseerName: 'Mme Garante (CNDP)',
      overseerEmail: 'Garante@CNDP.test',
      moderationMode: 'a_priori',
    });
    c = { documentId: made.documentId, slug: made.slug as string };
    await transition(c.documentId, { to: 'scheduled' });
    expect((await transition(c.documentId, { to: 'open' })).status).toBe(200);
    // Another procedure, overseen by someone else.
    await createConsultation(app, { ...inquiry(31), title: 'Autre enquête', overseerEmail: 'autre@tribunal.test' });
    const [alice, bob] = await Promise.all([registerCitizen(app, 'garant-alice'), registerCitizen(app, 'garant-bob')]);
    for (const [who, title] of [
      [alice, 'Un passage à faune'],
      [bob, 'Propos injurieux'],
    ] as const) {
      const made = await app
        .request()
        .post(`${api}/consultations/${c.slug}/contributions`)
        .set(...who.auth)
        .send({ title, body: `${title} : texte de l’observation.` });
      expect(made.status).toBe(201);
    }
  });

  it('reads only the procedures it oversees, everything of them, held observations with their reason', async () => {
    const list = await staff(garant).get('/procedures');
    expect(list.status).toBe(200);
    expect(list.body.data.map((p: { documentId: string }) => p.documentId)).toEqual([c.documentId]);
    expect(list.body.data[0]).toMatchObject({ observations: 2, actions: { report: { allowed: false }, response: { allowed: false } } });
    const observations = await staff(garant).get(`/procedures/${c.documentId}/observations`);
    const held = observations.body.data.find((o: { title: string }) => o.title === 'Propos injurieux');
    expect(held).toMatchObject({ number: 2, status: 'pending' });
    const queue = await staff(moderator).get('/moderation/queue?status=pending');
    const id = queue.body.data.find((i: { title: string }) => i.title === 'Propos injurieux').documentId;
    expect(
      (
        await staff(moderator).post('/moderation/decisions', {
          items: [{ type: 'contribution', id }],
          decision: 'reject',
          reason: 'Injures envers un riverain',
        })
      ).status
    ).toBe(200);
    const after = await staff(garant).get(`/procedures/${c.documentId}/observations`);
    expect(after.body.data.find((o: { number: number }) => o.number === 2)).toMatchObject({
      status: 'rejected',
      moderationReason: 'Injures envers un riverain',
    });
    // The public register keeps the number, not the text.
    const register = await app.request().get(`${api}/consultations/${c.slug}/register`);
    expect(register.body.data.find((e: { number: number }) => e.number === 2)).toMatchObject({ visibility: 'withheld', body: null });
  });

  it('cannot moderate, edit, join a scan nor read another procedure', async () => {
    const scan = await app
      .request()
      .post(`/participation/procedures/${c.documentId}/observations/1/scans`)
      .set('Authorization', `Bearer ${garant}`)
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'a.pdf' });
    expect([scan.status, scan.body.error.details.code]).toEqual([403, 'permission_required']);
    expect((await staff(garant).get('/moderation/queue')).status).toBe(403);
    expect((await staff(garant).post('/moderation/decisions', { items: [{ type: 'contribution', id: 'x'.repeat(24) }], decision: 'approve' })).status).toBe(
      403
    );
    expect((await transition(c.documentId, { to: 'closed' })).status).toBe(200);
    const edit = await app.request().put(`${cm}/${c.documentId}`).set('Authorization', `Bearer ${garant}`).send({ summary: 'Modifié par la garante' });
    expect(edit.status).toBe(403);
    const other = (await staff(token).get('/procedures')).body.data.find((p: { title: string }) => p.title === 'Autre enquête');
    expect((await staff(garant).get(`/procedures/${other.documentId}`)).status).toBe(404);
  });

  it('is reminded of its bilan a week before it is due, once, whatever the runs', async () => {
    const reminders = app.strapi.plugin('participation').service('procedure-reminders');
    const sentTo = async (to: string) =>
      (await app.strapi.db.query('plugin::participation.outbox-message').findMany({ where: { event: 'participation.procedure.reminder', target: to } })) as {
        payload: { subject: string; text: string } | string;
      }[];
    await reminders.remind(new Date());
    expect(await sentTo('garante@cndp.test')).toHaveLength(0); // due in a month
    const weekBefore = new Date(Date.now() + 25 * DAY * 60_000);
    await reminders.remind(weekBefore);
    await reminders.remind(new Date(weekBefore.getTime() + 3_600_000));
    const mails = await sentTo('garante@cndp.test');
    expect(mails).toHaveLength(1);
    const payload = typeof mails[0].payload === 'string' ? JSON.parse(mails[0].payload) : mails[0].payload;
    expect(payload.subject).toContain('Bilan du garant');
    expect(payload.text).toMatch(/au plus tard le .* \(article L121-16-1\)/);
  });

  it('publishes its bilan once after the closing; the owner answers after it; the public reads both', async () => {
    const future = await staff(garant).post(`/procedures/${c.documentId}/reports`, { ...report, date: '2999-01-01' });
    expect(future.status).toBe(400);
    const published = await staff(garant).post(`/procedures/${c.documentId}/reports`, report);
    expect(published.status).toBe(201);
    expect(published.body.data.reports).toEqual([expect.objectContaining({ kind: 'report', label: 'Bilan du garant', author: 'Mme Garante (CNDP)' })]);
    expect((await staff(garant).post(`/procedures/${c.documentId}/reports`, report)).body.error.details.code).toBe('already_published');
    const response = {
      kind: 'response',
      title: 'Réponse du Département',
      body: 'Le Département retient le passage à faune et le précise au dossier.',
      date: report.date,
    };
    expect((await staff(garant).post(`/procedures/${c.documentId}/reports`, response)).status).toBe(403);
    expect((await staff(token).post(`/procedures/${c.documentId}/reports`, response)).status).toBe(201);

    const page = await app.request().get(`${api}/consultations/${c.slug}/procedure`);
    expect(page.status).toBe(200);
    expect(page.body.data.reports.map((r: { kind: string }) => r.kind)).toEqual(['report', 'response']);
    expect(page.body.data.register).toMatchObject({ count: 2 });
    expect(page.body.data.procedure.calendar.find((i: { key: string }) => i.key === 'report')).toMatchObject({ bound: 'by', article: 'L121-16-1' });
    expect(JSON.stringify(page.body)).not.toMatch(/cndp\.test|overseerEmail|publishedById/);
    expect(JSON.stringify((await app.request().get(`${api}/consultations/${c.slug}`)).body)).not.toMatch(/cndp\.test|overseerEmail/);
  });
});

describe('the dossier', () => {
  it('keeps what was online and when: a piece replaced is closed, its new version opened, the others untouched', async () => {
    const upload = app.strapi.db.query('plugin::upload.file');
    const file = (name: string) =>
      upload.create({
        data: { name, hash: name.replace(/\W/g, '_'), ext: '.pdf', mime: 'application/pdf', size: 120.5, url: `/uploads/${name}`, provider: 'local' },
      });
    const [notice, first] = await Promise.all([file('avis-enquete.pdf'), file('dossier-v1.pdf')]);
    const c = await createConsultation(app, { ...inquiry(31), title: 'Enquête avec dossier', documents: [notice.id, first.id] });
    expect((await transition(c.documentId, { to: 'scheduled' })).status).toBe(200);
    const before = (await app.request().get(`${api}/consultations/${c.slug}/procedure`)).body.data.dossier;
    expect(before.map((p: { name: string; onlineUntil: string | null }) => [p.name, p.onlineUntil])).toEqual([
      ['avis-enquete.pdf', null],
      ['dossier-v1.pdf', null],
    ]);
    const second = await file('dossier-v2.pdf');
    await app.strapi
      .documents('plugin::participation.consultation')
      .update({ documentId: c.documentId, data: { documents: [notice.id, second.id] }, status: 'published' } as never);
    const after = (await app.request().get(`${api}/consultations/${c.slug}/procedure`)).body.data.dossier;
    expect(after.map((p: { name: string; onlineUntil: string | null }) => [p.name, p.onlineUntil === null])).toEqual([
      ['avis-enquete.pdf', true],
      ['dossier-v1.pdf', false],
      ['dossier-v2.pdf', true],
    ]);
    const replaced = after.find((p: { name: string }) => p.name === 'dossier-v1.pdf');
    const added = after.find((p: { name: string }) => p.name === 'dossier-v2.pdf');
    expect(replaced.onlineUntil).toBe(added.onlineFrom);
    expect(after[0]).toMatchObject({ url: '/uploads/avis-enquete.pdf', mime: 'application/pdf', size: 120.5 });
  });
});
