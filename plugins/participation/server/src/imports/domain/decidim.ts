import crypto from 'crypto';
import { convert } from 'html-to-text';
import TurndownService from 'turndown';

/**
 * How a Decidim open-data archive reads, and what each of its rows becomes here. Pure: no database, no file.
 *
 * Every Decidim instance publishes the same archive (`<host>-open-data.zip`, « Données ouvertes »): one CSV per
 * resource, `;`-separated, whose columns are each module's serializer flattened with `/` (`title/fr`,
 * `category/name/fr`, `participatory_space/url`; a list is joined with `, `). Versions differ: a title is a plain
 * column in 0.27's proposals (`present(proposal).title`) and translated in later ones; supports are `supports` then
 * `votes`; endorsements `endorsements/total_count` then `likes/total_count`. Each reader below takes what it finds.
 */

/** A problem found in the archive: the file, its line (1 is the header) and column, in French. */
export type ImportProblem = { file: string; line: number | null; column: string | null; message: string };

/** The resources of an archive, from its files' names (`…-open-data-proposals.csv` → `proposals`). */
export function resourceOf(fileName: string): string | null {
  const match = /open-data-([a-z_]+)\.csv$/i.exec(fileName.split('/').pop() ?? '');
  return match ? match[1].toLowerCase() : null;
}

/** What this version imports, and what it names (without importing) so that the report says what stayed behind. */
export const IMPORTED = ['participatory_processes', 'assemblies', 'proposals', 'proposal_comments'] as const;
export const NOT_YET_IMPORTED: Record<string, string> = {
  results: 'résultats (suivi)',
  result_comments: 'commentaires des résultats',
  projects: 'projets de budget participatif',
  meetings: 'réunions',
  meeting_comments: 'commentaires des réunions',
  debates: 'débats',
  debate_comments: 'commentaires des débats',
  budgets: 'budgets',
};

const LOCALES = ['fr', 'machine_translations/fr'];

/**
 * A translated field in French: `field/fr`, its machine translation, the plain `field` column, or else the first
 * other language that has a text (in the archive's column order).
 */
export function frenchText(row: Record<string, string>, field: string): string {
  for (const locale of LOCALES) {
    const value = row[`${field}/${locale}`];
    if (value && value.trim()) return value.trim();
  }
  const plain = row[field];
  if (plain && plain.trim()) return plain.trim();
  const prefix = `${field}/`;
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith(prefix) && !column.slice(prefix.length).includes('/') && value && value.trim()) return value.trim();
  }
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith(`${prefix}machine_translations/`) && value && value.trim()) return value.trim();
  }
  return '';
}

/** HTML (or text) as plain text: tags dropped, entities decoded, paragraphs kept as blank lines, links as their words. */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\r\n?/g, '\n').trim();
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced' });
turndown.remove(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button']);
// Images stay on Decidim: an address to another server is not carried into the consultation's text.
turndown.addRule('noImages', { filter: 'img', replacement: () => '' });
// A link keeps its address only when it is a web or mail address; any other scheme (javascript:, data:) keeps its words.
turndown.addRule('safeLinks', {
  filter: 'a',
  replacement: (content, node) => {
    const href = (node as { getAttribute(name: string): string | null }).getAttribute('href') ?? '';
    return /^(https?:|mailto:)/i.test(href.trim()) && content.trim() ? `[${content}](${href.trim().replace(/[()\s]/g, encodeURIComponent)})` : content;
  },
});

/** HTML as the product's rich text (Markdown): headings, lists, emphasis and safe links kept; scripts, frames and images dropped. */
export function richText(html: string): string {
  if (!html.trim()) return '';
  if (!/</.test(html)) return plainText(html);
  return turndown
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Shortened to `max` characters at a word where one is near, marked « … ». */
export function fitted(text: string, max: number): { text: string; shortened: boolean } {
  if (text.length <= max) return { text, shortened: false };
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return { text: `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`, shortened: true };
}

/**
 * A date as Decidim writes it: Ruby's `2023-03-14 09:30:12 UTC` or `+0100`, ISO 8601, or a day (`2023-03-14`,
 * midnight in Paris). Empty is null; anything else is undefined (a problem to report).
 */
export function decidimDate(value: string | undefined): Date | null | undefined {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (!realDay(text.slice(0, 10))) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) return new Date(`${text}T00:00:00${parisOffset(new Date(`${text}T12:00:00Z`))}`);
  const ruby = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!ruby) return undefined;
  const zone = !ruby[3] || ruby[3] === 'UTC' || ruby[3] === 'Z' ? 'Z' : ruby[3].length === 5 ? `${ruby[3].slice(0, 3)}:${ruby[3].slice(3)}` : ruby[3];
  const date = new Date(`${ruby[1]}T${ruby[2]}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `YYYY-MM-DD` naming a day of the calendar (not 30 February). */
function realDay(text: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Paris's offset from UTC on a day (`+01:00` in winter, `+02:00` in summer). */
function parisOffset(at: Date): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const hours = Number(/GMT([+-]\d+)/.exec(name ?? '')?.[1] ?? 1);
  return `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}

/** A count Decidim wrote (empty when the module hides it): a whole number ≥ 0, or null. */
export function decidimCount(value: string | undefined): number | null | undefined {
  const text = (value ?? '').trim();
  if (!text) return null;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

const truthy = (value: string | undefined) => ['true', 't', '1', 'yes', 'oui'].includes((value ?? '').trim().toLowerCase());

/** A web address as given (http or https only: anything else, `javascript:` included, is dropped). */
export function webAddress(value: string | undefined): string | null {
  const text = (value ?? '').trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    return new URL(text).toString();
  } catch {
    return null;
  }
}

/** The address of a participatory space, as a key: its kind and slug in the URL (`processes/budget-2023`). */
export function spaceKeyOf(url: string): string | null {
  try {
    const path = new URL(url).pathname.replace(/\/+$/, '');
    const match =
      /\/(processes|assemblies|conferences|initiatives)\/([^/]+)$/.exec(path) ?? /\/(processes|assemblies|conferences|initiatives)\/([^/]+)/.exec(path);
    return match ? `${match[1]}/${decodeURIComponent(match[2])}` : null;
  } catch {
    return null;
  }
}

/** A participatory space (process or assembly) as a consultation: closed, with its dates, its address kept as the source. */
export type DecidimSpace = {
  key: string;
  externalId: string | null;
  url: string;
  title: string;
  slug: string | null;
  summary: string;
  body: string;
  opensAt: Date | null;
  closesAt: Date | null;
};

/** A proposal as a contribution. */
export type DecidimProposal = {
  externalId: string;
  url: string | null;
  spaceKey: string;
  spaceUrl: string;
  reference: string | null;
  title: string;
  body: string;
  category: string | null;
  scope: string | null;
  publishedAt: Date | null;
  withdrawn: boolean;
  answer: { status: 'retained' | 'not_retained' | 'under_study'; text: string; at: Date | null } | null;
  figures: { supports: number | null; endorsements: number | null; comments: number | null };
  shortened: boolean;
};

/** A comment: on a proposal, or answering another comment (Decidim's `commentable_type`). */
export type DecidimComment = {
  externalId: string;
  on: { kind: 'proposal' | 'comment'; externalId: string };
  depth: number;
  body: string;
  createdAt: Date | null;
  shortened: boolean;
};

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Omit<ImportProblem, 'file' | 'line'>[] };

const problem = (column: string | null, message: string) => ({ column, message });

/** A row of the processes or assemblies file. */
export function parseSpace(row: Record<string, string>, kind: 'processes' | 'assemblies'): Parsed<DecidimSpace> {
  const problems: Omit<ImportProblem, 'file' | 'line'>[] = [];
  const url = (row.url ?? '').trim();
  const slug = (row.slug ?? '').trim() || null;
  const key = (url && spaceKeyOf(url)) || (slug ? `${kind}/${slug}` : null);
  if (!key) problems.push(problem('url', 'Adresse de l’espace absente ou illisible : on ne peut pas y rattacher ses propositions.'));
  const title = plainText(frenchText(row, 'title'));
  if (!title) problems.push(problem('title', 'Titre de l’espace vide.'));
  const opensAt = decidimDate(row.start_date);
  const closesAt = decidimDate(row.end_date);
  if (opensAt === undefined) problems.push(problem('start_date', `Date illisible : « ${row.start_date} ».`));
  if (closesAt === undefined) problems.push(problem('end_date', `Date illisible : « ${row.end_date} ».`));
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      key: key!,
      externalId: (row.id ?? '').trim() || null,
      url,
      title: fitted(title, 160).text,
      slug,
      summary: fitted(plainText(frenchText(row, 'short_description') || frenchText(row, 'subtitle')), 500).text,
      body: richText(frenchText(row, 'description')),
      opensAt: opensAt ?? null,
      closesAt: closesAt ?? null,
    },
  };
}

/** Decidim's answer states as official answers here; a withdrawn proposal is withdrawn whatever its state. */
const ANSWER_STATES: Record<string, 'retained' | 'not_retained' | 'under_study'> = {
  accepted: 'retained',
  rejected: 'not_retained',
  evaluating: 'under_study',
};

/** A row of the proposals file. */
export function parseProposal(row: Record<string, string>): Parsed<DecidimProposal> {
  const problems: Omit<ImportProblem, 'file' | 'line'>[] = [];
  const externalId = (row.id ?? '').trim();
  if (!/^\d+$/.test(externalId)) problems.push(problem('id', `Identifiant de proposition attendu (un nombre), reçu « ${row.id ?? ''} ».`));
  const spaceUrl = (row['participatory_space/url'] ?? '').trim();
  const spaceKey = spaceUrl ? spaceKeyOf(spaceUrl) : null;
  if (!spaceKey) problems.push(problem('participatory_space/url', 'Adresse de l’espace participatif absente ou illisible.'));
  const title = plainText(frenchText(row, 'title'));
  if (!title) problems.push(problem('title', 'Titre de la proposition vide.'));
  const publishedAt = decidimDate(row.published_at || row.created_at);
  if (publishedAt === undefined) problems.push(problem('published_at', `Date illisible : « ${row.published_at} ».`));
  const answeredAt = decidimDate(row.answered_at || row.state_published_at);
  if (answeredAt === undefined) problems.push(problem('answered_at', `Date illisible : « ${row.answered_at || row.state_published_at} ».`));
  const figures = {
    supports: decidimCount(row.votes ?? row.supports),
    endorsements: decidimCount(row['likes/total_count'] ?? row['endorsements/total_count']),
    comments: decidimCount(row.comments),
  };
  for (const [name, column] of [
    ['supports', row.votes !== undefined ? 'votes' : 'supports'],
    ['endorsements', row['likes/total_count'] !== undefined ? 'likes/total_count' : 'endorsements/total_count'],
    ['comments', 'comments'],
  ] as const)
    if (figures[name] === undefined) problems.push(problem(column, `Nombre entier attendu, reçu « ${row[column]} ».`));
  if (problems.length) return { ok: false, problems };

  const state = (row.state ?? '').trim().toLowerCase();
  const answerText = plainText(frenchText(row, 'answer'));
  const answerStatus = ANSWER_STATES[state] ?? (answerText ? 'under_study' : null);
  const body = plainText(frenchText(row, 'body')) || title;
  const fittedTitle = fitted(title, 140);
  const fittedBody = fitted(body, 5000);
  const fittedAnswer = fitted(answerText, 5000);
  return {
    ok: true,
    value: {
      externalId,
      url: webAddress(row.url),
      spaceKey: spaceKey!,
      spaceUrl,
      reference: (row.reference ?? '').trim() || null,
      title: fittedTitle.text,
      body: fittedBody.text,
      category: frenchText(row, 'category/name') || null,
      scope: frenchText(row, 'scope/name') || null,
      publishedAt: publishedAt ?? null,
      withdrawn: state === 'withdrawn' || truthy(row.withdrawn),
      answer: answerStatus ? { status: answerStatus, text: fittedAnswer.text, at: answeredAt ?? null } : null,
      figures: { supports: figures.supports ?? null, endorsements: figures.endorsements ?? null, comments: figures.comments ?? null },
      shortened: fittedTitle.shortened || fittedBody.shortened || fittedAnswer.shortened,
    },
  };
}

/** A row of a comments file (`proposal_comments`). */
export function parseComment(row: Record<string, string>): Parsed<DecidimComment> {
  const problems: Omit<ImportProblem, 'file' | 'line'>[] = [];
  const externalId = (row.id ?? '').trim();
  if (!/^\d+$/.test(externalId)) problems.push(problem('id', `Identifiant de commentaire attendu (un nombre), reçu « ${row.id ?? ''} ».`));
  const type = (row.commentable_type ?? '').trim();
  const target = (row.commentable_id ?? '').trim();
  const kind = /Comments::Comment$/.test(type) ? 'comment' : /Proposals::Proposal$/.test(type) ? 'proposal' : null;
  if (!kind) problems.push(problem('commentable_type', `Commentaire sur « ${type} » : seuls ceux des propositions et leurs réponses sont importés ici.`));
  if (!/^\d+$/.test(target)) problems.push(problem('commentable_id', `Identifiant attendu (un nombre), reçu « ${row.commentable_id ?? ''} ».`));
  const depth = decidimCount(row.depth);
  if (depth === undefined) problems.push(problem('depth', `Profondeur attendue (un nombre), reçue « ${row.depth} ».`));
  const createdAt = decidimDate(row.created_at);
  if (createdAt === undefined) problems.push(problem('created_at', `Date illisible : « ${row.created_at} ».`));
  const body = plainText(row.body !== undefined ? row.body : frenchText(row, 'body'));
  if (!body) problems.push(problem('body', 'Commentaire vide.'));
  if (problems.length) return { ok: false, problems };
  const fittedBody = fitted(body, 2000);
  return {
    ok: true,
    value: {
      externalId,
      on: { kind: kind!, externalId: target },
      depth: depth ?? 0,
      body: fittedBody.text,
      createdAt: createdAt ?? null,
      shortened: fittedBody.shortened,
    },
  };
}

/** The name shown for every imported author: no personal data is created. */
export const IMPORTED_AUTHOR = 'Participant·e (Decidim)';
export const WITHDRAWN_REASON = 'Retirée par son auteur ou son autrice sur Decidim.';

/** The fields of an imported item that, when Decidim's archive changes them, make a second run update it. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? raw.toISOString() : v;
  });
  return crypto.createHash('sha256').update(text).digest('hex');
}
