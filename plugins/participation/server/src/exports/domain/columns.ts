/**
 * What an agent's export holds: one row per contribution and per comment of a consultation, with its moderation,
 * its answer, its channel and its place. Personal data (e-mail, account id) only for a user holding the dedicated
 * permission, and every export is logged (see exports/service.ts).
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportRow = {
  type: 'contribution' | 'comment';
  documentId: string;
  contribution: string;
  parent: string | null;
  title: string | null;
  body: string;
  author: string | null;
  channel: string | null;
  commune: string | null;
  communeCode: string | null;
  epci: string | null;
  status: string;
  moderationReason: string | null;
  supports: number | null;
  comments: number | null;
  reports: number;
  answerStatus: string | null;
  answerText: string | null;
  answeredAt: Date | null;
  createdAt: Date;
  email?: string | null;
  userId?: number | null;
};

export type ExportColumn = { key: keyof ExportRow; header: string; width: number; personal?: boolean };

export const EXPORT_COLUMNS: ExportColumn[] = [
  { key: 'type', header: 'Type', width: 14 },
  { key: 'documentId', header: 'Identifiant', width: 26 },
  { key: 'contribution', header: 'Contribution', width: 26 },
  { key: 'parent', header: 'Réponse au commentaire', width: 26 },
  { key: 'title', header: 'Titre', width: 40 },
  { key: 'body', header: 'Texte', width: 80 },
  { key: 'author', header: 'Auteur·rice (nom affiché)', width: 24 },
  { key: 'channel', header: 'Canal', width: 12 },
  { key: 'commune', header: 'Commune', width: 24 },
  { key: 'communeCode', header: 'Code INSEE', width: 10 },
  { key: 'epci', header: 'EPCI', width: 32 },
  { key: 'status', header: 'Statut de modération', width: 16 },
  { key: 'moderationReason', header: 'Motif de modération', width: 32 },
  { key: 'supports', header: 'Soutiens', width: 10 },
  { key: 'comments', header: 'Commentaires', width: 12 },
  { key: 'reports', header: 'Signalements', width: 12 },
  { key: 'answerStatus', header: 'Réponse officielle', width: 18 },
  { key: 'answerText', header: 'Texte de la réponse', width: 60 },
  { key: 'answeredAt', header: 'Répondue le', width: 20 },
  { key: 'createdAt', header: 'Reçue le', width: 20 },
  { key: 'email', header: 'Courriel', width: 30, personal: true },
  { key: 'userId', header: 'Identifiant du compte', width: 12, personal: true },
];

export const columnsFor = (personal: boolean) => EXPORT_COLUMNS.filter((c) => personal || !c.personal);

const LABELS: Record<string, Record<string, string>> = {
  type: { contribution: 'Contribution', comment: 'Commentaire' },
  channel: { web: 'En ligne', paper: 'Papier', mail: 'Courrier', meeting: 'Réunion' },
  status: { pending: 'En attente', published: 'Publié', rejected: 'Refusé', hidden: 'Masqué' },
  answerStatus: { retained: 'Retenue', under_study: "À l'étude", not_retained: 'Non retenue', already_done: 'Déjà réalisée' },
};

/** A cell as agents read it: French labels for codes, dates as dates (XLSX) or ISO text (CSV). */
export function cellOf(row: ExportRow, column: ExportColumn, format: ExportFormat): string | number | Date | null {
  const value = row[column.key];
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return format === 'xlsx' ? value : value.toISOString();
  const labels = LABELS[column.key];
  if (labels && typeof value === 'string') return labels[value] ?? value;
  return value;
}
