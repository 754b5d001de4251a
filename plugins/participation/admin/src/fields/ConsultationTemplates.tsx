import * as React from 'react';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useForm } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';

type PhaseKind = 'information' | 'contribution' | 'vote' | 'analysis';
type Template = {
  /** Each phase's kind, French title and share of the opening period. */
  phases: { kind: PhaseKind; title: string; share: number }[];
  /** The participation rules the kind of consultation usually has. */
  rules: { allowContributions: boolean; allowSupports: boolean; allowComments: boolean; moderationMode: 'a_priori' | 'a_posteriori' };
};

const OPEN_PARTICIPATION = { allowContributions: true, allowSupports: true, allowComments: true, moderationMode: 'a_priori' } as const;

/** Consultation templates by kind: phases and rules prefilled, dates spread over the opening period. */
type TemplateKey = 'concertation' | 'avis' | 'vote' | 'information';
export const CONSULTATION_TEMPLATES: Record<TemplateKey, Template> = {
  concertation: {
    phases: [
      { kind: 'information', title: 'Information', share: 0.15 },
      { kind: 'contribution', title: 'Contributions', share: 0.6 },
      { kind: 'analysis', title: 'Analyse et synthèse', share: 0.25 },
    ],
    rules: OPEN_PARTICIPATION,
  },
  avis: {
    phases: [
      { kind: 'contribution', title: 'Recueil des avis', share: 0.85 },
      { kind: 'analysis', title: 'Analyse et synthèse', share: 0.15 },
    ],
    rules: OPEN_PARTICIPATION,
  },
  vote: {
    phases: [
      { kind: 'information', title: 'Information', share: 0.1 },
      { kind: 'contribution', title: 'Propositions', share: 0.45 },
      { kind: 'vote', title: 'Vote', share: 0.3 },
      { kind: 'analysis', title: 'Résultats', share: 0.15 },
    ],
    rules: OPEN_PARTICIPATION,
  },
  information: {
    phases: [{ kind: 'information', title: 'Information du public', share: 1 }],
    rules: { allowContributions: false, allowSupports: false, allowComments: false, moderationMode: 'a_priori' },
  },
};

const DAY = 86_400_000;

/** Without dates in the form: opening tomorrow at 9:00, closing six weeks later at 17:00. */
function defaultWindow(now = new Date()) {
  const opensAt = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
  const closesAt = new Date(opensAt.getFullYear(), opensAt.getMonth(), opensAt.getDate() + 42, 17, 0);
  return { opensAt, closesAt };
}

const validDate = (value: unknown) => {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** The template's phases over [opensAt, closesAt]: boundaries on whole days from the opening, the last at the closing. */
export function phasesOf(template: Template, opensAt: Date, closesAt: Date) {
  const total = closesAt.getTime() - opensAt.getTime();
  let start = opensAt;
  let share = 0;
  return template.phases.map((phase, i) => {
    share += phase.share;
    const last = i === template.phases.length - 1;
    const end = last ? closesAt : new Date(opensAt.getTime() + Math.max(Math.round((share * total) / DAY), 1) * DAY);
    const result = { kind: phase.kind, title: phase.title, startsAt: start.toISOString(), endsAt: (end > closesAt ? closesAt : end).toISOString() };
    start = end > closesAt ? closesAt : end;
    return result;
  });
}

/**
 * « Modèle de consultation »: choosing a kind fills the phases (and the dates and rules when the form has none
 * or the kind needs them) in one action; everything stays editable until the form is saved.
 */
export function ConsultationTemplates({ phasesField, replacing }: { phasesField: string; replacing: boolean }) {
  const t = useT();
  const values = useForm('ConsultationTemplates', (state) => state.values) as Record<string, unknown>;
  const onChange = useForm('ConsultationTemplates', (state) => state.onChange);
  const [chosen, setChosen] = React.useState<string>('');

  const apply = (key: string) => {
    if (!(key in CONSULTATION_TEMPLATES)) return;
    const template = CONSULTATION_TEMPLATES[key as TemplateKey];
    setChosen(key);
    let opensAt = validDate(values.opensAt);
    let closesAt = validDate(values.closesAt);
    if (!opensAt || !closesAt || opensAt >= closesAt) {
      const window = defaultWindow();
      opensAt = opensAt && opensAt < window.closesAt ? opensAt : window.opensAt;
      closesAt = closesAt && closesAt > opensAt ? closesAt : new Date(opensAt.getTime() + 42 * DAY);
      onChange('opensAt', opensAt.toISOString());
      onChange('closesAt', closesAt.toISOString());
    }
    onChange(phasesField, phasesOf(template, opensAt, closesAt));
    for (const [rule, value] of Object.entries(template.rules)) if (rule in values) onChange(rule, value);
  };

  return (
    <Field.Root name={`${phasesField}-template`} hint={replacing ? t('templates.replaces') : t('templates.hint')}>
      <Field.Label>{t('templates.label')}</Field.Label>
      <SingleSelect value={chosen} placeholder={t('templates.placeholder')} onChange={(v) => apply(String(v))}>
        {(Object.keys(CONSULTATION_TEMPLATES) as TemplateKey[]).map((key) => (
          <SingleSelectOption key={key} value={key}>
            {t(`templates.${key}`)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
    </Field.Root>
  );
}
