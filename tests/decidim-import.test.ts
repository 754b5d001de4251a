import fs from 'fs';
import os from 'os';
import path from 'path';
import yazl from 'yazl';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * Importing a Decidim platform's open-data archive (tests/fixtures/decidim: its processes, proposals, comments and
 * results as Decidim's serializers write them — translated columns, HTML bodies, a proposal in English only, a
 * withdrawn one, one answered, a space known only by its proposals' address, comments four levels deep), read back
 * through the public API as a front end would.
 */
const FIXTURE = path.join(__dirname, 'fixtures', 'decidim');
const api = '/api/participation';

let app: TestApp;
let work: string;
beforeAll(async () => {
  app = await startApp();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'decidim-'));
});
afterAll(async () => {
  await app?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

type Report = {
  refused: boolean;
  host: string | null;
  files: { name: string; resource: string; rows: number; imported: boolean; label: string | null }[];
  consultations: Record<'created' | 'updated' | 'unchanged', number>;
  contributions: Record<'created' | 'updated' | 'unchanged', number>;
  comments: Record<'created' | 'updated' | 'unchanged', number>;
  themesCreated: string[];
  unmatchedScopes: string[];
  flattened: number;
  problems: { file: string; line: number | null; column: string | null; message: string }[];
  problemCount: number;
};
const importArchive = (source: string, dryRun = false) => app.strapi.plugin('participation').service('imports').decidim(source, { dryRun }) as Promise<Report>;

/** A copy of the fixture with one file's text changed. */
function variant(name: string, file: string, change: (text: string) => string) {
  const dir = path.join(work, name);
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const target = fs.readdirSync(dir).find((f) => f.endsWith(file))!;
  fs.writeFileSync(path.join(dir, target), change(fs.readFileSync(path.join(dir, target), 'utf8')));
  return dir;
}

function zipOf(dir: string, to: string) {
  return new Promise<string>((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const f of fs.readdirSync(dir)) zip.addFile(path.join(dir, f), `open-data/${f}`);
    zip.end();
    zip.outputStream
      .pipe(fs.createWriteStream(to))
      .on('close', () => resolve(to))
      .on('error', reject);
  });
}

const rowCount = async (uid: string) =>
  Number(((await app.strapi.db.connection(app.strapi.db.metadata.get(uid).tableName).count({ n: '*' })) as { n: number }[])[0].n);

const countsNow = async () => ({
  consultations: await rowCount('plugin::participation.consultation-lifecycle'),
  contributions: await rowCount('plugin::participation.contribution'),
  comments: await rowCount('plugin::participation.comment'),
  origins: await rowCount('plugin::participation.import-origin'),
});

describe('a Decidim archive refused whole', () => {
  it('a row with an unreadable date: its file, line and column, and nothing written', async () => {
    const before = await countsNow();
    const dir = variant('bad-date', 'proposals.csv', (text) => text.replace('2023-02-10 12:00:00 +0100', 'le 10 février'));
    const report = await importArchive(dir);
    expect(report.refused).toBe(true);
    expect(report.problems).toEqual([
      { file: expect.stringMatching(/open-data-proposals\.csv$/), line: 3, column: 'published_at', message: 'Date illisible : « le 10 février ».' },
    ]);
    expect(await countsNow()).toEqual(before);
  });

  it('a broken quote and a comment answering nothing: each reported with its line, nothing written', async () => {
    const before = await countsNow();
    const broken = variant(
      'broken-quote',
      'proposal_comments.csv',
      (text) => `${text}506;2023-02-12 09:00:00 UTC;"Guillemet jamais fermé;fr;1;X;0;0;;;999;Decidim::Comments::Comment;\n`
    );
    const report = await importArchive(broken);
    expect(report.refused).toBe(true);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/proposal_comments\.csv$/), line: 7, message: expect.stringMatching(/^Ligne illisible/) }),
    ]);

    const orphan = variant(
      'orphan',
      'proposal_comments.csv',
      (text) => `${text}507;2023-02-12 09:00:00 UTC;Réponse perdue;fr;1;X;0;1;;;999;Decidim::Comments::Comment;\n`
    );
    const second = await importArchive(orphan);
    expect(second.problems).toEqual([
      {
        file: expect.stringMatching(/proposal_comments\.csv$/),
        line: 7,
        column: 'commentable_id',
        message: expect.stringContaining('répond au commentaire 999, absent de l’archive'),
      },
    ]);
    expect(await countsNow()).toEqual(before);
  });

  it('a file that is not an archive: a clear error, nothing written', async () => {
    const notZip = path.join(work, 'not-a-zip.zip');
    fs.writeFileSync(notZip, 'pas une archive');
    await expect(importArchive(notZip)).rejects.toThrow(/n'est pas une archive zip lisible/);
    const empty = fs.mkdtempSync(path.join(work, 'empty-'));
    await expect(importArchive(empty)).rejects.toThrow(/ne contient aucun fichier de données ouvertes Decidim/);
  });
});

describe('importing a Decidim archive', () => {
  let report: Report;
  beforeAll(async () => {
    const dry = await importArchive(FIXTURE, true);
    expect(await countsNow()).toMatchObject({ contributions: 0, comments: 0, origins: 0 });
    expect(dry).toMatchObject({ refused: false, consultations: { created: 3 }, contributions: { created: 4 }, comments: { created: 5 } });
    report = await importArchive(FIXTURE);
  });

  it('reports what it read, what it made and what it left for later', () => {
    expect(report).toMatchObject({
      refused: false,
      host: 'participer.exemple.org',
      consultations: { created: 3, updated: 0, unchanged: 0 },
      contributions: { created: 4, updated: 0, unchanged: 0 },
      comments: { created: 5, updated: 0, unchanged: 0 },
      unmatchedScopes: ['Atlantide'],
      flattened: 1,
      problemCount: 0,
    });
    expect(report.themesCreated.sort()).toEqual(['Cadre de vie', 'Mobilités']);
    expect(report.files.find((f) => f.resource === 'results')).toMatchObject({ rows: 1, imported: false, label: 'résultats (suivi)' });
    expect(report.files.find((f) => f.resource === 'proposals')).toMatchObject({ rows: 4, imported: true });
  });

  it('a participatory space becomes a closed consultation with its dates, text as rich text, and its categories as themes', async () => {
    const res = await app.request().get(`${api}/consultations/budget-citoyen-2023`);
    expect(res.status).toBe(200);
    const c = res.body.data;
    expect(c).toMatchObject({ title: 'Budget citoyen 2023', status: 'closed', summary: 'Proposez vos idées pour le territoire.' });
    expect(new Date(c.opensAt).toISOString()).toBe('2023-01-31T23:00:00.000Z');
    expect(new Date(c.closesAt).toISOString()).toBe('2023-04-29T22:00:00.000Z');
    expect(c.body).toContain('## Le projet');
    expect(c.body).toContain('[le Département](https://www.loire-atlantique.fr)');
    expect(c.body).toMatch(/^-\s+un$/m);
    expect(c.body).not.toMatch(/alert|javascript|<script/);
    expect(c.themes.map((t: { name: string }) => t.name).sort()).toEqual(['Cadre de vie', 'Mobilités']);
    expect(c.origin).toEqual({ platform: 'decidim', url: 'https://participer.exemple.org/processes/budget-citoyen-2023' });
    const listed = (await app.request().get(`${api}/consultations`).query({ pageSize: 50 })).body.data;
    expect(listed.find((x: { slug: string }) => x.slug === 'budget-citoyen-2023').origin).toEqual(c.origin);

    // Only in English on Decidim: the English title; known only by its proposals' address: its slug, and their dates.
    const mobility = (await app.request().get(`${api}/consultations/mobilite-2022`)).body.data;
    expect(mobility).toMatchObject({ title: 'Mobility plan', status: 'closed' });
    const assembly = (await app.request().get(`${api}/consultations/conseil-des-jeunes`)).body.data;
    expect(assembly).toMatchObject({ title: 'Conseil des jeunes', status: 'closed' });
  });

  it('proposals become contributions: safe text, commune, official answer, no author, withdrawn ones out of sight', async () => {
    const res = await app.request().get(`${api}/consultations/budget-citoyen-2023/contributions`).query({ sort: '-createdAt' });
    expect(res.status).toBe(200);
    const [benches, lane] = res.body.data;
    expect(lane).toMatchObject({
      title: 'Une piste cyclable vers le lycée',
      // `&nbsp;` stays a no-break space, as French typography has it.
      body: 'Il faut sécuriser\u00a0le trajet des élèves.\n\nMerci !',
      territory: { inseeCode: '44143', name: 'Rezé' },
      author: { displayName: 'Participant·e (Decidim)' },
      createdAt: '2023-02-03T08:15:00.000Z',
      counts: { supports: 0, comments: 4 },
      officialAnswer: { status: 'retained', text: 'Retenue : travaux en 2024.', answeredAt: '2023-05-02T10:00:00.000Z' },
      // « Importée de Decidim »: its address there, and its figures there kept apart from the supports counted here.
      origin: {
        platform: 'decidim',
        url: 'https://participer.exemple.org/processes/budget-citoyen-2023/f/21/proposals/101',
        figures: { supports: 42, endorsements: 3, comments: 4 },
      },
    });
    expect(benches).toMatchObject({ title: 'More benches in the park', body: 'Benches, please.', territory: { inseeCode: '44109' }, officialAnswer: null });
    expect(benches.createdAt).toBe('2023-02-10T11:00:00.000Z');
    expect(res.body.meta.pagination.total).toBe(2);

    const withdrawn = await app.request().get(`${api}/consultations/mobilite-2022/contributions`);
    expect(withdrawn.body.data).toEqual([]);
    const young = (await app.request().get(`${api}/consultations/conseil-des-jeunes/contributions`)).body.data;
    expect(young).toEqual([
      expect.objectContaining({
        body: 'Première ligne ; avec un point-virgule\net une deuxième ligne "citée".',
        territory: null,
        officialAnswer: { status: 'under_study', text: null, answeredAt: '2021-09-01T18:00:00.000Z' },
      }),
    ]);
  });

  it('comments keep their threads (a fourth level answers the third), authors are not carried over', async () => {
    const [, lane] = (await app.request().get(`${api}/consultations/budget-citoyen-2023/contributions`).query({ sort: '-createdAt' })).body.data;
    const res = await app.request().get(`${api}/contributions/${lane.documentId}/comments`);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const name of ['Jeanne', 'Martin', 'Durand', 'Bernard']) expect(text).not.toContain(name);
    expect(res.body.data).toHaveLength(1);
    const [top] = res.body.data;
    expect(top).toMatchObject({ body: "D'accord, c'est urgent.", author: { displayName: 'Participant·e (Decidim)' } });
    const flat = (comment: { body: string; replies?: unknown[] }): { body: string; depth: number }[] => [
      { body: comment.body, depth: 0 },
      ...((comment.replies ?? []) as { body: string; replies?: unknown[] }[]).flatMap((r) => flat(r).map((x) => ({ ...x, depth: x.depth + 1 }))),
    ];
    expect(flat(top)).toEqual([
      { body: "D'accord, c'est urgent.", depth: 0 },
      { body: 'Surtout le matin & le soir.', depth: 1 },
      { body: 'Et le soir aussi.', depth: 2 },
      { body: 'Quatrième niveau.', depth: 2 },
    ]);
  });

  it('leaves every counter exact', async () => {
    const drift = await app.strapi.plugin('participation').service('counters').check();
    expect(drift).toEqual([]);
    const state = (await app.request().get(`${api}/consultations/budget-citoyen-2023`)).body.data;
    expect(state.counts).toMatchObject({ contributions: 2 });
  });

  it('a second run of the same archive, here as a zip, changes nothing', async () => {
    const before = await countsNow();
    const zip = await zipOf(FIXTURE, path.join(work, 'participer.exemple.org-open-data.zip'));
    const again = await importArchive(zip);
    expect(again).toMatchObject({
      refused: false,
      consultations: { created: 0, updated: 0, unchanged: 3 },
      contributions: { created: 0, updated: 0, unchanged: 4 },
      comments: { created: 0, updated: 0, unchanged: 5 },
    });
    expect(await countsNow()).toEqual(before);
  });

  it('a later archive where a proposal was edited and answered updates it, without duplicating', async () => {
    const before = await countsNow();
    const dir = variant('edited', 'proposals.csv', (text) =>
      text.replace('More benches in the park', 'More benches in the parks').replace(';5;0;;1;', ';5;0;;2;')
    );
    const dry = await importArchive(dir, true);
    expect(dry.contributions).toEqual({ created: 0, updated: 1, unchanged: 3 });
    const res = await importArchive(dir);
    expect(res.contributions).toEqual({ created: 0, updated: 1, unchanged: 3 });
    expect(await countsNow()).toEqual(before);
    const titles = (await app.request().get(`${api}/consultations/budget-citoyen-2023/contributions`)).body.data.map((c: { title: string }) => c.title);
    expect(titles).toContain('More benches in the parks');
    const benches = (await app.request().get(`${api}/consultations/budget-citoyen-2023/contributions`)).body.data.find(
      (c: { title: string }) => c.title === 'More benches in the parks'
    );
    expect(benches.origin.figures).toEqual({ supports: 5, endorsements: 0, comments: 2 });
    expect(await app.strapi.plugin('participation').service('counters').check()).toEqual([]);
  });
});
