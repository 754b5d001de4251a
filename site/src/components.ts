/** Pieces several views use: the commune picker, the support and follow toggles, the report form. */
import { api, ok } from './api/client';
import type { paths } from './api/schema';
import { announce, el } from './dom';
import { errorBox, onSubmit, statusRegion } from './shell';

export type Commune = { code: string; name: string };

/**
 * A commune by name: a text field with suggestions (datalist) from the territories the API knows, accent- and
 * case-blind. The value reads « Nantes (44109) »; `commune()` gives the INSEE code once one is chosen.
 */
export function communePicker(options: { id: string; name: string; label: string; required?: boolean; initial?: Commune | null; onChoose?: (commune: Commune | null) => void }) {
  const list = el('datalist', { id: `${options.id}-liste` });
  const help = el('p', { id: `${options.id}-aide`, class: 'hint' }, 'Tapez au moins deux lettres du nom, puis choisissez dans la liste.');
  const input = el('input', {
    id: options.id,
    name: options.name,
    list: list.id,
    required: options.required ?? false,
    autocomplete: 'off',
    'aria-describedby': help.id,
    value: options.initial ? `${options.initial.name} (${options.initial.code})` : '',
  });
  const parse = (): Commune | null => {
    const match = /^(.*) \((\d[0-9AB]\d{3})\)$/.exec(input.value.trim());
    return match ? { name: match[1], code: match[2] } : null;
  };
  let asked = 0;
  input.addEventListener('input', async () => {
    const chosen = parse();
    options.onChoose?.(chosen);
    const q = input.value.trim().replace(/\s*\(.*$/, '');
    if (chosen || q.length < 2) return;
    const mine = ++asked;
    const found = await ok(api.GET('/territories', { params: { query: { kind: 'commune', q, pageSize: '20' } } })).catch(() => null);
    if (mine !== asked || !found) return;
    list.replaceChildren(...found.data.map((t) => el('option', { value: `${t.name} (${t.inseeCode})` })));
  });
  const field = el('div', { class: 'field' }, el('label', { for: options.id }, options.label, options.required ? null : el('span', { class: 'hint' }, ' (facultatif)')), help, input, list);
  return { field, input, commune: parse };
}

/** A toggle button (aria-pressed) whose label says the count, for supporting a contribution. */
export function supportButton(contribution: { documentId: string; counts: { supports: number }; viewer: { canSupport: boolean; hasSupported: boolean } }) {
  let supported = contribution.viewer.hasSupported;
  const label = (count: number) => `${supported ? 'Soutenue' : 'Soutenir'} (${count})`;
  const button = el('button', { type: 'button', 'aria-pressed': String(supported), disabled: !contribution.viewer.canSupport && !supported }, label(contribution.counts.supports));
  button.addEventListener('click', async () => {
    const path = { params: { path: { id: contribution.documentId } } };
    try {
      const { data } = await ok(supported ? api.DELETE('/contributions/{id}/supports', path) : api.POST('/contributions/{id}/supports', path));
      supported = data.hasSupported;
      button.setAttribute('aria-pressed', String(supported));
      button.textContent = label(data.supportsCount);
      announce(supported ? `Vous soutenez cette contribution (${data.supportsCount} soutiens).` : 'Votre soutien est retiré.');
    } catch (error) {
      button.after(errorBox(error));
    }
  });
  return button;
}

/** « Suivre » a consultation or a contribution: a toggle button and what it changed, said politely. */
export function followButton(target: { kind: 'consultation'; slug: string } | { kind: 'contribution'; id: string }, following: boolean) {
  const status = el('span', { class: 'hint', role: 'status' });
  const button = el('button', { type: 'button', 'aria-pressed': String(following) }, target.kind === 'consultation' ? 'Suivre cette consultation' : 'Suivre cette contribution');
  button.addEventListener('click', async () => {
    try {
      const result =
        target.kind === 'consultation'
          ? await ok(following ? api.DELETE('/consultations/{slug}/follow', { params: { path: { slug: target.slug } } }) : api.POST('/consultations/{slug}/follow', { params: { path: { slug: target.slug } } }))
          : await ok(following ? api.DELETE('/contributions/{id}/follow', { params: { path: { id: target.id } } }) : api.POST('/contributions/{id}/follow', { params: { path: { id: target.id } } }));
      following = result.data.following;
      button.setAttribute('aria-pressed', String(following));
      const what = target.kind === 'consultation' ? 'cette consultation' : 'cette contribution';
      status.textContent = following ? `Vous suivez ${what}.` : `Vous ne suivez plus ${what}.`;
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  return el('p', { class: 'follow' }, button, ' ', status, ' ', el('a', { href: '#/notifications' }, 'Choisir quand être prévenu·e'));
}

type ReportReason = NonNullable<paths['/contributions/{id}/reports']['post']['requestBody']>['content']['application/json']['reason'];

const REPORT_REASONS: [ReportReason, string][] = [
  ['spam', 'Publicité ou contenu répété'],
  ['insulting', 'Propos injurieux, haineux ou discriminatoires'],
  ['off_topic', 'Hors sujet'],
  ['personal_data', 'Données personnelles (les miennes ou celles d’un tiers)'],
  ['other', 'Autre raison'],
];

/**
 * « Signaler » : a disclosure button opening a short form (a reason, details), sent once per person. The
 * moderators read it; the person reported is not told who reported.
 */
export function reportControl(target: { kind: 'contribution' | 'comment'; id: string }, viewer: { canReport: boolean; hasReported: boolean }) {
  if (viewer.hasReported) return el('p', { class: 'hint' }, 'Vous avez signalé ce contenu ; les modérateurs l’examinent.');
  if (!viewer.canReport) return null;
  const id = `signaler-${target.id}`;
  const status = statusRegion();
  const form = el('form', { id, class: 'report', hidden: true, novalidate: true },
    el('fieldset', {}, el('legend', {}, 'Pourquoi signalez-vous ce contenu ?'),
      REPORT_REASONS.map(([value, label]) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'reason', value, required: true }), label))),
    el('label', { for: `${id}-precisions` }, 'Précisions ', el('span', { class: 'hint' }, '(facultatif)')),
    el('textarea', { id: `${id}-precisions`, name: 'details', rows: 3, maxlength: 1000 }),
    el('button', { type: 'submit' }, 'Envoyer le signalement'),
    status);
  const toggle = el('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': id }, 'Signaler');
  toggle.addEventListener('click', () => {
    const open = form.hidden;
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) form.querySelector<HTMLInputElement>('input')?.focus();
  });
  onSubmit(form, status, async (values) => {
    const reason = REPORT_REASONS.find(([value]) => value === values.get('reason'))?.[0];
    if (!reason) throw new Error('Choisissez une raison.');
    const details = String(values.get('details') ?? '').trim();
    const body = { reason, ...(details ? { details } : {}) };
    if (target.kind === 'contribution') await ok(api.POST('/contributions/{id}/reports', { params: { path: { id: target.id } }, body }));
    else await ok(api.POST('/comments/{id}/reports', { params: { path: { id: target.id } }, body }));
    form.querySelectorAll('input, textarea, button').forEach((c) => c.setAttribute('disabled', ''));
    toggle.disabled = true;
    return 'Merci, votre signalement est transmis aux modérateurs.';
  });
  return el('div', { class: 'report-control' }, toggle, form);
}
