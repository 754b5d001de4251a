import { adminToken } from './helpers/admin';
import { createConsultation, openConsultation, UID } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

/** RSS, Atom and iCalendar: what a feed reader and a calendar see, never a draft, with ETag and 304. */
const api = '/api/participation';
let app: TestApp;
let agent: string;
let openId: string;

beforeAll(async () => {
  app = await startApp();
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  openId = (await openConsultation(app, agent, { title: 'Routes départementales & vélos', summary: 'Où sécuriser <les> traversées ?' })).documentId;
  await openConsultation(app, agent, { title: '<script>alert(1)</script> Collèges', summary: '<img src=x onerror=alert(1)> ]]> fin' });
  await createConsultation(app, { title: 'Projet confidentiel en brouillon' });
  const done = await openConsultation(app, agent, { title: 'Ports de pêche demain' });
  for (const [to, extra] of [
    ['closed', { reason: 'Clôture anticipée pour le test' }],
    ['results_published', {}],
  ] as const) {
    if (to === 'results_published')
      await app.strapi
        .documents(UID)
        .update({ documentId: done.documentId, data: { resultsSynthesis: 'Trois ports modernisés.' }, status: 'published' } as any);
    const res = await app
      .request()
      .post(`/participation/consultations/${done.documentId}/transitions`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ to, ...extra });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('feeds', () => {
  it('lists public consultations in RSS 2.0 and Atom, escaped, linked to the site, without drafts', async () => {
    const rss = await app.request().get(`${api}/feeds/consultations.rss`);
    expect(rss.status).toBe(200);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(rss.text).toContain('<rss version="2.0"');
    // Text, HTML-escaped inside CDATA: markup in a title or summary is text for a reader that renders HTML, never
    // markup, and never XML.
    expect(rss.text).toContain('<title><![CDATA[Routes départementales &amp; vélos]]></title>');
    expect(rss.text).toContain('<description><![CDATA[Où sécuriser &lt;les&gt; traversées ?]]></description>');
    expect(rss.text).toContain('<title><![CDATA[&lt;script&gt;alert(1)&lt;/script&gt; Collèges]]></title>');
    expect(rss.text).toContain('<description><![CDATA[&lt;img src=x onerror=alert(1)&gt; ]]&gt; fin]]></description>');
    expect(rss.text).toMatch(/<link>http:\/\/localhost:\d+\/site\/#\/c\/routes-departementales-et-velos<\/link>/);
    expect(rss.text).toContain('Ports de pêche demain');
    expect(rss.text).not.toContain('confidentiel');

    const atom = await app.request().get(`${api}/feeds/consultations.atom`);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atom.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom.text).toContain('<title type="html"><![CDATA[&lt;script&gt;alert(1)&lt;/script&gt; Collèges]]></title>');
    for (const feed of [rss.text, atom.text]) expect(feed).not.toMatch(/<script|<img/);
    expect(atom.text).not.toContain('confidentiel');
  });

  it('lists published results only in the results feed', async () => {
    const rss = await app.request().get(`${api}/feeds/results.rss`);
    expect(rss.text).toContain('Résultats : Ports de pêche demain');
    expect(rss.text).not.toContain('Routes départementales');
    const atom = await app.request().get(`${api}/feeds/results.atom`);
    expect(atom.text).toContain('Résultats : Ports de pêche demain');
  });

  it('gives an iCalendar of openings and closings with stable ids', async () => {
    const ics = await app.request().get(`${api}/feeds/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const unfolded = ics.text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain(`UID:${openId}-ouverture@localhost`);
    expect(unfolded).toContain(`UID:${openId}-cloture@localhost`);
    expect(unfolded).toContain('SUMMARY:Clôture de la consultation « Routes départementales & vélos »');
    expect(unfolded).not.toContain('confidentiel');
    expect((await app.request().get(`${api}/feeds/calendar.ics`)).text).toBe(ics.text);
  });

  it('sends an ETag and answers 304 when nothing changed, and refuses unknown parameters', async () => {
    for (const path of ['consultations.rss', 'consultations.atom', 'results.rss', 'results.atom', 'calendar.ics']) {
      const first = await app.request().get(`${api}/feeds/${path}`);
      expect(first.headers.etag).toBeTruthy();
      expect(first.headers['cache-control']).toMatch(/^public/);
      const again = await app.request().get(`${api}/feeds/${path}`).set('If-None-Match', first.headers.etag);
      expect(again.status).toBe(304);
    }
    const bad = await app.request().get(`${api}/feeds/consultations.rss`).query({ limit: 1000 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('validation_failed');
  });
});
