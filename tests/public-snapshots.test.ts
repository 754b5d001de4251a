import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation, UID } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * Public reads come from a snapshot of the published version stored on the consultation's lifecycle row, and
 * long lists can be walked by cursor. What a front end sees must follow what staff publish, and a cursor walk
 * must give the same items as page numbers.
 */
let app: TestApp;
let agent: string;
let citizens: TestCitizen[];
let slug: string;
let documentId: string;
const api = '/api/participation';

const waitFor = async (check: () => Promise<boolean>, ms = 3000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

beforeAll(async () => {
  app = await startApp({ PARTICIPATION_RATE_LIMIT_USER: '1000/60', PARTICIPATION_RATE_LIMIT_IP: '10000/60' });
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  citizens = await Promise.all(['ines', 'jules', 'karim', 'lea'].map((n) => registerCitizen(app, n)));
  const theme = await app.strapi.documents('plugin::participation.theme').create({ data: { name: 'Eau', slug: 'eau', color: '#0072bc' } });
  const c = await openConsultation(app, agent, { title: 'Qualité de l’eau', moderationMode: 'a_posteriori', themes: [theme.documentId] });
  documentId = c.documentId;
  slug = (await app.request().get(`${api}/consultations`)).body.data.find((x: any) => x.documentId === documentId).slug;
  // Seven published contributions, created one after the other; a few supports so that the two sorts differ.
  for (let i = 0; i < 7; i++) {
    const res = await app
      .request()
      .post(`${api}/consultations/${slug}/contributions`)
      .set(...citizens[i % 4].auth)
      .send({ title: `Idée numéro ${i}`, body: `Le texte de l’idée numéro ${i}, assez long.` });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('walking a list by cursor', () => {
  const page = (query: Record<string, unknown>) =>
    app
      .request()
      .get(`${api}/consultations/${slug}/contributions`)
      .query({ pageSize: 3, ...query });

  it.each(['-createdAt', '-supportsCount'])('gives, sorted by %s, the same pages as page numbers, then a null cursor', async (sort) => {
    const list = (await (await app.request().get(`${api}/consultations/${slug}/contributions`)).body.data) as any[];
    const supported = list[5].documentId;
    for (const who of citizens.slice(0, 3)) {
      await app
        .request()
        .post(`${api}/contributions/${supported}/supports`)
        .set(...who.auth);
    }
    const byNumber: string[][] = [];
    for (const n of [1, 2, 3]) byNumber.push((await page({ sort, page: n })).body.data.map((x: any) => x.documentId));

    const walked: string[][] = [];
    let res = await page({ sort });
    walked.push(res.body.data.map((x: any) => x.documentId));
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 3, pageCount: 3, total: 7 });
    while (res.body.meta.nextCursor) {
      res = await page({ sort, cursor: res.body.meta.nextCursor });
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination).toMatchObject({ page: walked.length + 1, total: 7 });
      walked.push(res.body.data.map((x: any) => x.documentId));
    }
    expect(walked).toEqual(byNumber);
    expect(walked.flat()).toHaveLength(7);
    expect(new Set(walked.flat()).size).toBe(7);
  });

  it('refuses a cursor it did not make, and a cursor with the random order (400, field cursor)', async () => {
    const b64 = (json: string) => Buffer.from(json).toString('base64url');
    const forged = ['{"p":2,"v":"garbage","id":1}', '{"id":99999999999}', '{"v":"abc"}', '{"s":"-createdAt","p":2,"v":"2026-01-01T00:00:00.000Z","id":1}'];
    const queries: Record<string, string | number>[] = [
      { cursor: 'pas-un-curseur' },
      { cursor: b64('{"p":2,"v":"x","id":-1}') },
      { sort: 'random', seed: 3, cursor: 'abc' },
      ...forged.flatMap((json) => [
        { cursor: b64(json) },
        { cursor: `${b64(json)}.AAAAAAAAAAAAAAAAAAAAAA` },
        { sort: '-supportsCount', cursor: `${b64(json)}.AAAAAAAAAAAAAAAAAAAAAA` },
      ]),
    ];
    // A real cursor, then the same with its payload changed, or used with the other sort.
    const real = (await page({ sort: '-createdAt', pageSize: 2 })).body.meta.nextCursor as string;
    const [payload, signature] = real.split('.');
    const tampered = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    queries.push({ sort: '-createdAt', cursor: `${b64(JSON.stringify({ ...tampered, id: tampered.id + 1 }))}.${signature}` });
    queries.push({ sort: '-supportsCount', cursor: real });
    queries.push({ sort: '-createdAt', cursor: `${real}.x` });
    for (const query of queries) {
      const res = await page(query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.details.code).toBe('validation_failed');
      expect(res.body.error.details.errors[0].path).toContain('cursor');
    }
    expect((await page({ sort: '-createdAt', pageSize: 2, cursor: real })).status).toBe(200);
  });
});

describe('the public snapshot follows what staff publish', () => {
  const detail = async () => (await app.request().get(`${api}/consultations/${slug}`)).body.data;
  const card = async () => (await app.request().get(`${api}/consultations`)).body.data.find((x: any) => x.documentId === documentId);

  it('keeps showing the published text while staff edit the draft, and the new one once published', async () => {
    await app.strapi.documents(UID).update({ documentId, data: { title: 'Qualité de l’eau potable', body: 'Nouveau texte en préparation.' } } as any);
    expect((await detail()).title).toBe('Qualité de l’eau');
    expect((await card()).title).toBe('Qualité de l’eau');
    expect((await app.request().get(`${api}/consultations`).query({ q: 'potable' })).body.data).toEqual([]);

    await app.strapi.documents(UID).publish({ documentId } as any);
    expect(await detail()).toMatchObject({ title: 'Qualité de l’eau potable', body: 'Nouveau texte en préparation.', slug });
    expect((await card()).title).toBe('Qualité de l’eau potable');
    expect((await app.request().get(`${api}/consultations`).query({ q: 'potable' })).body.data.map((x: any) => x.documentId)).toEqual([documentId]);
    // The contributions' context (title shown with a contribution) follows too.
    const one = (await app.request().get(`${api}/consultations/${slug}/contributions`)).body.data[0].documentId;
    expect((await app.request().get(`${api}/contributions/${one}`)).body.data.consultation.title).toBe('Qualité de l’eau potable');
  });

  it('shows a theme renamed by staff', async () => {
    const theme = await app.strapi.documents('plugin::participation.theme').findFirst({ filters: { slug: 'eau' } } as any);
    await app.strapi.documents('plugin::participation.theme').update({ documentId: theme!.documentId, data: { name: 'Eau et rivières' } } as any);
    expect(await waitFor(async () => (await card()).themes[0]?.name === 'Eau et rivières')).toBe(true);
    expect((await detail()).themes).toEqual([{ slug: 'eau', name: 'Eau et rivières', color: '#0072bc' }]);
  });
});
