import * as z from 'zod/v4';
import { Procedure } from '../procedures/schemas';
import { CONSULTATION_STATUSES } from './domain/lifecycle';
import { PHASE_KINDS } from './domain/phases';
import { dateTime, nullable } from '../platform/schemas';

export const Media = z
  .object({
    url: z.string(),
    alternativeText: nullable(z.string()),
    caption: nullable(z.string()),
    width: nullable(z.int()),
    height: nullable(z.int()),
    mime: z.string(),
    size: z.number(),
    name: z.string(),
    formats: nullable(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'Media' });

const ThemeRef = z.object({ slug: z.string(), name: z.string(), color: nullable(z.string()) }).meta({ id: 'ThemeRef' });
const TerritoryRef = z.object({ inseeCode: z.string(), name: z.string(), kind: z.enum(['departement', 'epci', 'commune']) }).meta({ id: 'TerritoryRef' });
const Counts = z.object({ contributions: z.int(), participants: z.int(), supports: z.int() }).meta({ id: 'ConsultationCounts' });
export const Status = z.enum(CONSULTATION_STATUSES).meta({ id: 'ConsultationStatus' });
const Origin = z
  .object({
    platform: z.enum(['decidim']).meta({ description: 'La plateforme d’où elle a été importée (« importée de Decidim »).' }),
    url: nullable(z.string()).meta({ description: 'Son adresse sur cette plateforme.' }),
  })
  .meta({ id: 'ConsultationOrigin', description: 'Importée d’une autre plateforme : sa provenance. Null pour ce qui a été mené ici.' });

export const ConsultationSummary = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: nullable(z.string()),
    status: Status,
    opensAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    cover: nullable(Media),
    themes: z.array(ThemeRef),
    territory: nullable(TerritoryRef),
    origin: nullable(Origin),
    counts: Counts,
  })
  .meta({ id: 'ConsultationSummary' });

const phaseFields = {
  kind: z.enum(PHASE_KINDS),
  title: z.string(),
  description: z.string().optional(),
  startsAt: dateTime,
  endsAt: dateTime,
  allowContributions: z.boolean(),
  allowSupports: z.boolean(),
  allowComments: z.boolean(),
};

const REFUSALS = z.string().meta({
  description:
    'Pourquoi pas : consultation_not_open, consultation_closed, contributions_disabled, supports_disabled, comments_disabled, phase_does_not_allow, authentication_required',
});

export const ConsultationViewer = z
  .object({
    signedIn: z.boolean(),
    canContribute: z.boolean(),
    canSupport: z.boolean(),
    canComment: z.boolean(),
    reason: REFUSALS.optional(),
    reasons: z.object({ contribute: REFUSALS.optional(), support: REFUSALS.optional(), comment: REFUSALS.optional() }),
    isFollowing: z.boolean().optional().meta({ description: 'Pour une personne connectée : si elle suit la consultation.' }),
  })
  .meta({ id: 'ConsultationViewer', description: 'Ce que la personne qui consulte peut faire, et sinon pourquoi.' });

export const ConsultationDetail = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: nullable(z.string()),
    easyRead: nullable(z.string()).meta({ description: 'Résumé « facile à lire et à comprendre » (FALC), quand le service en a écrit un' }),
    body: nullable(z.string()),
    status: Status,
    stage: z.object({ status: Status, text: nullable(z.string()) }),
    opensAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    phases: z.array(z.object({ ...phaseFields, current: z.boolean() })),
    currentPhase: nullable(z.object(phaseFields)),
    rules: z.object({
      allowContributions: z.boolean(),
      allowSupports: z.boolean(),
      allowComments: z.boolean(),
      requireAccount: z.boolean(),
      moderationMode: z.enum(['a_priori', 'a_posteriori']),
      maxContributionsPerUser: nullable(z.int()),
    }),
    procedure: nullable(Procedure).meta({ description: 'La procédure légale suivie, null pour une consultation libre.' }),
    themes: z.array(ThemeRef),
    territory: nullable(TerritoryRef),
    origin: nullable(Origin),
    cover: nullable(Media),
    documents: z.array(Media),
    counts: Counts,
    results: nullable(
      z.object({
        synthesis: nullable(z.string()),
        keyFigures: z.array(z.object({ label: z.string(), value: z.union([z.string(), z.number()]), unit: z.string().optional() })),
        decisions: nullable(z.string()),
        decisionUrl: nullable(z.string()).meta({ description: "Lien vers la délibération de l'assemblée qui a statué, quand il y en a une." }),
        attachments: z.array(Media),
        updates: z
          .array(z.object({ date: z.iso.date(), title: z.string(), text: z.string() }))
          .meta({ description: '« Et ensuite » : ce que sont devenus les résultats, mises à jour datées, les plus récentes en premier.' }),
      })
    ),
    viewer: ConsultationViewer,
  })
  .meta({ id: 'ConsultationDetail' });

/* The agents' screens (admin API): dashboard, list, lifecycle. */

const adminConsultationFields = {
  documentId: z.string(),
  slug: z.string(),
  title: z.string(),
  status: Status,
  opensAt: nullable(dateTime),
  closesAt: nullable(dateTime),
  counts: z.object({ contributions: z.int(), participants: z.int(), supports: z.int(), followers: z.int() }),
  pending: z.int().meta({ description: 'Éléments en attente de modération.' }),
};
export const DashboardConsultation = z.object(adminConsultationFields).meta({ id: 'DashboardConsultation' });
export const ConsultationRow = z
  .object({ ...adminConsultationFields, published: z.boolean(), updatedAt: nullable(dateTime) })
  .meta({ id: 'ConsultationRow', description: 'Une ligne de la liste des consultations des agents.' });

export const DashboardOverview = z
  .object({
    consultations: z.array(DashboardConsultation),
    timeline: z.array(z.object({ date: z.iso.date(), contributions: z.int(), supports: z.int(), comments: z.int() })),
    generatedAt: dateTime,
  })
  .meta({ id: 'DashboardOverview' });

export const TransitionOption = z
  .object({ to: Status, allowed: z.boolean(), code: z.string().optional(), message: z.string().optional() })
  .meta({ id: 'TransitionOption', description: 'Un état vers lequel la consultation peut passer, ou pourquoi pas maintenant.' });

export const LifecycleState = z
  .object({
    status: Status,
    opensAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    slug: z.string(),
    counts: Counts,
    transitions: z.array(TransitionOption),
  })
  .meta({ id: 'LifecycleState' });

export const TransitionDone = z.object({ status: Status, opensAt: nullable(dateTime), closesAt: nullable(dateTime) }).meta({ id: 'TransitionDone' });

export const LifecycleEvent = z
  .object({
    from: Status,
    to: Status,
    actor: z.union([z.object({ type: z.literal('admin'), name: z.string() }), z.object({ type: z.literal('scheduler') })]),
    reason: nullable(z.string()),
    opensAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    at: dateTime,
  })
  .meta({ id: 'LifecycleEvent' });
