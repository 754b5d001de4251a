import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { notFound } from '../platform/errors';
import { csvText } from '../platform/csv';
import { paginationMeta } from '../platform/validation';
import { territoryNames } from '../territories/public';
import { OTHER, questionsOf, type Question } from '../../../shared/questionnaire';
import { AGE_BANDS, chartOf, stateAt, STATE_LABELS, type ChartKind } from './domain/rules';
import { questionnairesRepository, type CountRow, type Questionnaire, type ResultFilter } from './repository';

type Labelled = { key: string; label: string; count: number };

/** One question's results, as staff and (for published charts) the public read them. */
export type QuestionResult = {
  key: string;
  label: string;
  type: Question['type'];
  chart: ChartKind;
  answered: number;
  options: Labelled[] | null;
  ranking: { key: string; label: string; positions: number[]; score: number }[] | null;
  rows: { key: string; label: string; columns: Labelled[] }[] | null;
  stats: { mean: number; min: number; max: number } | null;
  distribution: { value: number; count: number }[] | null;
};

const calendarOf = (q: Questionnaire, now: Date) => {
  const state = stateAt(q, now);
  return { state, stateLabel: STATE_LABELS[state], opensAt: q.opensAt.toISOString(), closesAt: q.closesAt.toISOString() };
};

const summaryOf = (q: Questionnaire, now: Date) => ({
  documentId: q.documentId,
  slug: q.slug,
  title: q.title,
  description: q.description,
  audience: q.audience,
  editable: q.editable,
  consultationDocumentId: q.consultationDocumentId,
  ...calendarOf(q, now),
});

/**
 * The results of a questionnaire, computed by the database: the respondents by channel and every count (choices,
 * ranks, grid cells, numbers) in two statements whatever the number of answers, plus one for the distribution of
 * numbers when there is a number question. No answer is loaded in memory.
 */
async function resultsOf(strapi: Core.Strapi, q: Questionnaire, filter: ResultFilter, only?: Set<string>) {
  const repository = questionnairesRepository(strapi);
  const questions = questionsOf(q.definition).filter((x) => !only || only.has(x.key));
  const needsDistribution = questions.some((x) => x.type === 'number');
  const [respondents, counts, distribution] = await Promise.all([
    repository.respondents(q.id, filter),
    repository.counts(q.id, filter),
    needsDistribution ? repository.numericDistribution(q.id, filter) : Promise.resolve([]),
  ]);
  const communeCodes = questions.some((x) => x.type === 'commune') ? counts.filter((c) => c.choice && /^\d/.test(c.choice)).map((c) => c.choice) : [];
  const names = await territoryNames(strapi, communeCodes);
  const byQuestion = new Map<string, CountRow[]>();
  for (const row of counts) {
    const rows = byQuestion.get(row.question);
    if (rows) rows.push(row);
    else byQuestion.set(row.question, [row]);
  }
  return {
    respondents: { ...respondents, total: respondents.online + respondents.paper },
    questions: questions.map((question) =>
      questionResult(
        question,
        byQuestion.get(question.key) ?? [],
        distribution.filter((d) => d.question === question.key),
        (code) => names.get(code) ?? code
      )
    ),
  };
}

function questionResult(
  q: Question,
  rows: CountRow[],
  distribution: { value: number; count: number }[],
  communeName: (code: string) => string
): QuestionResult {
  const count = (choice: string, position: number | null = null) =>
    rows.filter((r) => r.choice === choice && (position === null || r.position === position)).reduce((n, r) => n + r.count, 0);
  const result: QuestionResult = {
    key: q.key,
    label: q.label,
    type: q.type,
    chart: chartOf(q),
    answered: rows.reduce((n, r) => n + r.respondents, 0),
    options: null,
    ranking: null,
    rows: null,
    stats: null,
    distribution: null,
  };
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      result.options = [
        ...q.options.map((o) => ({ key: o.key, label: o.label, count: count(o.key) })),
        ...(q.other ? [{ key: OTHER, label: 'Autre', count: count(OTHER) }] : []),
      ];
      break;
    case 'ranking':
      // Score: a first place is worth as many points as there are positions, the last one point (Borda).
      result.ranking = q.options
        .map((o) => {
          const positions = Array.from({ length: q.positions }, (_, i) => count(o.key, i + 1));
          return { key: o.key, label: o.label, positions, score: positions.reduce((s, n, i) => s + n * (q.positions - i), 0) };
        })
        .sort((a, b) => b.score - a.score);
      break;
    case 'matrix_single':
    case 'matrix_multiple':
      result.rows = q.rows.map((r) => ({
        key: r.key,
        label: r.label,
        columns: q.columns.map((c) => ({ key: c.key, label: c.label, count: count(`${r.key}:${c.key}`) })),
      }));
      break;
    case 'scale': {
      result.options = Array.from({ length: q.max - q.min + 1 }, (_, i) => {
        const value = String(q.min + i);
        const label = i === 0 && q.minLabel ? `${value} (${q.minLabel})` : q.min + i === q.max && q.maxLabel ? `${value} (${q.maxLabel})` : value;
        return { key: value, label, count: count(value) };
      });
      result.stats = statsOf(rows);
      break;
    }
    case 'number':
      result.stats = statsOf(rows);
      result.distribution = distribution.map((d) => ({ value: d.value, count: d.count }));
      break;
    case 'file':
      // How many files respondents joined: their mean, fewest and most.
      result.stats = statsOf(rows);
      break;
    case 'commune':
      result.options = rows
        .filter((r) => r.choice)
        .map((r) => ({ key: r.choice!, label: communeName(r.choice!), count: r.count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
      break;
    default:
      break;
  }
  return result;
}

/** The mean, minimum and maximum of a question's numbers, from the grouped rows (weighted by their counts). */
function statsOf(rows: CountRow[]): QuestionResult['stats'] {
  const numeric = rows.filter((r) => r.mean !== null);
  const total = numeric.reduce((n, r) => n + r.count, 0);
  if (!total) return null;
  const mean = numeric.reduce((s, r) => s + r.mean! * r.count, 0) / total;
  return { mean: Math.round(mean * 100) / 100, min: Math.min(...numeric.map((r) => r.min!)), max: Math.max(...numeric.map((r) => r.max!)) };
}

/** Public reads of questionnaires: the list, the answering page (≤ 2 statements), the published charts. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => questionnairesRepository(strapi);
  return {
    async list(filter: { consultation?: string }) {
      const now = new Date();
      const rows = await repository().list({ publishedOnly: true, consultationDocumentId: filter.consultation });
      return { data: rows.map((q) => ({ ...summaryOf(q, now), respondents: q.online + q.paper, chartsPublished: q.publishedCharts.length > 0 })) };
    },

    /** The answering page: the questionnaire and the signed-in respondent's own status, in one statement. */
    async detail(slug: string, citizen: Citizen | null) {
      const found = await repository().questionnaireWithResponse(slug, citizen ? `user:${citizen.id}` : null);
      if (!found || !found.questionnaire.published) throw notFound('Questionnaire introuvable.');
      const q = found.questionnaire;
      const status = found.response ? (found.response.submittedAt ? ('submitted' as const) : ('draft' as const)) : null;
      const now = new Date();
      const open = stateAt(q, now) === 'open';
      return {
        data: {
          ...summaryOf(q, now),
          definition: q.definition,
          receiptNote: q.receiptNote,
          chartsPublished: q.publishedCharts.length > 0,
          viewer: {
            signedIn: Boolean(citizen),
            canAnswer: open && (citizen ? status !== 'submitted' || q.editable : q.audience === 'anonymous'),
            mustSignIn: !citizen && q.audience === 'signed_in',
            status,
          },
        },
      };
    },

    /** The charts staff published, and nothing else (no free text, no filter by person). */
    async publicResults(slug: string) {
      const q = await repository().questionnaireBy({ slug });
      if (!q || !q.published) throw notFound('Questionnaire introuvable.');
      const results = await resultsOf(strapi, q, {}, new Set(q.publishedCharts));
      const order = new Map(q.publishedCharts.map((k, i) => [k, i]));
      return { data: { respondents: results.respondents, questions: results.questions.sort((a, b) => order.get(a.key)! - order.get(b.key)!) } };
    },

    /**
     * Open data (Licence Ouverte 2.0): the published charts as counts, one line per question and answer (choice, rank,
     * grid cell, note), with the respondents of the question; nothing unpublished, no free text.
     */
    async openDataCsv(slug: string) {
      const { data } = await this.publicResults(slug);
      const rows: (string | number | null)[][] = [];
      for (const q of data.questions) {
        for (const o of q.options ?? []) rows.push([q.key, q.label, o.key, o.label, null, o.count, q.answered]);
        for (const r of q.ranking ?? []) r.positions.forEach((n, i) => rows.push([q.key, q.label, r.key, r.label, i + 1, n, q.answered]));
        for (const row of q.rows ?? [])
          for (const c of row.columns) rows.push([q.key, q.label, `${row.key}:${c.key}`, `${row.label} — ${c.label}`, null, c.count, q.answered]);
      }
      return csvText(['question', 'intitule', 'reponse', 'reponse_intitule', 'rang', 'nombre', 'repondants_question'], rows, { delimiter: ';' });
    },

    /** Staff: every questionnaire with its responses by channel. */
    async adminList() {
      const now = new Date();
      const rows = await repository().list({ publishedOnly: false });
      return {
        data: rows.map((q) => ({
          ...summaryOf(q, now),
          published: q.published,
          questions: questionsOf(q.definition).length,
          respondents: { online: q.online, paper: q.paper, total: q.online + q.paper },
        })),
      };
    },

    /** Staff: a questionnaire as the builder edits it. */
    async adminDetail(documentId: string) {
      const q = await repository().questionnaireBy({ documentId });
      if (!q) throw notFound('Questionnaire introuvable.');
      const now = new Date();
      return {
        data: {
          ...summaryOf(q, now),
          published: q.published,
          definition: q.definition,
          receiptNote: q.receiptNote,
          publishedCharts: q.publishedCharts,
          locked: await repository().hasResponses(q.id),
        },
      };
    },

    /** Staff: the results at any time, with filters, and the sources that sent many anonymous answers. */
    async adminResults(documentId: string, filter: ResultFilter) {
      const q = await repository().questionnaireBy({ documentId });
      if (!q) throw notFound('Questionnaire introuvable.');
      const [results, repeatedSources] = await Promise.all([
        resultsOf(strapi, q, filter),
        q.audience === 'anonymous' ? repository().repeatedSources(q.id, 5) : Promise.resolve([]),
      ]);
      return {
        data: {
          ...results,
          filter: { channel: filter.channel ?? null, territory: filter.territory ?? null, ageBand: filter.ageBand ?? null },
          ageBands: AGE_BANDS.map((b) => ({ key: b.key, label: b.label })),
          publishedCharts: q.publishedCharts,
          repeatedSources,
        },
      };
    },

    /** Staff: the files joined in answer to a question (sent responses), newest first, to open one by one (never public). */
    async files(documentId: string, question: string, page: number, pageSize: number) {
      const q = await repository().questionnaireBy({ documentId });
      if (!q) throw notFound('Questionnaire introuvable.');
      if (!questionsOf(q.definition).some((x) => x.key === question && x.type === 'file')) throw notFound('Question introuvable.');
      const { rows, total } = await repository().filesOfQuestion(q.id, question, page, pageSize);
      return { data: rows.map((r) => ({ ...r, at: r.at.toISOString() })), meta: { pagination: paginationMeta(page, pageSize, total) } };
    },

    /** Staff: the texts answered to a question, newest first, for reading (never public). */
    async texts(documentId: string, question: string, page: number, pageSize: number) {
      const q = await repository().questionnaireBy({ documentId });
      if (!q) throw notFound('Questionnaire introuvable.');
      if (!questionsOf(q.definition).some((x) => x.key === question)) throw notFound('Question introuvable.');
      const { rows, total } = await repository().texts(q.id, question, page, pageSize);
      return { data: rows.map((r) => ({ ...r, at: r.at.toISOString() })), meta: { pagination: paginationMeta(page, pageSize, total) } };
    },
  };
};
