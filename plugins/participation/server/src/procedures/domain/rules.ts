/**
 * The legal procedures a consultation may run, their rules as data, and the calendar they impose. Pure: no Strapi,
 * no clock (the caller passes `now`).
 *
 * Each figure cites its article (Code de l'environnement unless said otherwise; CRPA: Code des relations entre le
 * public et l'administration). Days are counted on the calendar of Paris (Europe/Paris, daylight saving included)
 * from one date to another, the day that starts a period not counted and a period in months ending on the same day
 * of the month, or on the month's last day when it has none (Code civil, art. 641 and 642): opening on 1 March and
 * closing on 31 March is a period of 30 days; three months from 30 November end on the last day of February.
 */

export const PROCEDURE_KINDS = [
  'libre',
  'concertation_prealable',
  'participation_electronique',
  'participation_hors_procedure',
  'enquete_publique',
  'consultation_crpa',
] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** Who watches over a procedure independently of the owner, when the law names one. */
export type OverseerKind = 'garant' | 'commissaire_enqueteur';

export type ProcedureTemplate = {
  kind: ProcedureKind;
  label: string;
  /** The articles that found the procedure. */
  articles: string[];
  /** Days between the notice to the public and the opening, at least; 0: at the latest on the opening day; null: no notice. */
  noticeDays: { days: number; article: string } | null;
  /** The shortest period, in days; `withoutAssessment` when the project has no environmental assessment. */
  minDays: { days: number; withoutAssessment?: number; article: string } | null;
  /** The longest period, in months. */
  maxMonths: { months: number; article: string } | null;
  /** How far an open procedure may be extended past its published closing date, in days. */
  maxExtensionDays: { days: number; article: string } | null;
  /** An independent overseer must be appointed before the opening. */
  overseer: { kind: OverseerKind; article: string } | null;
  /** What the overseer or the owner publishes after the closing, and by when. */
  report: { label: string; after: { months: number } | { days: number }; article: string } | null;
  /** The owner's response to the report, after it. */
  response: { label: string; monthsAfterReport: number; article: string } | null;
  /** The decision may not be taken earlier than this many days after the closing. */
  decisionNotBeforeDays: { days: number; article: string } | null;
  /** The synthesis or report stays online at least this long after its publication. */
  keepOnline: { months: number; article: string } | null;
  /** What the public sees of the register: every observation, numbered, as soon as moderation allows. */
  register: boolean;
  /** Moderation the procedure implies: an inquiry register publishes everything the law does not let it withhold. */
  moderation: 'consultation' | 'a_posteriori';
  /**
   * What the notice to the public must state beyond what the consultation itself holds (its subject, dates, address
   * online, environmental assessment and overseer): checked before the notice is dated and before the opening.
   */
  notice: { mentions: NoticeField[]; article: string } | null;
};

/** The notice's mentions an agent writes, beside those the consultation already holds. */
export const NOTICE_FIELDS = ['noticeProjectOwner', 'noticeDecision', 'noticeDossierPlaces', 'noticeObservationAddresses'] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];

/** Each mention as the law words it, in French. */
export const NOTICE_MENTIONS: Record<NoticeField, string> = {
  noticeProjectOwner: 'le responsable du projet, auprès duquel des informations peuvent être demandées',
  noticeDecision: 'la décision qui peut être adoptée au terme de la procédure et l’autorité compétente pour la prendre',
  noticeDossierPlaces: 'les lieux, jours et heures où le dossier peut être consulté sur papier',
  noticeObservationAddresses: 'les adresses, postale et électronique, où adresser les observations',
};

export const PROCEDURES: Record<ProcedureKind, ProcedureTemplate> = {
  libre: {
    kind: 'libre',
    label: 'Consultation libre',
    articles: [],
    noticeDays: null,
    minDays: null,
    maxMonths: null,
    maxExtensionDays: null,
    overseer: null,
    report: null,
    response: null,
    decisionNotBeforeDays: null,
    keepOnline: null,
    register: false,
    moderation: 'consultation',
    notice: null,
  },
  concertation_prealable: {
    kind: 'concertation_prealable',
    label: 'Concertation préalable avec garant',
    articles: ['L121-15-1', 'L121-16', 'L121-16-1'],
    noticeDays: { days: 15, article: 'L121-16' },
    minDays: { days: 15, article: 'L121-16' },
    maxMonths: { months: 3, article: 'L121-16' },
    maxExtensionDays: null,
    overseer: { kind: 'garant', article: 'L121-16-1' },
    report: { label: 'Bilan du garant', after: { months: 1 }, article: 'L121-16-1' },
    response: { label: 'Réponse et mesures du maître d’ouvrage', monthsAfterReport: 2, article: 'R121-24' },
    decisionNotBeforeDays: null,
    keepOnline: null,
    register: true,
    moderation: 'consultation',
    notice: { mentions: ['noticeProjectOwner', 'noticeDossierPlaces', 'noticeObservationAddresses'], article: 'R121-19' },
  },
  participation_electronique: {
    kind: 'participation_electronique',
    label: 'Participation du public par voie électronique',
    articles: ['L123-19'],
    noticeDays: { days: 15, article: 'L123-19' },
    minDays: { days: 30, article: 'L123-19' },
    maxMonths: null,
    maxExtensionDays: null,
    overseer: null,
    report: null,
    response: null,
    decisionNotBeforeDays: null,
    keepOnline: { months: 3, article: 'L123-19' },
    register: true,
    moderation: 'a_posteriori',
    notice: { mentions: ['noticeProjectOwner', 'noticeDecision', 'noticeDossierPlaces', 'noticeObservationAddresses'], article: 'L123-19' },
  },
  participation_hors_procedure: {
    kind: 'participation_hors_procedure',
    label: 'Participation du public hors procédure particulière',
    articles: ['L123-19-1'],
    noticeDays: { days: 0, article: 'L123-19-1' },
    minDays: { days: 21, article: 'L123-19-1' },
    maxMonths: null,
    maxExtensionDays: null,
    overseer: null,
    report: null,
    response: null,
    decisionNotBeforeDays: { days: 4, article: 'L123-19-1' },
    keepOnline: { months: 3, article: 'L123-19-1' },
    register: true,
    moderation: 'a_posteriori',
    notice: { mentions: ['noticeDecision', 'noticeObservationAddresses'], article: 'L123-19-1' },
  },
  enquete_publique: {
    kind: 'enquete_publique',
    label: 'Enquête publique dématérialisée',
    articles: ['L123-1', 'L123-9', 'L123-10', 'L123-15', 'R123-9', 'R123-11', 'R123-13', 'R123-21'],
    noticeDays: { days: 15, article: 'R123-11' },
    minDays: { days: 30, withoutAssessment: 15, article: 'L123-9' },
    maxMonths: null,
    maxExtensionDays: { days: 15, article: 'L123-9' },
    overseer: { kind: 'commissaire_enqueteur', article: 'L123-4' },
    report: { label: 'Rapport et conclusions du commissaire enquêteur', after: { days: 30 }, article: 'L123-15' },
    response: null,
    decisionNotBeforeDays: null,
    keepOnline: { months: 12, article: 'R123-21' },
    register: true,
    moderation: 'a_posteriori',
    notice: { mentions: ['noticeProjectOwner', 'noticeDecision', 'noticeDossierPlaces', 'noticeObservationAddresses'], article: 'R123-9' },
  },
  consultation_crpa: {
    kind: 'consultation_crpa',
    label: 'Consultation ouverte ou volontaire (CRPA)',
    articles: ['CRPA L131-1', 'CRPA L132-1', 'CRPA L132-2'],
    noticeDays: { days: 0, article: 'CRPA L131-1' },
    minDays: null,
    maxMonths: null,
    maxExtensionDays: null,
    overseer: null,
    report: null,
    response: null,
    decisionNotBeforeDays: null,
    keepOnline: null,
    register: true,
    moderation: 'consultation',
    notice: { mentions: ['noticeDecision'], article: 'CRPA L131-1' },
  },
};

export const OVERSEER_LABELS: Record<OverseerKind, string> = { garant: 'garant', commissaire_enqueteur: 'commissaire enquêteur' };

export const isProcedureKind = (value: unknown): value is ProcedureKind => typeof value === 'string' && (PROCEDURE_KINDS as readonly string[]).includes(value);

/** What a consultation says of its procedure (the published version, or a draft about to be saved). */
export type ProcedureFacts = {
  procedure: ProcedureKind;
  opensAt: Date | null;
  closesAt: Date | null;
  /** When the notice (avis) was published, online and posted. */
  noticePublishedAt: Date | null;
  /** Whether the project, plan or programme undergoes an environmental assessment (an inquiry lasts 30 days then). */
  environmentalAssessment: boolean;
  /** The garant or commissaire enquêteur, once appointed. */
  overseerName: string | null;
  /** The mentions of the notice an agent has written (absent: none written). */
  notice?: Partial<Record<NoticeField, string | null>>;
};

// ——— Calendar days in Paris ———

const PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A civil date, `YYYY-MM-DD`. */
export type Day = string;

/** The date in Paris of an instant. */
export const parisDay = (instant: Date): Day => PARIS.format(instant);

const toNumber = (day: Day) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
const fromNumber = (n: number): Day => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** The instant a day starts in Paris (midnight, winter or summer time). */
export function parisMidnight(day: Day): Date {
  const [y, m, d] = day.split('-').map(Number);
  for (const hours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - hours * 3_600_000);
    if (parisDay(candidate) === day && parisDay(new Date(candidate.getTime() - 1)) !== day) return candidate;
  }
  throw new Error(`Jour invalide : ${day}`);
}

/** Days from one date to another (the first not counted). */
export const daysBetween = (from: Day, to: Day) => toNumber(to) - toNumber(from);
export const addDays = (day: Day, days: number): Day => fromNumber(toNumber(day) + days);

/** The same day `months` later, or the last day of that month when it has none (Code civil, art. 641). */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** `2027-03-01` as « 1er mars 2027 ». */
export function frenchDay(day: Day): string {
  const [y, m, d] = day.split('-').map(Number);
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  return `${d === 1 ? '1er' : d} ${months[m - 1]} ${y}`;
}

const cite = (article: string) =>
  article.startsWith('CRPA')
    ? `art. ${article.slice(5)} du code des relations entre le public et l’administration`
    : `art. ${article} du code de l’environnement`;

// ——— The calendar ———

export type CalendarItem = {
  key: 'notice' | 'opening' | 'minimum_closing' | 'maximum_closing' | 'closing' | 'report' | 'response' | 'decision' | 'keep_online';
  label: string;
  /** The date, in Paris; null while it depends on a date not yet known. */
  date: Day | null;
  /** `by`: at the latest; `from`: at the earliest; `on`: that day. */
  bound: 'by' | 'from' | 'on';
  article: string | null;
};

/**
 * What the procedure makes of the consultation's dates: when the notice must be out, the earliest and latest
 * closing, when the report, the response and the decision fall due, how long the synthesis stays online.
 * `resultsPublishedAt`: when the report or synthesis was published (the keep-online period runs from it).
 */
export function calendarOf(facts: ProcedureFacts, resultsPublishedAt: Date | null = null): CalendarItem[] {
  const t = PROCEDURES[facts.procedure];
  if (facts.procedure === 'libre') return [];
  const opening = facts.opensAt ? parisDay(facts.opensAt) : null;
  const closing = facts.closesAt ? parisDay(facts.closesAt) : null;
  const items: CalendarItem[] = [];
  if (t.noticeDays) {
    items.push({
      key: 'notice',
      label: t.noticeDays.days ? `Avis au public, ${t.noticeDays.days} jours au moins avant l’ouverture` : 'Avis au public, au plus tard à l’ouverture',
      date: opening ? addDays(opening, -t.noticeDays.days) : null,
      bound: 'by',
      article: t.noticeDays.article,
    });
  }
  items.push({ key: 'opening', label: 'Ouverture', date: opening, bound: 'on', article: null });
  const min = minimumDays(facts);
  if (min !== null && t.minDays) {
    items.push({
      key: 'minimum_closing',
      label: `Clôture, au plus tôt (${min} jours)`,
      date: opening ? addDays(opening, min) : null,
      bound: 'from',
      article: t.minDays.article,
    });
  }
  if (t.maxMonths) {
    items.push({
      key: 'maximum_closing',
      label: `Clôture, au plus tard (${t.maxMonths.months} mois)`,
      date: opening ? addMonths(opening, t.maxMonths.months) : null,
      bound: 'by',
      article: t.maxMonths.article,
    });
  }
  items.push({ key: 'closing', label: 'Clôture', date: closing, bound: 'on', article: null });
  let reportDay: Day | null = null;
  if (t.report) {
    const after = t.report.after;
    reportDay = closing ? ('months' in after ? addMonths(closing, after.months) : addDays(closing, after.days)) : null;
    items.push({ key: 'report', label: t.report.label, date: reportDay, bound: 'by', article: t.report.article });
  }
  if (t.response) {
    items.push({
      key: 'response',
      label: t.response.label,
      date: reportDay ? addMonths(reportDay, t.response.monthsAfterReport) : null,
      bound: 'by',
      article: t.response.article,
    });
  }
  if (t.decisionNotBeforeDays) {
    items.push({
      key: 'decision',
      label: `Décision, au plus tôt ${t.decisionNotBeforeDays.days} jours après la clôture`,
      date: closing ? addDays(closing, t.decisionNotBeforeDays.days) : null,
      bound: 'from',
      article: t.decisionNotBeforeDays.article,
    });
  }
  if (t.keepOnline) {
    items.push({
      key: 'keep_online',
      label: `${t.report ? 'Rapport et conclusions' : 'Synthèse des observations'} en ligne jusqu’au moins`,
      date: resultsPublishedAt ? addMonths(parisDay(resultsPublishedAt), t.keepOnline.months) : null,
      bound: 'from',
      article: t.keepOnline.article,
    });
  }
  return items;
}

/** The shortest period this consultation may run, in days, or null when the procedure sets none. */
export function minimumDays(facts: ProcedureFacts): number | null {
  const min = PROCEDURES[facts.procedure].minDays;
  if (!min) return null;
  return !facts.environmentalAssessment && min.withoutAssessment !== undefined ? min.withoutAssessment : min.days;
}

// ——— What the law forbids ———

export type ScheduleField = 'opensAt' | 'closesAt' | 'procedureNoticeAt' | 'overseerName' | NoticeField;
export type ScheduleViolation = { field: ScheduleField; message: string; article: string | null };

/**
 * Why the law forbids this schedule, field by field (empty when it allows it). `now` matters only before the
 * opening: a notice not yet published must still be publishable in time. `started`: the consultation has opened
 * (its opening date is history, only the closing is checked). `publishedClosesAt`: the closing date the notice
 * announced, against which an extension is measured.
 */
export function scheduleViolations(facts: ProcedureFacts, now: Date, opts: { started?: boolean; publishedClosesAt?: Date | null } = {}): ScheduleViolation[] {
  if (facts.procedure === 'libre') return [];
  const t = PROCEDURES[facts.procedure];
  const violations: ScheduleViolation[] = [];
  const add = (field: ScheduleField, message: string, article: string | null) =>
    violations.push({ field, message: article ? `${message} (${cite(article)}).` : `${message}.`, article });
  if (!facts.opensAt) add('opensAt', `Une ${t.label.toLowerCase()} a une date d’ouverture`, null);
  if (!facts.closesAt) add('closesAt', `Une ${t.label.toLowerCase()} a une date de clôture`, null);
  if (!facts.opensAt || !facts.closesAt) return violations;
  const opening = parisDay(facts.opensAt);
  const closing = parisDay(facts.closesAt);
  if (facts.closesAt <= facts.opensAt) {
    add('closesAt', 'La date de clôture doit suivre la date d’ouverture', null);
    return violations;
  }
  const min = minimumDays(facts);
  if (min !== null && t.minDays && daysBetween(opening, closing) < min) {
    const reason =
      t.minDays.withoutAssessment !== undefined
        ? facts.environmentalAssessment
          ? ' pour un projet soumis à évaluation environnementale'
          : ' sans évaluation environnementale'
        : '';
    add(
      'closesAt',
      `Une ${t.label.toLowerCase()} dure au moins ${min} jours${reason} : clôturez le ${frenchDay(addDays(opening, min))} ou plus tard (${daysBetween(opening, closing)} jours prévus)`,
      t.minDays.article
    );
  }
  if (t.maxMonths && closing > addMonths(opening, t.maxMonths.months)) {
    add(
      'closesAt',
      `Une ${t.label.toLowerCase()} dure au plus ${t.maxMonths.months} mois : clôturez le ${frenchDay(addMonths(opening, t.maxMonths.months))} au plus tard`,
      t.maxMonths.article
    );
  }
  if (t.maxExtensionDays && opts.publishedClosesAt) {
    const announced = parisDay(opts.publishedClosesAt);
    if (daysBetween(announced, closing) > t.maxExtensionDays.days) {
      add(
        'closesAt',
        `Une prolongation dépasse de ${t.maxExtensionDays.days} jours au plus la clôture annoncée du ${frenchDay(announced)} : clôturez le ${frenchDay(addDays(announced, t.maxExtensionDays.days))} au plus tard`,
        t.maxExtensionDays.article
      );
    }
  }
  if (t.noticeDays && !opts.started) {
    const latest = addDays(opening, -t.noticeDays.days);
    const when = t.noticeDays.days ? `${t.noticeDays.days} jours au moins avant l’ouverture` : 'au plus tard à l’ouverture';
    if (facts.noticePublishedAt) {
      if (parisDay(facts.noticePublishedAt) > latest)
        add(
          'opensAt',
          `L’avis au public paraît ${when} : avec un avis publié le ${frenchDay(parisDay(facts.noticePublishedAt))}, ouvrez le ${frenchDay(addDays(parisDay(facts.noticePublishedAt), t.noticeDays.days))} ou plus tard`,
          t.noticeDays.article
        );
    } else if (parisDay(now) > latest) {
      add(
        'opensAt',
        `L’avis au public paraît ${when} et il n’est pas encore publié : ouvrez le ${frenchDay(addDays(parisDay(now), t.noticeDays.days))} ou plus tard`,
        t.noticeDays.article
      );
    }
  }
  return violations;
}

/**
 * What the procedure still waits for before the consultation may open, or null: an overseer appointed, the notice
 * published. The scheduler holds a scheduled opening until then; agents see the reason.
 */
export function openingBlocker(facts: ProcedureFacts): { code: 'procedure_not_ready'; message: string } | null {
  const t = PROCEDURES[facts.procedure];
  if (t.overseer && !facts.overseerName?.trim())
    return {
      code: 'procedure_not_ready',
      message: `La ${t.label.toLowerCase()} n’ouvre pas avant la désignation du ${OVERSEER_LABELS[t.overseer.kind]} (${cite(t.overseer.article)}) : renseignez son nom.`,
    };
  const missing = missingMentions(facts);
  if (missing.length)
    return {
      code: 'procedure_not_ready',
      message: `L’avis au public d’une ${t.label.toLowerCase()} mentionne ${missing.map((m) => m.label).join(' ; ')} (${cite(t.notice!.article)}) : renseignez-les.`,
    };
  if (t.noticeDays && !facts.noticePublishedAt)
    return {
      code: 'procedure_not_ready',
      message: `La ${t.label.toLowerCase()} n’ouvre pas avant la publication de l’avis au public (${cite(t.noticeDays.article)}) : renseignez sa date de publication.`,
    };
  return null;
}

/** The mentions the procedure's notice requires and the agent has not written yet. */
export function missingMentions(facts: Pick<ProcedureFacts, 'procedure' | 'notice'>): { field: NoticeField; label: string; article: string }[] {
  const notice = PROCEDURES[facts.procedure].notice;
  if (!notice) return [];
  return notice.mentions.filter((field) => !facts.notice?.[field]?.trim()).map((field) => ({ field, label: NOTICE_MENTIONS[field], article: notice.article }));
}

/**
 * A notice dated as published must carry every mention its procedure requires: refused field by field otherwise
 * (a notice is checked before it is published, not discovered incomplete at the opening).
 */
export function noticeViolations(facts: ProcedureFacts): ScheduleViolation[] {
  if (!facts.noticePublishedAt) return [];
  return missingMentions(facts).map((m) => ({
    field: m.field,
    message: `Un avis au public publié mentionne ${m.label} (${cite(m.article)}) : renseignez-le avant de dater l’avis.`,
    article: m.article,
  }));
}

// ——— From what is stored ———

/** The procedure settings of a consultation, as its public snapshot keeps them. */
export type ProcedureSettings = {
  kind: ProcedureKind;
  noticePublishedAt: string | null;
  environmentalAssessment: boolean;
  overseerName: string | null;
  /** The mentions of the notice, as written (null: not written). */
  notice: Record<NoticeField, string | null>;
  /** The dossier told in plain language, for everyone (written by communication staff). */
  dossierSummary: string | null;
};

const trimmed = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

const instant = (value: unknown): Date | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number' || (typeof value === 'string' && value.trim())) {
    const date = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
};

/** From a consultation's fields as stored or sent (SQLite keeps booleans as 0/1 and dates as numbers). */
export function settingsOf(d: Record<string, unknown>): ProcedureSettings {
  const notice = instant(d.procedureNoticeAt);
  const assessment = d.environmentalAssessment;
  return {
    kind: isProcedureKind(d.procedure) ? d.procedure : 'libre',
    noticePublishedAt: notice ? notice.toISOString() : null,
    environmentalAssessment: !(assessment === false || assessment === 0 || assessment === 'false'),
    overseerName: trimmed(d.overseerName),
    notice: Object.fromEntries(NOTICE_FIELDS.map((field) => [field, trimmed(d[field])])) as Record<NoticeField, string | null>,
    dossierSummary: trimmed(d.dossierSummary),
  };
}

/** The facts the rules read: the settings with the consultation's dates. */
export function factsOf(settings: ProcedureSettings, opensAt: unknown, closesAt: unknown): ProcedureFacts {
  return {
    procedure: settings.kind,
    opensAt: instant(opensAt),
    closesAt: instant(closesAt),
    noticePublishedAt: instant(settings.noticePublishedAt),
    environmentalAssessment: settings.environmentalAssessment,
    overseerName: settings.overseerName,
    notice: settings.notice,
  };
}

// ——— After the closing: the report and the response ———

export type ReportKind = 'report' | 'response';

/** What the report of a procedure is called: the overseer's, or the owner's synthesis when no overseer is named. */
export function reportLabel(kind: ProcedureKind, report: ReportKind): string {
  const t = PROCEDURES[kind];
  if (report === 'response') return t.response?.label ?? 'Réponse du maître d’ouvrage';
  return t.report?.label ?? 'Synthèse des observations et motifs de la décision';
}

/**
 * Who may publish what, and when: after the closing, the overseer (or an agent on their behalf) publishes the report,
 * or agents publish the synthesis when the law names no overseer; agents publish the owner's response once the
 * report is out, where the procedure has one. Null when allowed, else why not (in French).
 */
export function reportRefusal(
  kind: ProcedureKind,
  report: ReportKind,
  facts: { closed: boolean; published: ReportKind[]; isOverseer: boolean; mayConfigure: boolean }
): string | null {
  const t = PROCEDURES[kind];
  if (kind === 'libre') return 'Une consultation libre n’a ni bilan ni rapport de procédure : publiez ses résultats.';
  if (report === 'response' && !t.response) return `La ${t.label.toLowerCase()} n’appelle pas de réponse distincte du maître d’ouvrage.`;
  if (facts.published.includes(report)) return `${reportLabel(kind, report)} est déjà publié.`;
  if (!facts.closed) return `${reportLabel(kind, report)} se publie après la clôture.`;
  if (report === 'report' && t.overseer && !facts.isOverseer && !facts.mayConfigure)
    return `Seul le ${OVERSEER_LABELS[t.overseer.kind]} désigné (ou un agent en son nom) publie ce document.`;
  if (report === 'report' && !t.overseer && !facts.mayConfigure) return 'Seul un agent habilité à régler la consultation publie la synthèse.';
  if (report === 'response' && !facts.mayConfigure) return 'Seul un agent habilité à régler la consultation publie la réponse du maître d’ouvrage.';
  if (report === 'response' && !facts.published.includes('report')) return `La réponse suit la publication du document « ${reportLabel(kind, 'report')} ».`;
  return null;
}
