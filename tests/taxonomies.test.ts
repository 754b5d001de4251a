import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const territories = (query: Record<string, string | number>) => app.request().get('/api/participation/territories').query(query);

describe('the participation plugin', () => {
  it('is loaded, with its routes mounted', async () => {
    expect(app.strapi.plugin('participation')).toBeDefined();
    const res = await app.request().get('/api/participation/themes');
    expect(res.status).toBe(200);
  });
});

describe('GET /api/participation/territories', () => {
  it('lists the 207 communes of Loire-Atlantique, the département and its EPCIs', async () => {
    const communes = await territories({ kind: 'commune' });
    expect(communes.status).toBe(200);
    expect(communes.body.meta.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 11, total: 207 });
    expect(communes.body.data).toHaveLength(20);

    const departement = await territories({ kind: 'departement' });
    expect(departement.body.data).toEqual([expect.objectContaining({ kind: 'departement', name: 'Loire-Atlantique', inseeCode: '44', parentCode: null })]);
    expect(departement.body.data[0].population).toBeGreaterThan(1_400_000);

    const epcis = await territories({ kind: 'epci', pageSize: 100 });
    const names = epcis.body.data.map((t: { name: string }) => t.name);
    expect(names).toContain('Nantes Métropole');
    expect(epcis.body.data.every((t: { parentCode: string }) => t.parentCode === '44')).toBe(true);
  });

  it('finds a commune whatever the accents and case, with its postal codes and EPCI', async () => {
    for (const q of ['reze', 'REZÉ', 'Rezé']) {
      const res = await territories({ q, kind: 'commune' });
      expect(res.status).toBe(200);
      expect(res.body.data.map((t: { name: string }) => t.name)).toEqual(['Rezé']);
    }
    const [reze] = (await territories({ q: 'reze' })).body.data;
    expect(reze).toEqual({
      documentId: expect.any(String),
      kind: 'commune',
      name: 'Rezé',
      inseeCode: '44143',
      postalCodes: ['44400'],
      population: expect.any(Number),
      parentCode: expect.stringMatching(/^\d{9}$/),
    });
    const byPostalCode = await territories({ q: '44400' });
    expect(byPostalCode.body.data.map((t: { name: string }) => t.name)).toContain('Rezé');
    const multiWord = await territories({ q: 'saint nazaire' });
    expect(multiWord.body.data.map((t: { name: string }) => t.name)).toContain('Saint-Nazaire');
  });

  it('takes search text literally', async () => {
    for (const q of ['%', '_', '\\', "' OR 1=1 --"]) {
      const res = await territories({ q });
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination.total).toBe(0);
    }
  });

  it('pages through results up to 100 a page', async () => {
    const page = await territories({ kind: 'commune', pageSize: 100, page: 3 });
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(7);
    expect(page.body.meta.pagination).toEqual({ page: 3, pageSize: 100, pageCount: 3, total: 207 });
    const beyond = await territories({ kind: 'commune', page: 50 });
    expect(beyond.body.data).toEqual([]);
  });

  it.each([
    [{ pageSize: 101 }, ['pageSize']],
    [{ pageSize: 0 }, ['pageSize']],
    [{ page: 'abc' }, ['page']],
    [{ page: '-1' }, ['page']],
    [{ kind: 'region' }, ['kind']],
    [{ sort: 'name' }, []],
    [{ 'filters[name][$eq]': 'Rezé' }, []],
    [{ q: 'x'.repeat(101) }, ['q']],
  ])('answers 400 in Strapi’s error envelope to %j', async (query, path) => {
    const res = await territories(query as Record<string, string | number>);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', details: { code: 'validation_failed' } });
    expect(typeof res.body.error.message).toBe('string');
    if (path.length > 0) expect(res.body.error.details.errors).toContainEqual(expect.objectContaining({ path }));
    for (const e of res.body.error.details.errors) expect(e.message).toEqual(expect.any(String));
  });

  it('answers 400 to repeated or nested parameters', async () => {
    const repeated = await app.request().get('/api/participation/territories?q=a&q=b');
    expect(repeated.status).toBe(400);
    const nested = await app.request().get('/api/participation/territories?q[$ne]=x');
    expect(nested.status).toBe(400);
  });
});

describe('the territory loader', () => {
  it('is idempotent and updates rows in place when the official data changes', async () => {
    const knex = app.strapi.db.connection;
    const table = 'participation_territories';
    const before = await knex(table).count({ n: '*' });
    await knex(table).where({ insee_code: '44143' }).update({ name: 'Ancien nom', search_key: 'ancien nom' });

    await app.strapi.plugin('participation').service('territory-loader').load('44');

    const after = await knex(table).count({ n: '*' });
    expect(Number(after[0].n)).toBe(Number(before[0].n));
    const res = await territories({ q: 'reze' });
    expect(res.body.data.map((t: { name: string }) => t.name)).toEqual(['Rezé']);
    expect((await territories({ q: 'ancien nom' })).body.meta.pagination.total).toBe(0);
  });

  it('keeps INSEE codes unique in the database itself', async () => {
    const knex = app.strapi.db.connection;
    const row = await knex('participation_territories').where({ insee_code: '44109' }).first();
    const { id: _id, ...copy } = row;
    // SQLite and PostgreSQL both refuse the row with their unique-violation code.
    await expect(knex('participation_territories').insert({ ...copy, document_id: 'duplicate' })).rejects.toMatchObject({
      code: expect.stringMatching(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/),
    });
  });
});

describe('GET /api/participation/themes', () => {
  it('lists the themes by name with pagination', async () => {
    const themes = app.strapi.documents('plugin::participation.theme');
    await themes.create({ data: { name: 'Mobilités', slug: 'mobilites', color: '#0072bc', description: 'Vélo, bus, covoiturage' } });
    await themes.create({ data: { name: 'Collèges', slug: 'colleges' } });
    const res = await app.request().get('/api/participation/themes');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        { documentId: expect.any(String), name: 'Collèges', slug: 'colleges', description: null, color: null },
        { documentId: expect.any(String), name: 'Mobilités', slug: 'mobilites', description: 'Vélo, bus, covoiturage', color: '#0072bc' },
      ],
      meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 2 } },
    });
    expect((await app.request().get('/api/participation/themes?pageSize=500')).status).toBe(400);
    expect((await app.request().get('/api/participation/themes?unknown=1')).status).toBe(400);
  });
});
