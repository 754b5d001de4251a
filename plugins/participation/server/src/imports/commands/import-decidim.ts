import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CONSULTATION_UID, findLifecycle } from '../../consultations/public';
import { transaction } from '../../platform/database/transaction';
import { getService } from '../../platform/services';
import { searchKey } from '../../platform/text';
import { csvRows, CsvProblem, openArchive, type Archive, type ArchiveFile } from '../archive';
import {
  fingerprint,
  IMPORTED,
  IMPORTED_AUTHOR,
  NOT_YET_IMPORTED,
  parseComment,
  parseProposal,
  parseSpace,
  webAddress,
  WITHDRAWN_REASON,
  type DecidimProposal,
  type DecidimSpace,
  type ImportProblem,
} from '../domain/decidim';
import { importsRepository, type ImportsRepository, type Origin } from '../repository';

/** Created, updated (Decidim's archive changed it since the last run) or unchanged, per kind of item. */
type Tally = { created: number; updated: number; unchanged: number };
const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

export type ImportReport = {
  archive: string;
  host: string | null;
  dryRun: boolean;
  /** Nothing was written: the archive has problems (each with its file, line and column). */
  refused: boolean;
  files: { name: string; resource: string; rows: number; imported: boolean; label: string | null }[];
  consultations: Tally;
  contributions: Tally;
  comments: Tally;
  themesCreated: string[];
  /** Decidim scopes that matched no commune of the département (the contribution keeps no territory). */
  unmatchedScopes: string[];
  /** Texts longer than the product keeps (title 140, body 5,000, comment 2,000 characters), shortened with « … ». */
  shortened: number;
  /** Replies deeper than three levels, attached to their third-level ancestor's parent. */
  flattened: number;
  problems: ImportProblem[];
  problemCount: number;
};

const MAX_PROBLEMS = 200;
const BATCH = 200;
/** Comments keep three levels here (depth 0 to 2); Decidim allows more. */
const MAX_DEPTH = 2;

const IMPORT_ACTOR = { type: 'admin' as const, id: null, name: 'Import Decidim' };

/** What a first reading of the archive found: every item checked, nothing written. */
type Plan = {
  spaces: Map<string, DecidimSpace>;
  /** Per space: its proposals' categories, and the span of their dates (a space without its own file takes it). */
  spaceFacts: Map<string, { categories: Set<string>; first: Date | null; last: Date | null }>;
  proposals: Set<string>;
  /** Each comment's place here: the proposal it is on, its parent comment (if any) and its depth (0 to 2). */
  comments: Map<string, { proposal: string; parent: string | null; depth: number }>;
  host: string | null;
};

/**
 * `npm run import:decidim -- <archive>` and the admin's « Importer depuis Decidim »: a Decidim open-data archive's
 * participatory spaces become closed consultations, their proposals contributions (with their official answers, their
 * supports and endorsements kept as Decidim's figures), their comments threads, authors shown as « Participant·e
 * (Decidim) » — no personal data is created.
 *
 * Read twice, as streams: first every row is checked (a problem anywhere, and nothing is written: the report gives
 * each with its file, line and column), then written in transactions of a few hundred rows, each item with its Decidim
 * id and address. A second run finds them by that id: it updates what the archive changed and duplicates nothing; a
 * run cut short is finished by the next. `dryRun` reads, compares and reports, and writes nothing.
 */
export async function importDecidim(strapi: Core.Strapi, source: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  const archive = await openArchive(source);
  try {
    const report: ImportReport = {
      archive: archive.name,
      host: null,
      dryRun: !!options.dryRun,
      refused: false,
      files: [],
      consultations: tally(),
      contributions: tally(),
      comments: tally(),
      themesCreated: [],
      unmatchedScopes: [],
      shortened: 0,
      flattened: 0,
      problems: [],
      problemCount: 0,
    };
    const plan = await check(archive, report);
    report.host = plan.host;
    if (report.problemCount > 0 || !plan.host) {
      if (!plan.host && report.problemCount === 0)
        addProblem(report, {
          file: archive.name,
          line: null,
          column: null,
          message: 'Aucune adresse de plateforme dans l’archive : rien ne peut y être rattaché.',
        });
      report.refused = true;
      return report;
    }
    const repository = importsRepository(strapi, plan.host);
    const consultations = await writeSpaces(strapi, repository, plan, report);
    await writeProposals(strapi, archive, repository, consultations, report);
    await writeComments(strapi, archive, repository, plan, report);
    return report;
  } finally {
    archive.close();
  }
}

/** Counts an item as unchanged (same fingerprint as last time), updated or created; whether it is to be written. */
function counted(report: ImportReport, kind: Tally, existing: Origin | undefined, print: string, shortened: boolean) {
  if (existing && existing.fingerprint === print) {
    kind.unchanged += 1;
    return false;
  }
  if (shortened) report.shortened += 1;
  if (existing) kind.updated += 1;
  else kind.created += 1;
  return true;
}

function addProblem(report: ImportReport, problem: ImportProblem) {
  report.problemCount += 1;
  if (report.problems.length < MAX_PROBLEMS) report.problems.push(problem);
}

const filesOf = (archive: Archive, ...resources: string[]) => archive.files.filter((f) => resources.includes(f.resource));

/** Every row of a file, or the problem that stops its reading (a broken line), reported with its line. */
async function* rowsOf(archive: Archive, file: ArchiveFile, report: ImportReport) {
  try {
    yield* csvRows(await archive.open(file), file.name);
  } catch (error) {
    if (error instanceof CsvProblem) addProblem(report, error.problem);
    else throw error;
  }
}

/** The first reading: every row parsed and checked, references resolved, nothing written. */
async function check(archive: Archive, report: ImportReport): Promise<Plan> {
  const plan: Plan = { spaces: new Map(), spaceFacts: new Map(), proposals: new Set(), comments: new Map(), host: null };
  const hostOf = (url: string | null) => {
    if (plan.host || !url) return;
    try {
      plan.host = new URL(url).host || null;
    } catch {
      /* an address that does not parse gives no host */
    }
  };

  for (const file of archive.files) {
    const imported = (IMPORTED as readonly string[]).includes(file.resource);
    report.files.push({
      name: file.name,
      resource: file.resource,
      rows: 0,
      imported,
      label: imported ? null : (NOT_YET_IMPORTED[file.resource] ?? file.resource),
    });
  }
  const counted = (file: ArchiveFile) => report.files.find((f) => f.name === file.name)!;

  for (const file of filesOf(archive, 'participatory_processes', 'assemblies')) {
    for await (const { line, row } of rowsOf(archive, file, report)) {
      counted(file).rows += 1;
      const parsed = parseSpace(row, file.resource === 'assemblies' ? 'assemblies' : 'processes');
      if (!parsed.ok) {
        for (const p of parsed.problems) addProblem(report, { file: file.name, line, ...p });
        continue;
      }
      hostOf(parsed.value.url);
      plan.spaces.set(parsed.value.key, parsed.value);
    }
  }

  const commentTargets = new Map<string, { kind: 'proposal' | 'comment'; id: string; line: number; file: string }>();
  // Items whose own row has a problem: what hangs on them is not reported again.
  const refusedIds = { proposal: new Set<string>(), comment: new Set<string>() };
  for (const file of filesOf(archive, 'proposals')) {
    for await (const { line, row } of rowsOf(archive, file, report)) {
      counted(file).rows += 1;
      const parsed = parseProposal(row);
      if (!parsed.ok) {
        for (const p of parsed.problems) addProblem(report, { file: file.name, line, ...p });
        refusedIds.proposal.add((row.id ?? '').trim());
        continue;
      }
      const p = parsed.value;
      if (plan.proposals.has(p.externalId)) {
        addProblem(report, { file: file.name, line, column: 'id', message: `La proposition ${p.externalId} figure deux fois dans l’archive.` });
        continue;
      }
      plan.proposals.add(p.externalId);
      hostOf(p.spaceUrl);
      const facts = plan.spaceFacts.get(p.spaceKey) ?? { categories: new Set<string>(), first: null, last: null };
      if (p.category) facts.categories.add(p.category);
      if (p.publishedAt) {
        if (!facts.first || p.publishedAt < facts.first) facts.first = p.publishedAt;
        if (!facts.last || p.publishedAt > facts.last) facts.last = p.publishedAt;
      }
      plan.spaceFacts.set(p.spaceKey, facts);
      // A space named only by its proposals (an archive without its processes' file): its address and slug.
      if (!plan.spaces.has(p.spaceKey)) plan.spaces.set(p.spaceKey, spaceFromAddress(p));
    }
  }

  for (const file of filesOf(archive, 'proposal_comments')) {
    for await (const { line, row } of rowsOf(archive, file, report)) {
      counted(file).rows += 1;
      const parsed = parseComment(row);
      if (!parsed.ok) {
        for (const p of parsed.problems) addProblem(report, { file: file.name, line, ...p });
        refusedIds.comment.add((row.id ?? '').trim());
        continue;
      }
      if (commentTargets.has(parsed.value.externalId)) {
        addProblem(report, { file: file.name, line, column: 'id', message: `Le commentaire ${parsed.value.externalId} figure deux fois dans l’archive.` });
        continue;
      }
      commentTargets.set(parsed.value.externalId, { kind: parsed.value.on.kind, id: parsed.value.on.externalId, line, file: file.name });
    }
  }
  for (const file of archive.files.filter((f) => !(IMPORTED as readonly string[]).includes(f.resource)))
    for await (const _ of rowsOf(archive, file, report)) counted(file).rows += 1;

  // Each comment's thread: up to its proposal through its parents; deeper than three levels, it answers the third.
  const placed = plan.comments;
  const place = (id: string, seen: Set<string>): { proposal: string; parent: string | null; depth: number } | null => {
    const known = placed.get(id);
    if (known) return known;
    const target = commentTargets.get(id);
    if (!target || seen.has(id)) return null;
    seen.add(id);
    if (target.kind === 'proposal') {
      if (!plan.proposals.has(target.id)) return null;
      const top = { proposal: target.id, parent: null, depth: 0 };
      placed.set(id, top);
      return top;
    }
    const parent = place(target.id, seen);
    if (!parent) return null;
    const at =
      parent.depth < MAX_DEPTH
        ? { proposal: parent.proposal, parent: target.id, depth: parent.depth + 1 }
        : { proposal: parent.proposal, parent: parent.parent, depth: MAX_DEPTH };
    if (parent.depth >= MAX_DEPTH) report.flattened += 1;
    placed.set(id, at);
    return at;
  };
  /** Whether a comment's thread leads to an item refused for its own problem (already reported). */
  const hangsOnRefused = (id: string, seen = new Set<string>()): boolean => {
    const target = commentTargets.get(id);
    if (!target || seen.has(id)) return false;
    seen.add(id);
    if (refusedIds[target.kind].has(target.id)) return true;
    return target.kind === 'comment' && hangsOnRefused(target.id, seen);
  };
  for (const [id, target] of commentTargets) {
    if (place(id, new Set()) || hangsOnRefused(id)) continue;
    addProblem(report, {
      file: target.file,
      line: target.line,
      column: 'commentable_id',
      message:
        target.kind === 'proposal'
          ? `Le commentaire ${id} porte sur la proposition ${target.id}, absente de l’archive.`
          : `Le commentaire ${id} répond au commentaire ${target.id}, absent de l’archive (ou à un fil qui ne mène à aucune proposition).`,
    });
  }
  return plan;
}

/** A space known only by its address: its slug as a title, its proposals' dates as its own. */
function spaceFromAddress(p: DecidimProposal): DecidimSpace {
  const slug = p.spaceKey.split('/')[1] ?? p.spaceKey;
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return {
    key: p.spaceKey,
    externalId: null,
    url: p.spaceUrl,
    title: words ? `${words[0].toUpperCase()}${words.slice(1)}` : `Espace Decidim ${slug}`,
    slug,
    summary: '',
    body: '',
    opensAt: null,
    closesAt: null,
  };
}

const MINUTE = 60_000;

/** Each space as a consultation, created closed with its dates, or brought up to date; its document id by space. */
async function writeSpaces(strapi: Core.Strapi, repository: ImportsRepository, plan: Plan, report: ImportReport): Promise<Map<string, string>> {
  const consultations = new Map<string, string>();
  const known = await repository.origins(repository.reader(), 'space', [...plan.spaces.keys()]);
  const now = new Date();
  for (const space of plan.spaces.values()) {
    const facts = plan.spaceFacts.get(space.key);
    // A consultation here always has both dates, in order, and in the past: a space still open on Decidim is closed
    // by the move (it is over there).
    const closesAt = new Date(Math.min(space.closesAt?.getTime() ?? facts?.last?.getTime() ?? now.getTime(), now.getTime() - MINUTE));
    const opensAt = new Date(Math.min(space.opensAt?.getTime() ?? facts?.first?.getTime() ?? closesAt.getTime(), closesAt.getTime() - MINUTE));
    const categories = [...(facts?.categories ?? [])].sort();
    // A consultation opens with a summary: a space that had none on Decidim says where it comes from.
    const summary = space.summary || `Consultation menée sur la plateforme Decidim ${plan.host}, importée avec ses contributions.`;
    const data = { title: space.title, summary, body: space.body || null, opensAt, closesAt, categories };
    const print = fingerprint(data);
    const existing = known.get(space.key);
    if (existing && existing.fingerprint === print) {
      report.consultations.unchanged += 1;
      consultations.set(space.key, existing.targetDocumentId);
      await closeIfNew(strapi, existing.targetDocumentId, opensAt, report.dryRun);
      continue;
    }
    if (existing) report.consultations.updated += 1;
    else report.consultations.created += 1;
    if (report.dryRun) {
      consultations.set(space.key, existing?.targetDocumentId ?? `dry-run:${space.key}`);
      continue;
    }
    const themes: string[] = [];
    for (const name of categories) {
      const theme = await repository.themeFor(name);
      if (theme.created) report.themesCreated.push(name);
      themes.push(theme.documentId);
    }
    const slug = existing ? null : await freeSlug(repository, space);
    const documentId = await transaction(strapi, async (trx) => {
      const documents = strapi.documents(CONSULTATION_UID);
      const editorial = { title: data.title, summary: data.summary, body: data.body, themes };
      let id: string;
      if (existing) {
        // Only the editorial text follows Decidim: dates and rules of a consultation that has run stay as they are.
        await documents.update({ documentId: existing.targetDocumentId, data: editorial as never, status: 'published' });
        id = existing.targetDocumentId;
      } else {
        const created = await documents.create({
          data: { ...editorial, slug, opensAt, closesAt, allowContributions: false, allowSupports: false, allowComments: false } as never,
          status: 'published',
        });
        id = created.documentId;
      }
      await repository.remember(
        trx,
        'space',
        { externalId: space.key, url: webAddress(space.url), targetDocumentId: id, targetId: null, fingerprint: print },
        !!existing
      );
      // Its public face says where it comes from, once the origin is known.
      await getService(strapi, 'consultation-snapshots').refresh(id, trx);
      return id;
    });
    consultations.set(space.key, documentId);
    await closeIfNew(strapi, documentId, opensAt, false);
  }
  return consultations;
}

/** Decidim's slug when it is free here, else the space's kind and id added to it. */
async function freeSlug(repository: ImportsRepository, space: DecidimSpace) {
  const base =
    (space.slug ?? space.key.split('/')[1] ?? 'decidim')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'decidim';
  if (!(await repository.slugTaken(base))) return base;
  for (let n = 2; ; n += 1) {
    const slug = `${base.slice(0, 90)}-decidim-${n}`;
    if (!(await repository.slugTaken(slug))) return slug;
  }
}

/**
 * A consultation just created (still a draft in its lifecycle) is driven through the real lifecycle to closed:
 * scheduled as of before its opening, then the scheduler opens and closes it on its dates. Run again by a second
 * import when the first stopped between the two.
 */
async function closeIfNew(strapi: Core.Strapi, documentId: string, opensAt: Date, dryRun: boolean) {
  if (dryRun) return;
  const row = await findLifecycle(strapi, documentId);
  if (!row || row.status !== 'draft') return;
  const lifecycle = getService(strapi, 'lifecycle');
  await lifecycle.transition(documentId, { to: 'scheduled' }, IMPORT_ACTOR, new Date(opensAt.getTime() - MINUTE));
  await lifecycle.runDue(new Date());
}

/** The second reading of the proposals: each written as a contribution, a few hundred per transaction. */
async function writeProposals(strapi: Core.Strapi, archive: Archive, repository: ImportsRepository, consultations: Map<string, string>, report: ImportReport) {
  const communes = await repository.communes();
  const unmatched = new Set<string>();
  const territoryOf = (scope: string | null) => {
    if (!scope) return null;
    const code = communes.get(scope.trim()) ?? communes.get(searchKey(scope));
    if (!code) unmatched.add(scope);
    return code ?? null;
  };
  let batch: DecidimProposal[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const proposals = batch;
    batch = [];
    await writeProposalBatch(strapi, repository, consultations, proposals, territoryOf, report);
  };
  for (const file of filesOf(archive, 'proposals')) {
    for await (const { row } of rowsOf(archive, file, report)) {
      const parsed = parseProposal(row);
      if (!parsed.ok) continue;
      batch.push(parsed.value);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  report.unmatchedScopes = [...unmatched].sort().slice(0, 50);
}

async function writeProposalBatch(
  strapi: Core.Strapi,
  repository: ImportsRepository,
  consultations: Map<string, string>,
  proposals: DecidimProposal[],
  territoryOf: (scope: string | null) => string | null,
  report: ImportReport
) {
  const work = async (trx: Knex.Transaction | null) => {
    const db = trx ?? repository.reader();
    const known = await repository.origins(
      db,
      'proposal',
      proposals.map((p) => p.externalId)
    );
    const statuses = await repository.contributions.statuses(
      db,
      [...known.values()].map((o) => o.targetId!).filter((id) => id !== null)
    );
    const moved = new Map<string, { contributions: number; participants: number }>();
    const move = (consultation: string, contributions: number, participants: number) => {
      const m = moved.get(consultation) ?? { contributions: 0, participants: 0 };
      m.contributions += contributions;
      m.participants += participants;
      moved.set(consultation, m);
    };
    for (const p of proposals) {
      const consultation = consultations.get(p.spaceKey)!;
      const status = p.withdrawn ? 'hidden' : 'published';
      const attributes = {
        consultationDocumentId: consultation,
        title: p.title,
        body: p.body,
        territoryCode: territoryOf(p.scope),
        status,
        moderationReason: p.withdrawn ? WITHDRAWN_REASON : null,
        officialAnswerStatus: p.answer?.status ?? null,
        officialAnswerText: p.answer ? p.answer.text || null : null,
        officialAnswerAt: p.answer ? (p.answer.at ?? p.publishedAt) : null,
        // Shown as « importée de Decidim » with its address; its figures there are never counted as supports here.
        origin: JSON.stringify({ platform: 'decidim', url: p.url, figures: p.figures }),
      };
      const print = fingerprint({ ...attributes, figures: p.figures, createdAt: p.publishedAt });
      const existing = known.get(p.externalId);
      if (!counted(report, report.contributions, existing, print, p.shortened) || !trx) continue;
      let target: Origin;
      if (existing && existing.targetId !== null) {
        const before = statuses.get(existing.targetId);
        await repository.contributions.update(trx, existing.targetId, attributes);
        const delta = (status === 'published' ? 1 : 0) - (before === 'published' ? 1 : 0);
        if (delta) move(consultation, delta, 0);
        target = { ...existing, fingerprint: print };
      } else {
        const row = repository.contributions.table.newRow(
          {
            ...attributes,
            authorId: null,
            authorName: IMPORTED_AUTHOR,
            channel: 'web',
            supportsCount: 0,
            commentsCount: 0,
            reportsCount: 0,
            createdAt: p.publishedAt ?? new Date(),
            updatedAt: new Date(),
          },
          p.publishedAt ?? new Date()
        );
        const id = await repository.contributions.insert(trx, row);
        move(consultation, status === 'published' ? 1 : 0, 1);
        target = {
          externalId: p.externalId,
          targetDocumentId: String(row[repository.contributions.table.column('documentId')]),
          targetId: id,
          fingerprint: print,
        };
      }
      await repository.remember(trx, 'proposal', { ...target, url: p.url, figures: p.figures }, !!existing);
    }
    if (trx) for (const [consultation, m] of moved) await repository.count(trx, consultation, m);
  };
  if (report.dryRun) await work(null);
  else await transaction(strapi, (trx) => work(trx));
}

/** The comments, level by level (a reply is written once its parent is), a few hundred per transaction. */
async function writeComments(strapi: Core.Strapi, archive: Archive, repository: ImportsRepository, plan: Plan, report: ImportReport) {
  for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
    let batch: { externalId: string; body: string; createdAt: Date | null; shortened: boolean }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const comments = batch;
      batch = [];
      const work = async (trx: Knex.Transaction | null) => {
        const db = trx ?? repository.reader();
        const places = comments.map((c) => ({ ...c, place: plan.comments.get(c.externalId)! }));
        const known = await repository.origins(
          db,
          'comment',
          comments.map((c) => c.externalId)
        );
        const parents = await repository.origins(
          db,
          'comment',
          places.filter((c) => c.place.parent).map((c) => c.place.parent!)
        );
        const proposals = await repository.origins(db, 'proposal', [...new Set(places.map((c) => c.place.proposal))]);
        const commentsOn = new Map<number, number>();
        const participants = new Map<string, number>();
        for (const c of places) {
          const print = fingerprint({ body: c.body, createdAt: c.createdAt, place: c.place });
          const existing = known.get(c.externalId);
          if (!counted(report, report.comments, existing, print, c.shortened) || !trx) continue;
          if (existing && existing.targetId !== null) {
            await repository.comments.update(trx, existing.targetId, { body: c.body });
            await repository.remember(trx, 'comment', { ...existing, fingerprint: print, url: null }, true);
            continue;
          }
          const contribution = proposals.get(c.place.proposal);
          const subject = contribution?.targetId ? await repository.contributions.subject(trx, contribution.targetId) : null;
          if (!subject) continue;
          const parentOrigin = c.place.parent ? parents.get(c.place.parent) : undefined;
          const parent = parentOrigin?.targetId ? await repository.comments.placeOf(trx, parentOrigin.targetId) : null;
          const at = c.createdAt ?? new Date();
          const row = repository.comments.table.newRow(
            {
              contributionId: subject.id,
              consultationDocumentId: subject.consultationDocumentId,
              budgetProjectId: null,
              parentId: parent?.id ?? null,
              rootId: parent ? parent.rootId : null,
              depth: parent ? parent.depth + 1 : 0,
              body: c.body,
              authorId: null,
              authorName: IMPORTED_AUTHOR,
              status: 'published',
              reportsCount: 0,
              contentHash: null,
            },
            at
          );
          const id = await repository.comments.insert(trx, row);
          commentsOn.set(subject.id, (commentsOn.get(subject.id) ?? 0) + 1);
          participants.set(subject.consultationDocumentId, (participants.get(subject.consultationDocumentId) ?? 0) + 1);
          await repository.remember(
            trx,
            'comment',
            {
              externalId: c.externalId,
              targetDocumentId: String(row[repository.comments.table.column('documentId')]),
              targetId: id,
              fingerprint: print,
              url: null,
            },
            false
          );
        }
        if (trx) {
          for (const [contributionId, n] of commentsOn) await repository.contributions.addComments(trx, contributionId, n);
          for (const [consultation, n] of participants) await repository.count(trx, consultation, { contributions: 0, participants: n });
        }
      };
      if (report.dryRun) await work(null);
      else await transaction(strapi, (trx) => work(trx));
    };
    for (const file of filesOf(archive, 'proposal_comments')) {
      for await (const { row } of rowsOf(archive, file, report)) {
        const parsed = parseComment(row);
        if (!parsed.ok) continue;
        if (plan.comments.get(parsed.value.externalId)?.depth !== depth) continue;
        batch.push({ externalId: parsed.value.externalId, body: parsed.value.body, createdAt: parsed.value.createdAt, shortened: parsed.value.shortened });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
  }
}
