/**
 * Questionnaires: their definition (pages, questions, display conditions, limits), which questions a respondent is
 * shown, whether an answer is valid, and the columns of their export. This file is the one definition, shared by the
 * server (which validates and stores answers) and the reference site (which shows pages and conditions live). Pure:
 * no I/O, no clock.
 *
 * A question is shown when its condition holds on the answers to earlier questions, themselves shown: a question
 * hidden by a branch counts as not answered, and so on down the questionnaire. Answers to hidden questions are
 * dropped, never stored: what a respondent typed in a branch they left does not count.
 */

export const QUESTION_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'ranking',
  'matrix_single',
  'matrix_multiple',
  'scale',
  'number',
  'date',
  'commune',
  'file',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export type Choice = { key: string; label: string };

type Base = {
  /** Stable key: answers, conditions and export columns refer to it; unique in the questionnaire. */
  key: string;
  label: string;
  help?: string | null;
  required: boolean;
  condition?: Condition | null;
  /** A question that declares who answers (age, territory): optional by law, counted apart in results. */
  declares?: 'age' | 'territory' | null;
};

export type Question = Base &
  (
    | { type: 'short_text' | 'long_text'; maxLength: number }
    | { type: 'single_choice'; options: Choice[]; other: boolean }
    | { type: 'multiple_choice'; options: Choice[]; other: boolean; min?: number | null; max?: number | null }
    | { type: 'ranking'; options: Choice[]; positions: number }
    | { type: 'matrix_single' | 'matrix_multiple'; rows: Choice[]; columns: Choice[] }
    | { type: 'scale'; min: number; max: number; minLabel?: string | null; maxLabel?: string | null }
    | { type: 'number'; min?: number | null; max?: number | null; integer: boolean }
    | { type: 'date'; min?: string | null; max?: string | null }
    | { type: 'commune' }
    | { type: 'file'; maxFiles: number }
  );

export type Page = { key: string; title: string; description?: string | null; questions: Question[] };
export type Definition = { pages: Page[] };

/** A display condition on an earlier question's answer, or several combined. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { question: string; op: 'answered' | 'not_answered' }
  | { question: string; op: 'equals' | 'not_equals' | 'matches'; value: string };

/** `other`: the text of « Autre » in a choice; matrices: row key → column key(s); ranking: option keys, first first. */
export type SingleChoice = { choice: string | null; other: string | null };
export type MultipleChoice = { choices: string[]; other: string | null };
export type AnswerValue = string | number | string[] | SingleChoice | MultipleChoice | Record<string, string | string[]>;
export type Answers = Record<string, AnswerValue>;

/** The sentinel option key of « Autre » in a choice that allows it. */
export const OTHER = 'autre';

/**
 * A file joined to an answer: sent first (`POST …/files`), answered by its id; a PDF, JPEG or PNG recognised by its
 * first bytes, 5 Mo at most, up to `maxFiles` per question (5 at most). An answer to a file question is its ids.
 */
export const FILE_ANSWERS = { maxBytes: 5 * 1024 * 1024, maxFiles: 5, accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' } as const;
export const FILE_ID = /^f_[A-Za-z0-9_-]{22}$/;

/** Every question of a definition, in order. */
export const questionsOf = (definition: Definition): Question[] => definition.pages.flatMap((p) => p.questions);

// ——— Display conditions ———

/** Lower case, without accents or extra spaces: « Vélo » matches « velo ». */
export const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Whether a stored answer counts as an answer (an empty text, list or matrix does not). */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  if ('choice' in value) return (value as SingleChoice).choice !== null;
  if ('choices' in value) return (value as MultipleChoice).choices.length > 0;
  return Object.values(value).some((v) => (Array.isArray(v) ? v.length > 0 : v !== ''));
}

/** The values an answer holds, as text, for `equals` and `matches`: a choice's key, each chosen key, the text. */
function valuesOf(value: AnswerValue): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value;
  if ('choice' in value) {
    const single = value as SingleChoice;
    return [single.choice ?? '', ...(single.other ? [single.other] : [])];
  }
  if ('choices' in value) {
    const multiple = value as MultipleChoice;
    return [...multiple.choices, ...(multiple.other ? [multiple.other] : [])];
  }
  return Object.values(value).flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** Whether a condition holds on the answers shown so far (a question not shown is absent from `shown`). */
export function holds(condition: Condition | null | undefined, shown: Answers): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => holds(c, shown));
  if ('any' in condition) return condition.any.some((c) => holds(c, shown));
  const value = shown[condition.question];
  const answered = isAnswered(value);
  switch (condition.op) {
    case 'answered':
      return answered;
    case 'not_answered':
      return !answered;
    case 'equals':
      return answered && valuesOf(value).some((v) => normalise(v) === normalise(condition.value));
    case 'not_equals':
      return !answered || !valuesOf(value).some((v) => normalise(v) === normalise(condition.value));
    case 'matches':
      return answered && valuesOf(value).some((v) => normalise(v).includes(normalise(condition.value)));
  }
}

/**
 * The questions a respondent with these answers is shown, in order, and their answers kept: each condition is read on
 * the earlier questions shown, so a question hidden by a branch hides those that depend on it.
 */
export function visibleQuestions(definition: Definition, answers: Answers): { questions: Question[]; kept: Answers } {
  const kept: Answers = {};
  const questions: Question[] = [];
  for (const question of questionsOf(definition)) {
    if (!holds(question.condition, kept)) continue;
    questions.push(question);
    if (answers[question.key] !== undefined) kept[question.key] = answers[question.key];
  }
  return { questions, kept };
}

// ——— Validating a definition (what staff build) ———

export type Issue = { path: (string | number)[]; message: string };

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Why a definition cannot be used, field by field (empty when it can): keys, choices, limits, conditions on earlier questions only. */
export function definitionIssues(definition: Definition): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const earlier = new Map<string, Question>();
  if (!definition.pages.length) issues.push({ path: ['pages'], message: 'Un questionnaire a au moins une page.' });
  definition.pages.forEach((page, p) => {
    if (!page.questions.length) issues.push({ path: ['pages', p, 'questions'], message: `La page « ${page.title} » n’a aucune question.` });
    page.questions.forEach((q, i) => {
      const at = (...rest: (string | number)[]) => ['pages', p, 'questions', i, ...rest];
      if (!KEY.test(q.key)) issues.push({ path: at('key'), message: 'Clé de question : minuscules, chiffres et _, 40 caractères au plus.' });
      if (seen.has(q.key)) issues.push({ path: at('key'), message: `La clé « ${q.key} » est déjà prise.` });
      if (!q.label.trim()) issues.push({ path: at('label'), message: 'Chaque question a un libellé.' });
      const choices = 'options' in q ? q.options : 'rows' in q ? [...q.rows, ...q.columns] : [];
      if ('options' in q && q.options.length < 2) issues.push({ path: at('options'), message: 'Proposez au moins deux choix.' });
      if ('rows' in q && (!q.rows.length || q.columns.length < 2))
        issues.push({ path: at('rows'), message: 'Une grille a au moins une ligne et deux colonnes.' });
      const keys = new Set<string>();
      for (const c of 'options' in q ? q.options : []) {
        if (!KEY.test(c.key) || c.key === OTHER || keys.has(c.key))
          issues.push({ path: at('options'), message: `Choix « ${c.label} » : clé absente, réservée ou en double.` });
        keys.add(c.key);
      }
      if ('rows' in q) {
        for (const list of [q.rows, q.columns]) {
          const local = new Set<string>();
          for (const c of list) {
            if (!KEY.test(c.key) || local.has(c.key)) issues.push({ path: at('rows'), message: `Ligne ou colonne « ${c.label} » : clé absente ou en double.` });
            local.add(c.key);
          }
        }
      }
      if (choices.some((c) => !c.label.trim())) issues.push({ path: at('options'), message: 'Chaque choix a un libellé.' });
      if (q.type === 'multiple_choice' && q.min != null && q.max != null && q.min > q.max)
        issues.push({ path: at('min'), message: 'Le minimum de choix dépasse le maximum.' });
      if (q.type === 'ranking' && (q.positions < 1 || q.positions > q.options.length))
        issues.push({ path: at('positions'), message: `Classez de 1 à ${q.options.length} choix.` });
      if (q.type === 'scale' && !(Number.isInteger(q.min) && Number.isInteger(q.max) && q.min >= 0 && q.max <= 10 && q.min < q.max))
        issues.push({ path: at('min'), message: 'Une échelle va de 0 ou plus à 10 au plus.' });
      if ((q.type === 'short_text' || q.type === 'long_text') && !(q.maxLength >= 1 && q.maxLength <= (q.type === 'short_text' ? 500 : 10_000)))
        issues.push({
          path: at('maxLength'),
          message: q.type === 'short_text' ? 'Réponse courte : 1 à 500 caractères.' : 'Réponse longue : 1 à 10 000 caractères.',
        });
      if (q.type === 'number' && q.min != null && q.max != null && q.min > q.max) issues.push({ path: at('min'), message: 'Le minimum dépasse le maximum.' });
      if (q.type === 'file' && !(Number.isInteger(q.maxFiles) && q.maxFiles >= 1 && q.maxFiles <= FILE_ANSWERS.maxFiles))
        issues.push({ path: at('maxFiles'), message: `De 1 à ${FILE_ANSWERS.maxFiles} fichiers par question.` });
      if (q.declares === 'territory' && q.type !== 'commune')
        issues.push({ path: at('declares'), message: 'La commune déclarée se demande par une question « Commune ».' });
      if (q.declares === 'age' && q.type !== 'number' && q.type !== 'scale' && q.type !== 'single_choice')
        issues.push({ path: at('declares'), message: 'L’âge se demande par un nombre (en années) ou un choix de tranches.' });
      if (q.declares && q.required)
        issues.push({ path: at('required'), message: 'L’âge et la commune restent facultatifs : ne rendez pas cette question obligatoire.' });
      for (const issue of conditionIssues(q.condition, earlier)) issues.push({ path: at('condition'), message: issue });
      seen.add(q.key);
      earlier.set(q.key, q);
    });
  });
  return issues;
}

function conditionIssues(condition: Condition | null | undefined, earlier: Map<string, Question>): string[] {
  if (!condition) return [];
  if ('all' in condition || 'any' in condition) {
    const parts = 'all' in condition ? condition.all : condition.any;
    return parts.length ? parts.flatMap((c) => conditionIssues(c, earlier)) : ['Une combinaison de conditions en contient au moins une.'];
  }
  if (!earlier.has(condition.question)) return [`La condition porte sur « ${condition.question} », qui n’est pas une question précédente.`];
  if ((condition.op === 'equals' || condition.op === 'not_equals' || condition.op === 'matches') && !condition.value.trim())
    return ['Une condition « égal », « différent » ou « contient » compare à une valeur.'];
  return [];
}

// ——— Validating an answer (what a respondent sends) ———

export type Validated = { answers: Answers; issues: Issue[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a respondent's answers against the questions they are shown: required ones answered, each of its type and
 * within its limits. Returns the answers to keep (shown questions only, normalised) and the issues, one per question,
 * in French. `communes`: whether an INSEE code names a commune (the caller knows the territories). `complete: false`
 * checks a draft: each answer of its type and within its limits, required questions not yet.
 */
export function validateAnswers(definition: Definition, raw: unknown, communes: (code: string) => boolean, options: { complete?: boolean } = {}): Validated {
  const complete = options.complete ?? true;
  const issues: Issue[] = [];
  if (!isRecord(raw)) return { answers: {}, issues: [{ path: ['answers'], message: 'Les réponses forment un objet, une entrée par question.' }] };
  const known = new Set(questionsOf(definition).map((q) => q.key));
  for (const key of Object.keys(raw)) if (!known.has(key)) issues.push({ path: ['answers', key], message: `Aucune question « ${key} ».` });
  // Conditions read the answers as checked so far: a malformed answer counts as not answered.
  const answers: Answers = {};
  for (const question of questionsOf(definition)) {
    if (!holds(question.condition, answers)) continue;
    const value = raw[question.key];
    const fail = (message: string) => issues.push({ path: ['answers', question.key], message });
    if (value === undefined || value === null || value === '') {
      if (question.required && complete) fail('Cette question est obligatoire.');
      continue;
    }
    const checked = checkAnswer(question, value, communes, complete);
    if (checked instanceof Refusal) fail(checked.message);
    else if (isAnswered(checked)) answers[question.key] = checked;
    else if (question.required && complete) fail('Cette question est obligatoire.');
  }
  return { answers, issues };
}

/** Why an answer is refused (a class: a text answer is a string too). */
class Refusal {
  constructor(readonly message: string) {}
}
const refuse = (message: string) => new Refusal(message);

/** One answer checked and normalised, or why not (French). */
function checkAnswer(q: Question, value: unknown, communes: (code: string) => boolean, complete: boolean): AnswerValue | Refusal {
  switch (q.type) {
    case 'short_text':
    case 'long_text': {
      if (typeof value !== 'string') return refuse('Réponse écrite attendue.');
      const text = value.trim();
      return text.length > q.maxLength ? refuse(`${q.maxLength} caractères au plus.`) : text;
    }
    case 'single_choice': {
      const picked = isRecord(value) ? value : { choice: value, other: null };
      const choice = picked.choice;
      if (typeof choice !== 'string') return refuse('Choisissez une réponse.');
      if (choice === OTHER && q.other) {
        const other = typeof picked.other === 'string' ? picked.other.trim() : '';
        if (!other) return refuse('Précisez « Autre ».');
        return other.length > 200 ? refuse('« Autre » : 200 caractères au plus.') : { choice, other };
      }
      return q.options.some((o) => o.key === choice) ? { choice, other: null } : refuse(`« ${choice} » n’est pas un choix proposé.`);
    }
    case 'multiple_choice': {
      const picked = isRecord(value) ? value : { choices: value, other: null };
      if (!Array.isArray(picked.choices) || !picked.choices.every((c) => typeof c === 'string')) return refuse('Choisissez dans la liste.');
      const choices = [...new Set(picked.choices as string[])];
      const unknown = choices.find((c) => !(c === OTHER && q.other) && !q.options.some((o) => o.key === c));
      if (unknown) return refuse(`« ${unknown} » n’est pas un choix proposé.`);
      let other: string | null = null;
      if (choices.includes(OTHER)) {
        other = typeof picked.other === 'string' ? picked.other.trim() : '';
        if (!other) return refuse('Précisez « Autre ».');
        if (other.length > 200) return refuse('« Autre » : 200 caractères au plus.');
      }
      if (choices.length && q.min != null && choices.length < q.min) return refuse(`Choisissez au moins ${q.min} réponses.`);
      if (q.max != null && choices.length > q.max) return refuse(`Choisissez ${q.max} réponses au plus.`);
      // Kept in the questionnaire's order, whatever the order sent.
      const order = [...q.options.map((o) => o.key), OTHER];
      return { choices: choices.sort((a, b) => order.indexOf(a) - order.indexOf(b)), other };
    }
    case 'ranking': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return refuse('Classez les choix, le premier en tête.');
      const ranked = value as string[];
      if (new Set(ranked).size !== ranked.length) return refuse('Un choix n’est classé qu’une fois.');
      if (ranked.some((k) => !q.options.some((o) => o.key === k))) return refuse('Classez des choix proposés.');
      if (ranked.length && ranked.length !== q.positions) return refuse(`Classez ${q.positions} choix.`);
      return ranked;
    }
    case 'matrix_single':
    case 'matrix_multiple': {
      if (!isRecord(value)) return refuse('Une réponse par ligne de la grille.');
      const out: Record<string, string | string[]> = {};
      for (const [row, cell] of Object.entries(value)) {
        if (!q.rows.some((r) => r.key === row)) return refuse(`« ${row} » n’est pas une ligne de la grille.`);
        const cells = q.type === 'matrix_single' ? [cell] : cell;
        if (!Array.isArray(cells) || !cells.every((c) => typeof c === 'string' && q.columns.some((col) => col.key === c)))
          return refuse(`Ligne « ${row} » : choisissez une colonne proposée.`);
        const unique = [...new Set(cells as string[])];
        if (unique.length)
          out[row] =
            q.type === 'matrix_single' ? unique[0] : unique.sort((a, b) => q.columns.findIndex((c) => c.key === a) - q.columns.findIndex((c) => c.key === b));
      }
      if (q.required && complete && Object.keys(out).length < q.rows.length) return refuse('Répondez pour chaque ligne.');
      return out;
    }
    case 'scale': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < q.min || n > q.max) return refuse(`Une note entière de ${q.min} à ${q.max}.`);
      return n;
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value.replace(',', '.')) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return refuse('Un nombre attendu.');
      if (q.integer && !Number.isInteger(n)) return refuse('Un nombre entier attendu.');
      if (q.min != null && n < q.min) return refuse(`${q.min} au moins.`);
      if (q.max != null && n > q.max) return refuse(`${q.max} au plus.`);
      return n;
    }
    case 'date': {
      if (
        typeof value !== 'string' ||
        !DAY.test(value) ||
        Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
        new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
      )
        return refuse('Une date au format AAAA-MM-JJ.');
      if (q.min && value < q.min) return refuse(`Le ${q.min} au plus tôt.`);
      if (q.max && value > q.max) return refuse(`Le ${q.max} au plus tard.`);
      return value;
    }
    case 'commune': {
      if (typeof value !== 'string' || !communes(value)) return refuse('Choisissez une commune de la liste.');
      return value;
    }
    case 'file': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && FILE_ID.test(v)))
        return refuse('Joignez des fichiers déposés pour cette question.');
      const ids = [...new Set(value as string[])];
      return ids.length > q.maxFiles ? refuse(q.maxFiles === 1 ? 'Un seul fichier.' : `${q.maxFiles} fichiers au plus.`) : ids;
    }
  }
}

// ——— The export: columns that depend on the questionnaire only ———

export type Column = { name: string; question: string; title: string; type: 'string' | 'integer' | 'number' | 'date' | 'boolean' };

/**
 * The export's columns, from the definition alone: one per question; a multiple choice one per option (true/false)
 * and one for « Autre »; a single choice its key and its « Autre » text; a ranking one per position; a single-answer
 * grid one per row, a multiple-answer grid one per cell. Two exports of the same questionnaire have the same columns,
 * whatever branches their respondents took.
 */
export function exportColumns(definition: Definition): Column[] {
  const columns: Column[] = [];
  for (const q of questionsOf(definition)) {
    const add = (name: string, title: string, type: Column['type']) => columns.push({ name, question: q.key, title, type });
    switch (q.type) {
      case 'single_choice':
        add(q.key, q.label, 'string');
        if (q.other) add(`${q.key}__autre`, `${q.label} — Autre (précision)`, 'string');
        break;
      case 'multiple_choice':
        for (const o of q.options) add(`${q.key}__${o.key}`, `${q.label} — ${o.label}`, 'boolean');
        if (q.other) {
          add(`${q.key}__autre`, `${q.label} — Autre`, 'boolean');
          add(`${q.key}__autre_texte`, `${q.label} — Autre (précision)`, 'string');
        }
        break;
      case 'ranking':
        for (let rank = 1; rank <= q.positions; rank++) add(`${q.key}__rang_${rank}`, `${q.label} — rang ${rank}`, 'string');
        break;
      case 'matrix_single':
        for (const r of q.rows) add(`${q.key}__${r.key}`, `${q.label} — ${r.label}`, 'string');
        break;
      case 'matrix_multiple':
        for (const r of q.rows) for (const c of q.columns) add(`${q.key}__${r.key}__${c.key}`, `${q.label} — ${r.label} — ${c.label}`, 'boolean');
        break;
      case 'scale':
        add(q.key, q.label, 'integer');
        break;
      case 'number':
        add(q.key, q.label, q.integer ? 'integer' : 'number');
        break;
      case 'date':
        add(q.key, q.label, 'date');
        break;
      default:
        add(q.key, q.label, 'string');
    }
  }
  return columns;
}

/**
 * One respondent's answers as a row of the export, aligned with `exportColumns` (empty where not answered or not
 * shown). A file question's cell lists its files, each as `fileLabel` writes it (its id by default), one per line.
 */
export function exportRow(definition: Definition, answers: Answers, fileLabel: (id: string) => string = (id) => id): (string | number | boolean | null)[] {
  const { kept } = visibleQuestions(definition, answers);
  const row: (string | number | boolean | null)[] = [];
  for (const q of questionsOf(definition)) {
    const value = kept[q.key];
    const has = isAnswered(value);
    switch (q.type) {
      case 'single_choice': {
        const v = has ? (value as { choice: string | null; other: string | null }) : null;
        row.push(v?.choice ?? null);
        if (q.other) row.push(v?.other ?? null);
        break;
      }
      case 'multiple_choice': {
        const v = has ? (value as { choices: string[]; other: string | null }) : null;
        for (const o of q.options) row.push(v ? v.choices.includes(o.key) : null);
        if (q.other) {
          row.push(v ? v.choices.includes(OTHER) : null);
          row.push(v?.other ?? null);
        }
        break;
      }
      case 'ranking':
        for (let rank = 0; rank < q.positions; rank++) row.push(has ? ((value as string[])[rank] ?? null) : null);
        break;
      case 'matrix_single':
        for (const r of q.rows) row.push(has ? (((value as Record<string, string>)[r.key] as string | undefined) ?? null) : null);
        break;
      case 'matrix_multiple':
        for (const r of q.rows)
          for (const c of q.columns) row.push(has ? (((value as Record<string, string[]>)[r.key] ?? []) as string[]).includes(c.key) : null);
        break;
      case 'file':
        row.push(has ? (value as string[]).map(fileLabel).join('\n') : null);
        break;
      default:
        row.push(has ? (value as string | number) : null);
    }
  }
  return row;
}
