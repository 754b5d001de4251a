import { DEFAULT_REPORT_THRESHOLD } from './policy';

/**
 * Who may change which part of a consultation. Communication staff write texts and media; the calendar (dates,
 * phases) and the participation rules (what citizens may do, the moderation policy) belong to users holding the
 * « configurer » permission, and a calendar reaches the live schedule only when a user holding the « changer
 * l'état » permission publishes it. The Content Manager, scripts and the admin panel all go through these rules.
 */

export const SCHEDULE_FIELDS = ['opensAt', 'closesAt', 'phases'] as const;
export const RULE_FIELDS = [
  'allowContributions',
  'allowSupports',
  'allowComments',
  'requireAccount',
  'moderationMode',
  'reportThreshold',
  'maxContributionsPerUser',
  'procedure',
  'procedureNoticeAt',
  'environmentalAssessment',
  'overseerName',
  'overseerEmail',
  'noticeProjectOwner',
  'noticeDecision',
  'noticeDossierPlaces',
  'noticeObservationAddresses',
] as const;
export type ProtectedField = (typeof SCHEDULE_FIELDS)[number] | (typeof RULE_FIELDS)[number];
const PROTECTED: readonly ProtectedField[] = [...SCHEDULE_FIELDS, ...RULE_FIELDS];

/** French names of the protected fields, as the Content Manager shows them. */
export const FIELD_LABELS: Record<ProtectedField, string> = {
  opensAt: "date d'ouverture",
  closesAt: 'date de clôture',
  phases: 'phases',
  allowContributions: 'contributions permises',
  allowSupports: 'soutiens permis',
  allowComments: 'commentaires permis',
  requireAccount: 'compte obligatoire',
  moderationMode: 'mode de modération',
  reportThreshold: 'seuil de signalements',
  maxContributionsPerUser: 'contributions max. par personne',
  procedure: 'procédure',
  procedureNoticeAt: "date de l'avis au public",
  environmentalAssessment: 'évaluation environnementale',
  overseerName: 'garant ou commissaire enquêteur',
  overseerEmail: 'adresse du garant ou commissaire enquêteur',
  noticeProjectOwner: 'avis : responsable du projet',
  noticeDecision: 'avis : décision et autorité compétente',
  noticeDossierPlaces: 'avis : consultation du dossier sur papier',
  noticeObservationAddresses: 'avis : adresses des observations',
};

/** What a value means when none is stored: the schema's defaults. */
const DEFAULTS: Partial<Record<ProtectedField, unknown>> = {
  allowContributions: true,
  allowSupports: true,
  allowComments: true,
  requireAccount: true,
  moderationMode: 'a_priori',
  reportThreshold: DEFAULT_REPORT_THRESHOLD,
  procedure: 'libre',
  environmentalAssessment: true,
};

/** Who is editing: an admin user with their rights, or the platform itself (scripts, seeds, migrations). */
export type Editor = { kind: 'platform' } | { kind: 'admin'; id: number | null; name: string; mayConfigure: boolean; mayTransition: boolean };

function normalise(field: ProtectedField, value: unknown): unknown {
  const v = value === undefined || value === null || value === '' ? (DEFAULTS[field] ?? null) : value;
  if (v === null) return null;
  if (field === 'opensAt' || field === 'closesAt' || field === 'procedureNoticeAt') {
    const time = new Date(v as string).getTime();
    return Number.isNaN(time) ? String(v) : time;
  }
  if (field === 'phases') {
    let parsed = v;
    if (typeof v === 'string') {
      try {
        parsed = JSON.parse(v);
      } catch {
        return v;
      }
    }
    if (Array.isArray(parsed) && parsed.length === 0) return null;
    return JSON.stringify(parsed, (_k, x) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(x) ? new Date(x).getTime() : x));
  }
  if (field === 'reportThreshold' || field === 'maxContributionsPerUser') return Number(v);
  // SQLite stores booleans as 0 and 1.
  if (typeof v === 'number' && field !== 'moderationMode' && field !== 'procedure') return v !== 0;
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/** The protected fields that `incoming` changes relative to `stored` (only fields present in `incoming` count). */
export function changedProtectedFields(
  incoming: Record<string, unknown>,
  stored: Record<string, unknown> | null,
  fields: readonly ProtectedField[] = PROTECTED
): ProtectedField[] {
  return fields.filter((f) => f in incoming && normalise(f, incoming[f]) !== normalise(f, stored?.[f]));
}

export type EditRefusal = { code: 'configuration_forbidden' | 'schedule_publication_forbidden'; message: string; fields: ProtectedField[] };

const list = (fields: ProtectedField[]) => fields.map((f) => `« ${FIELD_LABELS[f]} »`).join(', ');

/** Saving a draft: a protected field changes only for an editor who may configure the consultation. */
export function editRefusal(editor: Editor, changed: ProtectedField[]): EditRefusal | null {
  if (editor.kind === 'platform' || editor.mayConfigure || changed.length === 0) return null;
  return {
    code: 'configuration_forbidden',
    fields: changed,
    message: `Votre rôle permet de modifier les textes et les médias, pas le calendrier ni les règles de participation (${list(changed)}). Demandez à un agent de la participation.`,
  };
}

/**
 * Publishing: dates that differ from the live schedule go live only when published by an editor who may change
 * the state; rules that differ from the published version only by one who may configure.
 */
export function publishRefusal(editor: Editor, scheduleChanges: ProtectedField[], ruleChanges: ProtectedField[]): EditRefusal | null {
  if (editor.kind === 'platform') return null;
  if (scheduleChanges.length > 0 && !editor.mayTransition) {
    return {
      code: 'schedule_publication_forbidden',
      fields: scheduleChanges,
      message: `Ce brouillon change le calendrier (${list(scheduleChanges)}) : seul un agent habilité à changer l'état de la consultation peut le publier.`,
    };
  }
  if (ruleChanges.length > 0 && !editor.mayConfigure) {
    return {
      code: 'configuration_forbidden',
      fields: ruleChanges,
      message: `Ce brouillon change les règles de participation (${list(ruleChanges)}) : seul un agent habilité à les régler peut le publier.`,
    };
  }
  return null;
}
