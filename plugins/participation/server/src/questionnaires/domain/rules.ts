import type { ErrorCode } from '../../platform/errors';
import { isAnswered, OTHER, questionsOf, visibleQuestions, type Answers, type Definition, type Issue, type Question } from '../../../../shared/questionnaire';

/**
 * The rules of questionnaires on the server: when one may be answered, what a sent answer becomes in the results
 * (one row per question, choice, rank or grid cell, counted by the database), what a respondent declared (commune,
 * age band), what may change in a questionnaire once people answered, and which chart shows each question. Pure.
 * What a questionnaire is, which questions a respondent sees and whether an answer is valid: shared/questionnaire.ts.
 */

export const AUDIENCES = ['signed_in', 'anonymous'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const STATES = ['draft', 'upcoming', 'open', 'closed'] as const;
export type State = (typeof STATES)[number];
export const CHANNELS = ['online', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATE_LABELS: Record<State, string> = {
  draft: 'Brouillon (non publié)',
  upcoming: 'À venir',
  open: 'Ouvert aux réponses',
  closed: 'Clos',
};

/** Where a questionnaire stands: unpublished, before its opening, open, or closed (by its dates only). */
export function stateAt(q: { published: boolean; opensAt: Date; closesAt: Date }, now: Date): State {
  if (!q.published) return 'draft';
  if (now < q.opensAt) return 'upcoming';
  if (now >= q.closesAt) return 'closed';
  return 'open';
}

/** Why nobody may answer now, as an error code (null when answers are taken). */
export function answerRefusal(state: State): ErrorCode | null {
  if (state === 'open') return null;
  return state === 'closed' ? 'questionnaire_closed' : 'questionnaire_not_open';
}

/** Age bands of a declared age in years (INSEE's broad bands, the first one for minors). */
export const AGE_BANDS = [
  { key: 'moins_18', label: 'Moins de 18 ans', max: 17 },
  { key: '18_24', label: '18 à 24 ans', max: 24 },
  { key: '25_34', label: '25 à 34 ans', max: 34 },
  { key: '35_49', label: '35 à 49 ans', max: 49 },
  { key: '50_64', label: '50 à 64 ans', max: 64 },
  { key: '65_plus', label: '65 ans et plus', max: Infinity },
] as const;

export const ageBandOf = (age: number) => AGE_BANDS.find((b) => age <= b.max)!.key;

/**
 * What a respondent declared about themselves through the questions marked so (both optional): the commune of a
 * commune question marked `territory`, and the age band of a question marked `age` (a number is an age in years; a
 * choice is itself the band).
 */
export function declaredOf(definition: Definition, answers: Answers): { territoryCode: string | null; ageBand: string | null } {
  let territoryCode: string | null = null;
  let ageBand: string | null = null;
  for (const q of questionsOf(definition)) {
    const value = answers[q.key];
    if (!isAnswered(value)) continue;
    if (q.declares === 'territory' && q.type === 'commune') territoryCode = value as string;
    if (q.declares === 'age') {
      if (q.type === 'number' || q.type === 'scale') ageBand = ageBandOf(value as number);
      else if (q.type === 'single_choice') ageBand = (value as { choice: string }).choice;
    }
  }
  return { territoryCode, ageBand };
}

/** One row of the results: a question answered, and which choice, rank, grid cell, number or text. */
export type Item = {
  question: string;
  choice: string | null;
  position: number | null;
  numeric: number | null;
  freeText: string | null;
  /** 1 on the first row of a question in a response: their sum is the number of respondents who answered it. */
  firstOfQuestion: 0 | 1;
};

/**
 * A sent answer as the rows the database counts: a choice (and « Autre » with its text), each choice of a multiple
 * one, each ranked choice with its rank, each grid cell (`row:column`), a score (its value as the choice and the
 * number), a number, a date, a commune, a text. Only the questions the respondent was shown.
 */
export function itemsOf(definition: Definition, answers: Answers): Item[] {
  const { questions, kept } = visibleQuestions(definition, answers);
  const items: Item[] = [];
  const add = (question: string, part: Partial<Omit<Item, 'question' | 'firstOfQuestion'>> = {}) =>
    items.push({
      question,
      choice: null,
      position: null,
      numeric: null,
      freeText: null,
      firstOfQuestion: items.at(-1)?.question === question ? 0 : 1,
      ...part,
    });
  for (const q of questions) {
    const value = kept[q.key];
    if (!isAnswered(value)) continue;
    switch (q.type) {
      case 'short_text':
      case 'long_text':
        add(q.key, { freeText: value as string });
        break;
      case 'single_choice': {
        const v = value as { choice: string; other: string | null };
        add(q.key, { choice: v.choice, freeText: v.choice === OTHER ? v.other : null });
        break;
      }
      case 'multiple_choice': {
        const v = value as { choices: string[]; other: string | null };
        for (const c of v.choices) add(q.key, { choice: c, freeText: c === OTHER ? v.other : null });
        break;
      }
      case 'ranking':
        (value as string[]).forEach((c, i) => add(q.key, { choice: c, position: i + 1 }));
        break;
      case 'matrix_single':
      case 'matrix_multiple':
        for (const [row, cell] of Object.entries(value as Record<string, string | string[]>))
          for (const column of Array.isArray(cell) ? cell : [cell]) add(q.key, { choice: `${row}:${column}` });
        break;
      case 'scale':
        add(q.key, { choice: String(value), numeric: value as number });
        break;
      case 'number':
        add(q.key, { numeric: value as number });
        break;
      case 'date':
        add(q.key, { choice: value as string });
        break;
      case 'commune':
        add(q.key, { choice: value as string });
        break;
      case 'file':
        // One row per question: the respondent answered, with so many files (the files themselves are staff's to open).
        add(q.key, { numeric: (value as string[]).length });
        break;
    }
  }
  return items;
}

const keysOf = (q: Question): string[] => [
  ...('options' in q ? q.options.map((o) => `option:${o.key}`) : []),
  ...('rows' in q ? [...q.rows.map((r) => `row:${r.key}`), ...q.columns.map((c) => `column:${c.key}`)] : []),
  ...('other' in q && q.other ? ['option:autre'] : []),
];

/**
 * What may change once people answered: labels, help, conditions, limits, and new questions or choices; not a
 * question, choice, row or column removed or re-keyed, nor a question's type, nor the number of ranked positions
 * (each would drop or move columns of the export and break comparisons with earlier files).
 */
export function answeredDefinitionIssues(before: Definition, after: Definition): Issue[] {
  const issues: Issue[] = [];
  const next = new Map(questionsOf(after).map((q) => [q.key, q]));
  for (const q of questionsOf(before)) {
    const now = next.get(q.key);
    const path = ['definition', 'questions', q.key];
    if (!now) {
      issues.push({ path, message: `La question « ${q.label} » a déjà des réponses : elle ne peut pas être retirée.` });
      continue;
    }
    if (now.type !== q.type) {
      issues.push({ path, message: `La question « ${q.label} » a déjà des réponses : son type ne change plus.` });
      continue;
    }
    const kept = new Set(keysOf(now));
    const lost = keysOf(q).filter((k) => !kept.has(k));
    if (lost.length)
      issues.push({ path, message: `La question « ${q.label} » a déjà des réponses : ses choix, lignes et colonnes restent (${lost.join(', ')}).` });
    if (q.type === 'ranking' && now.type === 'ranking' && q.positions !== now.positions)
      issues.push({ path, message: `La question « ${q.label} » a déjà des réponses : le nombre de rangs ne change plus.` });
  }
  return issues;
}

export const CHART_KINDS = ['bars', 'stacked_bars', 'histogram', 'ranking', 'map', 'none'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** The chart that shows a question's results, by its type: free texts and dates have none (texts are read, not charted). */
export function chartOf(q: Question): ChartKind {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      return 'bars';
    case 'matrix_single':
    case 'matrix_multiple':
      return 'stacked_bars';
    case 'scale':
    case 'number':
      return 'histogram';
    case 'ranking':
      return 'ranking';
    case 'commune':
      return 'map';
    default:
      return 'none';
  }
}

/** Which of the questions staff chose may be charted publicly (a text, a date or a file may not). */
export function chartIssues(definition: Definition, keys: string[]): Issue[] {
  const byKey = new Map(questionsOf(definition).map((q) => [q.key, q]));
  return keys.flatMap((key, i) => {
    const q = byKey.get(key);
    if (!q) return [{ path: ['questions', i], message: `Aucune question « ${key} ».` }];
    return chartOf(q) === 'none'
      ? [{ path: ['questions', i], message: `« ${q.label} » : une réponse libre, une date ou un fichier ne se publie pas en graphique.` }]
      : [];
  });
}
