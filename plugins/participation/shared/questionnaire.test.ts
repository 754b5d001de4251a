import fc from 'fast-check';
import {
  definitionIssues,
  exportColumns,
  exportRow,
  holds,
  OTHER,
  questionsOf,
  validateAnswers,
  visibleQuestions,
  type Answers,
  type Condition,
  type Definition,
  type Question,
} from './questionnaire';

const FILE_A = 'f_AAAAAAAAAAAAAAAAAAAAAA';
const FILE_B = 'f_BBBBBBBBBBBBBBBBBBBBBB';
const FILE_C = 'f_CCCCCCCCCCCCCCCCCCCCCC';

const options = (...keys: string[]) => keys.map((key) => ({ key, label: key.toUpperCase() }));
const COMMUNES = new Set(['44109', '44003']);
const isCommune = (code: string) => COMMUNES.has(code);

/** A mobility survey before a road project: every question type, and a branch for those who cycle. */
const MOBILITY: Definition = {
  pages: [
    {
      key: 'habitudes',
      title: 'Vos habitudes',
      questions: [
        { key: 'mode', label: 'Mode principal', type: 'single_choice', options: options('voiture', 'velo', 'car'), other: true, required: true },
        {
          key: 'velo_freq',
          label: 'À vélo, combien de jours par semaine ?',
          type: 'scale',
          min: 0,
          max: 7,
          required: true,
          condition: { question: 'mode', op: 'equals', value: 'velo' },
        },
        {
          key: 'velo_freins',
          label: 'Ce qui vous freine',
          type: 'multiple_choice',
          options: options('securite', 'pente', 'meteo'),
          other: true,
          min: 1,
          max: 2,
          required: false,
          condition: {
            all: [
              { question: 'mode', op: 'equals', value: 'velo' },
              { question: 'velo_freq', op: 'answered' },
            ],
          },
        },
        { key: 'priorites', label: 'Classez vos priorités', type: 'ranking', options: options('temps', 'cout', 'bruit'), positions: 2, required: false },
      ],
    },
    {
      key: 'avis',
      title: 'Votre avis',
      questions: [
        {
          key: 'satisfaction',
          label: 'Satisfaction par tronçon',
          type: 'matrix_single',
          rows: options('nord', 'sud'),
          columns: options('bien', 'mal'),
          required: false,
        },
        {
          key: 'usages',
          label: 'Usages par tronçon',
          type: 'matrix_multiple',
          rows: options('nord', 'sud'),
          columns: options('pied', 'velo'),
          required: false,
        },
        { key: 'trajets', label: 'Trajets par semaine', type: 'number', integer: true, min: 0, max: 50, required: false },
        { key: 'depuis', label: 'Depuis quand ?', type: 'date', min: '1950-01-01', max: '2026-12-31', required: false },
        { key: 'commune', label: 'Votre commune', type: 'commune', required: false, declares: 'territory' },
        { key: 'idee', label: 'Une idée', type: 'short_text', maxLength: 20, required: false },
        {
          key: 'detail',
          label: 'Précisez',
          type: 'long_text',
          maxLength: 500,
          required: false,
          condition: { question: 'idee', op: 'matches', value: 'piste' },
        },
      ],
    },
  ],
};

describe('a questionnaire definition', () => {
  it('is usable as written', () => expect(definitionIssues(MOBILITY)).toEqual([]));

  it('is refused with each issue where it is: duplicate keys, too few choices, conditions on later questions, bad limits', () => {
    const broken: Definition = {
      pages: [
        {
          key: 'p',
          title: 'Page',
          questions: [
            { key: 'a', label: 'A', type: 'single_choice', options: options('x'), other: false, required: true, condition: { question: 'b', op: 'answered' } },
            { key: 'b', label: 'B', type: 'scale', min: 3, max: 2, required: false },
            { key: 'b', label: '', type: 'ranking', options: options('x', 'y'), positions: 3, required: false },
            {
              key: 'c',
              label: 'C',
              type: 'multiple_choice',
              options: options('x', OTHER),
              other: true,
              min: 3,
              max: 1,
              required: false,
              condition: { any: [] },
            },
          ],
        },
      ],
    };
    expect(definitionIssues(broken).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['pages.0.questions.0.options', 'Proposez au moins deux choix.'],
      ['pages.0.questions.0.condition', 'La condition porte sur « b », qui n’est pas une question précédente.'],
      ['pages.0.questions.1.min', 'Une échelle va de 0 ou plus à 10 au plus.'],
      ['pages.0.questions.2.key', 'La clé « b » est déjà prise.'],
      ['pages.0.questions.2.label', 'Chaque question a un libellé.'],
      ['pages.0.questions.2.positions', 'Classez de 1 à 2 choix.'],
      ['pages.0.questions.3.options', 'Choix « AUTRE » : clé absente, réservée ou en double.'],
      ['pages.0.questions.3.min', 'Le minimum de choix dépasse le maximum.'],
      ['pages.0.questions.3.condition', 'Une combinaison de conditions en contient au moins une.'],
    ]);
  });

  it('keeps age and commune optional, each asked by a question that can hold it', () => {
    const declared: Definition = {
      pages: [
        {
          key: 'p',
          title: 'Vous',
          questions: [
            { key: 'age', label: 'Âge', type: 'number', required: true, integer: true, declares: 'age' },
            { key: 'lieu', label: 'Lieu', type: 'short_text', required: false, maxLength: 50, declares: 'territory' },
            { key: 'tranche', label: 'Tranche', type: 'date', required: false, declares: 'age' },
          ],
        },
      ],
    };
    expect(definitionIssues(declared).map((i) => i.path.join('.'))).toEqual([
      'pages.0.questions.0.required',
      'pages.0.questions.1.declares',
      'pages.0.questions.2.declares',
    ]);
  });
});

describe('display conditions', () => {
  const shown = (answers: Answers) => visibleQuestions(MOBILITY, answers).questions.map((q) => q.key);

  it('show a branch to those it concerns, and hide what depends on a hidden question', () => {
    expect(shown({ mode: { choice: 'voiture', other: null } })).not.toContain('velo_freq');
    expect(shown({ mode: { choice: 'velo', other: null } })).toContain('velo_freq');
    expect(shown({ mode: { choice: 'velo', other: null } })).not.toContain('velo_freins'); // velo_freq not answered yet
    expect(shown({ mode: { choice: 'velo', other: null }, velo_freq: 3 })).toContain('velo_freins');
    // Leaving the branch hides the whole branch, and drops what was typed there.
    const left = visibleQuestions(MOBILITY, { mode: { choice: 'car', other: null }, velo_freq: 3, velo_freins: { choices: ['pente'], other: null } });
    expect(Object.keys(left.kept)).toEqual(['mode']);
  });

  it.each<[Condition, Answers, boolean]>([
    [{ question: 'q', op: 'answered' }, { q: '' }, false],
    [{ question: 'q', op: 'answered' }, { q: 0 }, true],
    [{ question: 'q', op: 'not_answered' }, {}, true],
    [{ question: 'q', op: 'equals', value: 'Vélo' }, { q: 'velo' }, true],
    [{ question: 'q', op: 'equals', value: 'velo' }, { q: { choices: ['pente', 'velo'], other: null } }, true],
    [{ question: 'q', op: 'not_equals', value: 'velo' }, {}, true],
    [{ question: 'q', op: 'not_equals', value: 'velo' }, { q: { choice: 'velo', other: null } }, false],
    [{ question: 'q', op: 'matches', value: 'PISTE' }, { q: 'Une piste cyclable' }, true],
    [{ question: 'q', op: 'matches', value: 'piste' }, { q: { choice: OTHER, other: 'une pïste' } }, true],
    [
      {
        all: [
          { question: 'a', op: 'answered' },
          { question: 'b', op: 'answered' },
        ],
      },
      { a: 'x' },
      false,
    ],
    [
      {
        any: [
          { question: 'a', op: 'answered' },
          { question: 'b', op: 'answered' },
        ],
      },
      { a: 'x' },
      true,
    ],
  ])('%j on %j holds: %s', (condition, answers, expected) => expect(holds(condition, answers)).toBe(expected));
});

describe('an answer', () => {
  const valid = (raw: unknown) => validateAnswers(MOBILITY, raw, isCommune);

  it('is kept normalised, only for the questions shown', () => {
    const result = valid({
      mode: 'velo',
      velo_freq: '3',
      velo_freins: { choices: ['meteo', 'securite', 'securite'] },
      priorites: ['bruit', 'temps'],
      satisfaction: { nord: 'bien' },
      usages: { sud: ['velo', 'pied'] },
      trajets: '12',
      depuis: '2020-02-29',
      commune: '44109',
      idee: '  Une piste  ',
      detail: 'Le long de la Loire',
    });
    expect(result.issues).toEqual([]);
    expect(result.answers).toEqual({
      mode: { choice: 'velo', other: null },
      velo_freq: 3,
      velo_freins: { choices: ['securite', 'meteo'], other: null },
      priorites: ['bruit', 'temps'],
      satisfaction: { nord: 'bien' },
      usages: { sud: ['pied', 'velo'] },
      trajets: 12,
      depuis: '2020-02-29',
      commune: '44109',
      idee: 'Une piste',
      detail: 'Le long de la Loire',
    });
  });

  it('is refused question by question, in French', () => {
    const result = valid({
      mode: { choice: OTHER, other: ' ' },
      velo_freq: 9,
      priorites: ['temps', 'temps'],
      satisfaction: { ouest: 'bien' },
      trajets: 2.5,
      depuis: '2021-02-29',
      commune: '75056',
      idee: 'x'.repeat(21),
      inconnue: 'oui',
    });
    expect(result.issues.map((i) => [i.path[1], i.message])).toEqual([
      ['inconnue', 'Aucune question « inconnue ».'],
      ['mode', 'Précisez « Autre ».'],
      ['priorites', 'Un choix n’est classé qu’une fois.'],
      ['satisfaction', '« ouest » n’est pas une ligne de la grille.'],
      ['trajets', 'Un nombre entier attendu.'],
      ['depuis', 'Une date au format AAAA-MM-JJ.'],
      ['commune', 'Choisissez une commune de la liste.'],
      ['idee', '20 caractères au plus.'],
    ]);
  });

  it('of a required question is required only when the question is shown', () => {
    expect(valid({}).issues).toEqual([{ path: ['answers', 'mode'], message: 'Cette question est obligatoire.' }]);
    expect(valid({ mode: 'voiture' }).issues).toEqual([]);
    expect(valid({ mode: 'velo' }).issues).toEqual([{ path: ['answers', 'velo_freq'], message: 'Cette question est obligatoire.' }]);
  });

  it('keeps multiple-choice limits', () => {
    expect(valid({ mode: 'velo', velo_freq: 2, velo_freins: { choices: ['pente', 'meteo', 'securite'] } }).issues[0].message).toBe(
      'Choisissez 2 réponses au plus.'
    );
    expect(valid({ mode: 'velo', velo_freq: 2, velo_freins: { choices: [OTHER], other: 'Les vols' } }).answers.velo_freins).toEqual({
      choices: [OTHER],
      other: 'Les vols',
    });
  });
});

describe('a file question', () => {
  const FILES: Definition = {
    pages: [{ key: 'p', title: 'Pièces', questions: [{ key: 'photos', label: 'Photos', type: 'file', required: true, maxFiles: 2 }] }],
  };
  it('takes the ids of files sent, up to its limit, each once', () => {
    expect(validateAnswers(FILES, { photos: [FILE_A, FILE_A, FILE_B] }, () => true).answers).toEqual({ photos: [FILE_A, FILE_B] });
    expect(validateAnswers(FILES, { photos: [FILE_A, FILE_B, FILE_C] }, () => true).issues).toEqual([
      { path: ['answers', 'photos'], message: '2 fichiers au plus.' },
    ]);
    expect(validateAnswers(FILES, { photos: ['../../etc/passwd'] }, () => true).issues[0].message).toBe('Joignez des fichiers déposés pour cette question.');
    expect(validateAnswers(FILES, { photos: [] }, () => true).issues[0].message).toBe('Cette question est obligatoire.');
  });
  it('asks for 1 to 5 files, and is exported as one column listing them', () => {
    const tooMany = { pages: [{ ...FILES.pages[0], questions: [{ ...FILES.pages[0].questions[0], maxFiles: 6 }] }] } as Definition;
    expect(definitionIssues(tooMany)).toEqual([{ path: ['pages', 0, 'questions', 0, 'maxFiles'], message: 'De 1 à 5 fichiers par question.' }]);
    expect(exportColumns(FILES)).toEqual([{ name: 'photos', question: 'photos', title: 'Photos', type: 'string' }]);
    expect(exportRow(FILES, { photos: [FILE_A, FILE_B] }, (id) => `nom de ${id}`)).toEqual([`nom de ${FILE_A}\nnom de ${FILE_B}`]);
  });
});

describe('the export', () => {
  it('has one column per question, per option of a multiple choice, per rank, per grid row or cell', () => {
    expect(exportColumns(MOBILITY).map((c) => c.name)).toEqual([
      'mode',
      'mode__autre',
      'velo_freq',
      'velo_freins__securite',
      'velo_freins__pente',
      'velo_freins__meteo',
      'velo_freins__autre',
      'velo_freins__autre_texte',
      'priorites__rang_1',
      'priorites__rang_2',
      'satisfaction__nord',
      'satisfaction__sud',
      'usages__nord__pied',
      'usages__nord__velo',
      'usages__sud__pied',
      'usages__sud__velo',
      'trajets',
      'depuis',
      'commune',
      'idee',
      'detail',
    ]);
  });
});

// ——— Properties, on questionnaires and answers drawn at random ———

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const choiceKeys = fc.uniqueArray(fc.constantFrom('k1', 'k2', 'k3', 'k4'), { minLength: 2, maxLength: 4 });
const questionArb = (k: string, earlier: string[]): fc.Arbitrary<Question> => {
  const condition: fc.Arbitrary<Condition | null> = earlier.length
    ? fc.option(
        fc.oneof(
          fc.record({ question: fc.constantFrom(...earlier), op: fc.constantFrom('answered' as const, 'not_answered' as const) }),
          fc.record({
            question: fc.constantFrom(...earlier),
            op: fc.constantFrom('equals' as const, 'not_equals' as const, 'matches' as const),
            value: fc.constantFrom('k1', 'k2', 'x', '3'),
          })
        ),
        { nil: null }
      )
    : fc.constant(null);
  const base = { key: fc.constant(k), label: fc.constant(`Question ${k}`), required: fc.boolean(), condition };
  return fc.oneof(
    fc.record({ ...base, type: fc.constant('short_text' as const), maxLength: fc.constant(10) }),
    fc.record({ ...base, type: fc.constant('single_choice' as const), options: choiceKeys.map((ks) => options(...ks)), other: fc.boolean() }),
    fc.record({ ...base, type: fc.constant('multiple_choice' as const), options: choiceKeys.map((ks) => options(...ks)), other: fc.boolean() }),
    fc.record({ ...base, type: fc.constant('ranking' as const), options: fc.constant(options('k1', 'k2', 'k3')), positions: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ ...base, type: fc.constant('matrix_multiple' as const), rows: fc.constant(options('r1', 'r2')), columns: fc.constant(options('k1', 'k2')) }),
    fc.record({ ...base, type: fc.constant('scale' as const), min: fc.constant(0), max: fc.constant(10) }),
    fc.record({ ...base, type: fc.constant('file' as const), maxFiles: fc.integer({ min: 1, max: 3 }) })
  ) as fc.Arbitrary<Question>;
};
const definitionArb: fc.Arbitrary<Definition> = fc.integer({ min: 1, max: 5 }).chain((n) => {
  const keys = ['a', 'b', 'c', 'd', 'e'].slice(0, n);
  return fc.tuple(...keys.map((k, i) => questionArb(k, keys.slice(0, i)))).map((questions) => ({ pages: [{ key: 'p', title: 'Page', questions }] }));
});
const rawValue = fc.oneof(
  fc.constantFrom('k1', 'k2', 'x', '', '3', OTHER),
  fc.integer({ min: -2, max: 12 }),
  fc.uniqueArray(fc.constantFrom('k1', 'k2', 'k3', OTHER), { maxLength: 3 }),
  fc.record({ choice: fc.constantFrom('k1', 'k2', OTHER), other: fc.constantFrom('texte', '') }),
  fc.record({ choices: fc.uniqueArray(fc.constantFrom('k1', 'k2', OTHER), { maxLength: 3 }), other: fc.constantFrom('texte', '') }),
  fc.record({ r1: fc.constantFrom(['k1'], ['k2', 'k1']), r2: fc.constant([] as string[]) }),
  fc.uniqueArray(fc.constantFrom(FILE_A, FILE_B, FILE_C, 'f_court'), { maxLength: 4 })
);
const rawAnswers = fc.dictionary(key, rawValue, { maxKeys: 5 });

describe('properties', () => {
  it('a generated definition is valid, and its export has as many cells as columns, whatever the answers', () => {
    fc.assert(
      fc.property(definitionArb, rawAnswers, (definition, raw) => {
        expect(definitionIssues(definition)).toEqual([]);
        const { answers } = validateAnswers(definition, raw, isCommune);
        expect(exportRow(definition, answers)).toHaveLength(exportColumns(definition).length);
      })
    );
  });

  it('what validation keeps is valid again and unchanged (validation is idempotent)', () => {
    fc.assert(
      fc.property(definitionArb, rawAnswers, (definition, raw) => {
        const first = validateAnswers(definition, raw, isCommune);
        const again = validateAnswers(definition, first.answers, isCommune);
        expect(again.answers).toEqual(first.answers);
        expect(again.issues.filter((i) => i.message !== 'Cette question est obligatoire.')).toEqual([]);
      })
    );
  });

  it('a text within its length, a note within its scale, a known choice are kept as sent (trimmed)', () => {
    const definition: Definition = {
      pages: [
        {
          key: 'p',
          title: 'Page',
          questions: [
            { key: 'texte', label: 'Texte', type: 'short_text', maxLength: 10, required: false },
            { key: 'note', label: 'Note', type: 'scale', min: 0, max: 10, required: false },
            { key: 'choix', label: 'Choix', type: 'single_choice', options: options('k1', 'k2', 'k3'), other: false, required: false },
          ],
        },
      ],
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom('k1', 'k2', 'k3'), (text, note, choice) => {
        const { answers, issues } = validateAnswers(definition, { texte: text, note, choix: choice }, isCommune);
        expect(issues).toEqual([]);
        expect(answers).toEqual({ ...(text.trim() ? { texte: text.trim() } : {}), note, choix: { choice, other: null } });
      })
    );
  });

  it('an answer is kept only for a question shown, and answers to hidden questions never change the export', () => {
    fc.assert(
      fc.property(definitionArb, rawAnswers, rawAnswers, (definition, raw, noise) => {
        const { answers } = validateAnswers(definition, raw, isCommune);
        const shown = new Set(visibleQuestions(definition, answers).questions.map((q) => q.key));
        for (const k of Object.keys(answers)) expect(shown.has(k)).toBe(true);
        const hidden = Object.fromEntries(Object.entries(noise).filter(([k]) => !shown.has(k) && questionsOf(definition).some((q) => q.key === k)));
        // Noise on hidden questions may reveal nothing: they are hidden because earlier answers say so.
        expect(exportRow(definition, { ...hidden, ...answers })).toEqual(exportRow(definition, answers));
      })
    );
  });
});
