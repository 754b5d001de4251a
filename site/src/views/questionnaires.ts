/** Questionnaires: the list, the answering page page by page with its conditions live, draft and receipt, published charts. */
import { api, ApiError, ok, type Schemas } from '../api/client';
import { communePicker } from '../components';
import { announce, date, el, message, paragraphs, plural, type Child } from '../dom';
import { session } from '../session';
import { errorBox, signInOrUp, type Params, type View } from '../shell';
import { FILE_ANSWERS, OTHER, visibleQuestions, type Answers, type Definition, type Question } from '../../../plugins/participation/shared/questionnaire';

type Result = Schemas['QuestionResult'];
type SentFile = Schemas['AnswerFile'];

/** What a file question needs to send files: the questionnaire, and the files a saved response already joins. */
type FileContext = { slug: string; joined: SentFile[] };

const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} ko` : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

export async function questionnairesView(): Promise<View> {
  const { data } = await ok(api.GET('/questionnaires', { params: { query: {} } }));
  return {
    title: 'Questionnaires',
    content: [
      el('h1', {}, 'Questionnaires'),
      el('p', {}, 'Donnez votre avis en quelques minutes, en ligne ; les mêmes questionnaires circulent aussi sur papier.'),
      data.length
        ? el(
            'ul',
            { class: 'cards' },
            data.map((q) =>
              el(
                'li',
                { class: 'card' },
                el('h2', {}, el('a', { href: `#/q/${q.slug}` }, q.title)),
                el('p', {}, el('span', { class: 'status' }, q.stateLabel), ` · jusqu’au ${date(q.closesAt)} · ${plural(q.respondents, 'réponse')}`),
                q.description ? el('p', {}, q.description) : null
              )
            )
          )
        : el('p', {}, 'Aucun questionnaire pour le moment.'),
    ],
  };
}

/** The answers as the form holds them, in the shape the API reads (choices by key, grids by row, ranks in order). */
function readAnswers(form: HTMLFormElement, definition: Definition, communes: Map<string, () => { code: string } | null>): Answers {
  const values = new FormData(form);
  const answers: Answers = {};
  const one = (name: string) => String(values.get(name) ?? '').trim();
  for (const page of definition.pages)
    for (const q of page.questions) {
      switch (q.type) {
        case 'single_choice': {
          const choice = one(q.key);
          if (choice) answers[q.key] = { choice, other: choice === OTHER ? one(`${q.key}__autre`) : null };
          break;
        }
        case 'multiple_choice': {
          const choices = values.getAll(q.key).map(String);
          if (choices.length) answers[q.key] = { choices, other: choices.includes(OTHER) ? one(`${q.key}__autre`) : null };
          break;
        }
        case 'ranking': {
          const ranked = Array.from({ length: q.positions }, (_, i) => one(`${q.key}__${i + 1}`)).filter(Boolean);
          if (ranked.length) answers[q.key] = ranked;
          break;
        }
        case 'matrix_single':
        case 'matrix_multiple': {
          const grid: Record<string, string | string[]> = {};
          for (const r of q.rows) {
            const cells = values.getAll(`${q.key}__${r.key}`).map(String);
            if (cells.length) grid[r.key] = q.type === 'matrix_single' ? cells[0] : cells;
          }
          if (Object.keys(grid).length) answers[q.key] = grid;
          break;
        }
        case 'scale':
        case 'number': {
          const n = one(q.key);
          if (n) answers[q.key] = Number(n.replace(',', '.'));
          break;
        }
        case 'commune': {
          const code = communes.get(q.key)?.()?.code;
          if (code) answers[q.key] = code;
          break;
        }
        case 'file': {
          const ids = values.getAll(`${q.key}__fichier`).map(String);
          if (ids.length) answers[q.key] = ids;
          break;
        }
        default: {
          const v = one(q.key);
          if (v) answers[q.key] = v;
        }
      }
    }
  return answers;
}

/** Checked or chosen when the saved draft says so. */
const saved = (answers: Answers, key: string) => answers[key] as unknown;

/**
 * A file question: the file is sent as soon as it is chosen (a PDF, JPEG or PNG of 5 Mo at most), then listed with a
 * button to take it back; the answer is the ids of the files listed. A refusal is said beside the field.
 */
function fileField(q: Extract<Question, { type: 'file' }>, ids: string[], context: FileContext, legend: Child, hint: HTMLElement | null): HTMLElement {
  const id = `q-${q.key}`;
  const list = el('ul', { class: 'files', 'aria-live': 'polite' });
  const problem = el('p', { class: 'field-error', role: 'alert', hidden: true });
  const input = el('input', {
    type: 'file',
    id,
    name: q.key,
    accept: FILE_ANSWERS.accept,
    'aria-describedby': hint ? hint.id : null,
  });
  const sync = () => (input.disabled = list.children.length >= q.maxFiles);
  const add = (file: SentFile) => {
    const item: HTMLElement = el(
      'li',
      {},
      `${file.name} (${sizeOf(file.bytes)}) `,
      el('input', { type: 'hidden', name: `${q.key}__fichier`, value: file.id }),
      el('button', { type: 'button', onclick: () => (item.remove(), sync(), input.focus()) }, `Retirer ${file.name}`)
    );
    list.append(item);
    sync();
  };
  for (const file of context.joined) if (file.question === q.key && ids.includes(file.id)) add(file);
  input.addEventListener('change', async () => {
    const chosen = input.files?.[0];
    if (!chosen) return;
    problem.hidden = true;
    input.removeAttribute('aria-invalid');
    try {
      if (chosen.size > FILE_ANSWERS.maxBytes) throw new Error(`« ${chosen.name} » pèse plus de 5 Mo : choisissez un fichier plus léger.`);
      const { data } = await ok(
        api.POST('/questionnaires/{slug}/files', {
          params: { path: { slug: context.slug } },
          body: { question: q.key, file: chosen.name },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append('question', body.question);
            form.append('file', chosen);
            return form;
          },
        })
      );
      add(data);
    } catch (error) {
      problem.textContent = error instanceof ApiError || error instanceof Error ? error.message : 'Le fichier n’a pas pu être envoyé.';
      problem.hidden = false;
      input.setAttribute('aria-invalid', 'true');
    } finally {
      input.value = '';
    }
  });
  return el(
    'fieldset',
    { class: 'question', 'data-question': q.key, 'aria-describedby': hint ? hint.id : null },
    el('legend', {}, legend),
    hint,
    el('label', { for: id }, q.maxFiles > 1 ? 'Ajouter un fichier' : 'Choisir un fichier'),
    input,
    problem,
    list
  );
}

/** One question as a form control: a group of radios or boxes (fieldset and legend), a list, a field; its help and limits said. */
function questionField(q: Question, draft: Answers, communes: Map<string, () => { code: string } | null>, files: FileContext): HTMLElement {
  const id = `q-${q.key}`;
  const hintId = `${id}-aide`;
  const hints: string[] = [];
  if (q.help) hints.push(q.help);
  if (q.type === 'multiple_choice' && (q.min || q.max))
    hints.push(q.max ? `${q.min ? `De ${q.min} à ${q.max}` : `Jusqu’à ${q.max}`} choix.` : `Au moins ${q.min} choix.`);
  if (q.type === 'short_text' || q.type === 'long_text') hints.push(`${q.maxLength} caractères au plus.`);
  if (q.type === 'ranking') hints.push(`Classez ${q.positions} choix, le premier en tête.`);
  if (q.type === 'file')
    hints.push(
      `PDF, JPEG ou PNG, 5 Mo au plus${q.maxFiles > 1 ? ` ; jusqu’à ${q.maxFiles} fichiers` : ''}. Vos fichiers ne sont jamais publiés : seule l’équipe du Département les lit.`
    );
  const hint = hints.length ? el('p', { id: hintId, class: 'hint' }, hints.join(' ')) : null;
  const described = hint ? hintId : null;
  const title = [
    q.label,
    q.required ? [el('span', { class: 'required', 'aria-hidden': 'true' }, ' *'), el('span', { class: 'visually-hidden' }, ' (obligatoire)')] : null,
  ];
  const group = (children: Child) =>
    el('fieldset', { class: 'question', id, 'data-question': q.key, 'aria-describedby': described }, el('legend', {}, title), hint, children);
  const value = saved(draft, q.key);
  const radio = (name: string, v: string, label: string, checked: boolean, i: number, type = 'radio') =>
    el('label', { class: 'choice' }, el('input', { type, name, value: v, checked, id: i === 0 ? `q-${name}-1` : null }), ` ${label}`);
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const chosen =
        q.type === 'single_choice' ? [(value as { choice?: string } | undefined)?.choice] : ((value as { choices?: string[] } | undefined)?.choices ?? []);
      const type = q.type === 'single_choice' ? 'radio' : 'checkbox';
      const other = (value as { other?: string | null } | undefined)?.other ?? '';
      return group([
        q.options.map((o, i) => radio(q.key, o.key, o.label, chosen.includes(o.key), i, type)),
        q.other
          ? [
              radio(q.key, OTHER, 'Autre', chosen.includes(OTHER), q.options.length, type),
              el('label', { for: `${id}-autre`, class: 'visually-hidden' }, `${q.label} — précisez « Autre »`),
              el('input', { id: `${id}-autre`, name: `${q.key}__autre`, type: 'text', maxlength: 200, value: other, placeholder: 'Précisez' }),
            ]
          : null,
      ]);
    }
    case 'ranking': {
      const ranked = (value as string[] | undefined) ?? [];
      return group(
        Array.from({ length: q.positions }, (_, i) =>
          el(
            'div',
            { class: 'field' },
            el('label', { for: `${id}-${i + 1}` }, `Rang ${i + 1}`),
            el(
              'select',
              { id: `${id}-${i + 1}`, name: `${q.key}__${i + 1}` },
              el('option', { value: '' }, '—'),
              q.options.map((o) => el('option', { value: o.key, selected: ranked[i] === o.key }, o.label))
            )
          )
        )
      );
    }
    case 'matrix_single':
    case 'matrix_multiple': {
      const grid = (value as Record<string, string | string[]> | undefined) ?? {};
      return group(
        el(
          'table',
          { class: 'grid' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('td', {}),
              q.columns.map((c) => el('th', { scope: 'col' }, c.label))
            )
          ),
          el(
            'tbody',
            {},
            q.rows.map((r) =>
              el(
                'tr',
                {},
                el('th', { scope: 'row', id: `${id}-${r.key}` }, r.label),
                q.columns.map((c) => {
                  const cell = grid[r.key];
                  const checked = Array.isArray(cell) ? cell.includes(c.key) : cell === c.key;
                  return el(
                    'td',
                    {},
                    el('input', {
                      type: q.type === 'matrix_single' ? 'radio' : 'checkbox',
                      name: `${q.key}__${r.key}`,
                      value: c.key,
                      checked,
                      'aria-label': `${r.label} : ${c.label}`,
                    })
                  );
                })
              )
            )
          )
        )
      );
    }
    case 'scale':
      return group(
        el(
          'div',
          { class: 'scale' },
          q.minLabel ? el('span', { class: 'hint' }, q.minLabel) : null,
          Array.from({ length: q.max - q.min + 1 }, (_, i) => radio(q.key, String(q.min + i), String(q.min + i), value === q.min + i, i)),
          q.maxLabel ? el('span', { class: 'hint' }, q.maxLabel) : null
        )
      );
    case 'file':
      return fileField(q, Array.isArray(value) ? (value as string[]) : [], files, title, hint);
    case 'commune': {
      const picker = communePicker({ id, name: q.key, label: q.label, required: false });
      communes.set(q.key, picker.commune);
      return el('div', { class: 'question', 'data-question': q.key }, picker.field);
    }
    default: {
      const attrs = {
        id,
        name: q.key,
        'aria-describedby': described,
        'aria-required': q.required ? 'true' : null,
        value: value === undefined ? '' : String(value),
      };
      const control =
        q.type === 'long_text'
          ? el('textarea', { ...attrs, maxlength: q.maxLength, rows: 5 }, value === undefined ? '' : String(value))
          : el('input', {
              ...attrs,
              type: q.type === 'number' ? 'text' : q.type === 'date' ? 'date' : 'text',
              inputmode: q.type === 'number' ? 'decimal' : null,
              maxlength: q.type === 'short_text' ? q.maxLength : null,
            });
      return el('div', { class: 'field question', 'data-question': q.key }, el('label', { for: id }, title), hint, control);
    }
  }
}

/** A published chart as a table a screen reader reads, with a bar for the eye. */
function resultTable(r: Result): HTMLElement {
  const rows: [string, number][] = r.options
    ? r.options.map((o) => [o.label, o.count])
    : r.ranking
      ? r.ranking.map((o) => [`${o.label} (score ${o.score})`, o.positions[0] ?? 0])
      : (r.rows ?? []).flatMap((row) => row.columns.map((c): [string, number] => [`${row.label} — ${c.label}`, c.count]));
  const of = Math.max(1, r.answered);
  return el(
    'section',
    { class: 'chart' },
    el('h3', {}, r.label),
    el(
      'p',
      { class: 'meta' },
      plural(r.answered, 'personne a répondu', 'personnes ont répondu'),
      r.stats ? ` · moyenne ${r.stats.mean.toLocaleString('fr-FR')}` : ''
    ),
    el(
      'table',
      {},
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, r.ranking ? 'Choix (classé premier)' : 'Réponse'),
          el('th', { scope: 'col' }, 'Nombre'),
          el('th', { scope: 'col' }, 'Part')
        )
      ),
      el(
        'tbody',
        {},
        rows.map(([label, n]) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, label),
            el('td', {}, n.toLocaleString('fr-FR')),
            el(
              'td',
              {},
              el('span', { class: 'bar', style: `--share:${Math.round((100 * n) / of)}%`, 'aria-hidden': 'true' }),
              ` ${Math.round((100 * n) / of)} %`
            )
          )
        )
      )
    )
  );
}

export async function questionnaireView({ path: [slug], query }: Params): Promise<View> {
  // Registration questions: back to the meeting once sent (only a meeting's page of this site: no open redirect).
  const meeting = /^\/reunions\/[a-z0-9-]+$/.test(query.get('retour') ?? '') ? query.get('retour')! : null;
  const [{ data: q }, mine, charts] = await Promise.all([
    ok(api.GET('/questionnaires/{slug}', { params: { path: { slug } } })),
    session.signedIn
      ? ok(api.GET('/questionnaires/{slug}/responses/mine', { params: { path: { slug } } })).catch(() => ({ data: null }))
      : Promise.resolve({ data: null }),
    ok(api.GET('/questionnaires/{slug}/results', { params: { path: { slug } } })),
  ]);
  const definition = q.definition as Definition;
  const published = charts.data.questions.length
    ? el(
        'section',
        { 'aria-labelledby': 'resultats' },
        el('h2', { id: 'resultats' }, 'Résultats publiés'),
        el('p', {}, plural(charts.data.respondents.total, 'réponse')),
        charts.data.questions.map(resultTable)
      )
    : null;
  const head = [
    el('h1', {}, q.title),
    el('p', { class: 'meta' }, `${q.stateLabel} · du ${date(q.opensAt)} au ${date(q.closesAt)}`),
    ...paragraphs(q.description),
  ];
  if (mine.data?.status === 'submitted' && !q.viewer.canAnswer)
    return { title: q.title, content: [head, message('success', `Votre réponse est enregistrée. Récépissé : ${mine.data.receipt}`), published] };
  if (!q.viewer.canAnswer) {
    const why =
      q.viewer.mustSignIn && q.state === 'open'
        ? el('p', { class: 'notice' }, 'Pour répondre : ', signInOrUp())
        : el('p', { class: 'notice' }, q.state === 'closed' ? 'Ce questionnaire est clos.' : 'Ce questionnaire n’est pas encore ouvert.');
    return { title: q.title, content: [head, why, published] };
  }

  const draft = (mine.data?.answers ?? {}) as Answers;
  const communes = new Map<string, () => { code: string } | null>();
  const pages = definition.pages.map((p, i) =>
    el(
      'fieldset',
      { class: 'page', 'data-page': i, hidden: i > 0 },
      el('legend', {}, el('h2', {}, p.title)),
      ...paragraphs(p.description ?? null),
      p.questions.map((x) => questionField(x, draft, communes, { slug, joined: mine.data?.files ?? [] }))
    )
  );
  const progress = el('progress', { max: definition.pages.length, value: 1, 'aria-labelledby': 'avancement' });
  const progressText = el('p', { id: 'avancement', role: 'status' });
  const status = el('div', { class: 'form-status' });
  const previous = el('button', { type: 'button' }, 'Page précédente');
  const next = el('button', { type: 'button', class: 'primary' }, 'Page suivante');
  const saveDraft = session.signedIn ? el('button', { type: 'button' }, 'Enregistrer et reprendre plus tard') : null;
  const send = el('button', { type: 'submit', class: 'primary' }, 'Envoyer mes réponses');
  const form = el('form', { novalidate: true, 'aria-label': q.title }, pages, status, el('p', { class: 'actions' }, previous, next, saveDraft, send));
  let current = 0;

  /** The pages that have a question shown, given the answers so far: a page whose questions are all hidden is skipped. */
  const refresh = () => {
    const { questions } = visibleQuestions(definition, readAnswers(form, definition, communes));
    const shown = new Set(questions.map((x) => x.key));
    form.querySelectorAll<HTMLElement>('[data-question]').forEach((node) => (node.hidden = !shown.has(node.dataset.question!)));
    const live = definition.pages.map((p, i) => (p.questions.some((x) => shown.has(x.key)) ? i : -1)).filter((i) => i >= 0);
    if (!live.includes(current)) current = live.find((i) => i > current) ?? live[live.length - 1] ?? 0;
    pages.forEach((p, i) => (p.hidden = i !== current));
    const position = live.indexOf(current) + 1;
    progress.value = position;
    progress.max = live.length;
    progressText.textContent = `Page ${position} sur ${live.length}`;
    previous.hidden = position <= 1;
    next.hidden = position >= live.length;
    send.hidden = position < live.length;
    return live;
  };
  const go = (step: 1 | -1) => {
    const live = refresh();
    current = live[live.indexOf(current) + step] ?? current;
    refresh();
    pages[current].querySelector('legend')?.setAttribute('tabindex', '-1');
    (pages[current].querySelector('legend') as HTMLElement | null)?.focus();
    announce(progressText.textContent ?? '');
  };
  previous.addEventListener('click', () => go(-1));
  next.addEventListener('click', () => go(1));
  form.addEventListener('input', () => void refresh());
  form.addEventListener('change', () => void refresh());

  /** Sends or saves; a refusal is said per question, the page of the first one shown, nothing typed lost. */
  const submit = async (final: boolean) => {
    const buttons = form.querySelectorAll<HTMLButtonElement>('button');
    buttons.forEach((b) => (b.disabled = true));
    try {
      const answers = readAnswers(form, definition, communes);
      const { questions } = visibleQuestions(definition, answers);
      const kept = Object.fromEntries(Object.entries(answers).filter(([k]) => questions.some((x) => x.key === k)));
      // A sent response that may still change is replaced; otherwise the answer is sent (a draft becomes it).
      const body =
        final && mine.data?.status !== 'submitted'
          ? await ok(api.POST('/questionnaires/{slug}/responses', { params: { path: { slug } }, body: { answers: kept } }))
          : await ok(api.PUT('/questionnaires/{slug}/responses/mine', { params: { path: { slug } }, body: { answers: kept, submit: final } }));
      if (final) {
        form.replaceWith(
          el(
            'div',
            { class: 'success', role: 'status', tabindex: -1, id: 'recepisse' },
            el('p', {}, 'Merci, vos réponses sont enregistrées.'),
            el('p', {}, 'Votre récépissé : ', el('strong', {}, body.data.receipt), ' — conservez-le.'),
            q.receiptNote ? el('p', {}, q.receiptNote) : null,
            meeting ? el('p', {}, el('a', { href: `#${meeting}` }, 'Revenir à la réunion pour vous inscrire')) : null
          )
        );
        document.getElementById('recepisse')?.focus();
      } else status.replaceChildren(message('success', 'Brouillon enregistré : vous pourrez reprendre plus tard, depuis ce navigateur ou un autre.'));
    } catch (error) {
      status.replaceChildren(errorBox(error, form));
      const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      const page = first?.closest<HTMLElement>('[data-page]');
      if (page) {
        current = Number(page.dataset.page);
        refresh();
      }
      (status.firstElementChild as HTMLElement | null)?.setAttribute('tabindex', '-1');
      (status.firstElementChild as HTMLElement | null)?.focus();
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(true);
  });
  saveDraft?.addEventListener('click', () => void submit(false));
  refresh();
  return {
    title: q.title,
    content: [
      head,
      mine.data?.status === 'draft' ? message('notice', 'Vous reprenez votre brouillon.') : null,
      mine.data?.status === 'submitted'
        ? message('notice', `Vous avez déjà répondu (récépissé ${mine.data.receipt}) : vos modifications remplaceront votre réponse.`)
        : null,
      el('p', { class: 'hint' }, 'Les questions marquées * sont obligatoires. Certaines n’apparaissent que selon vos réponses précédentes.'),
      progressText,
      progress,
      form,
      published,
    ],
  };
}
