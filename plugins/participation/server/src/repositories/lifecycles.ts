import type { Core } from '@strapi/strapi';
import type { ConsultationStatus } from '../domain/lifecycle';
import { tableOf } from './columns';

export const LIFECYCLE_UID = 'plugin::participation.consultation-lifecycle' as const;
export const EVENT_UID = 'plugin::participation.lifecycle-event' as const;
export const CONSULTATION_UID = 'plugin::participation.consultation' as const;

export type LifecycleRow = {
  consultationDocumentId: string;
  slug: string;
  status: ConsultationStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  contributionsCount: number;
  participantsCount: number;
  supportsCount: number;
};

/** Dates come back as numbers (SQLite), strings or Date objects (PostgreSQL): one shape out. */
export const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number);

/** The server-owned lifecycle rows, one per consultation document, read and written with knex. */
export function lifecycleTable(strapi: Core.Strapi) {
  const { table, column } = tableOf(strapi, LIFECYCLE_UID);
  const selection = {
    consultationDocumentId: column('consultationDocumentId'),
    slug: column('slug'),
    status: column('status'),
    opensAt: column('opensAt'),
    closesAt: column('closesAt'),
    contributionsCount: column('contributionsCount'),
    participantsCount: column('participantsCount'),
    supportsCount: column('supportsCount'),
  };
  const fromDb = (row: Record<string, unknown> | undefined): LifecycleRow | null =>
    row
      ? {
          consultationDocumentId: row.consultationDocumentId as string,
          slug: row.slug as string,
          status: row.status as ConsultationStatus,
          opensAt: toDate(row.opensAt),
          closesAt: toDate(row.closesAt),
          contributionsCount: Number(row.contributionsCount ?? 0),
          participantsCount: Number(row.participantsCount ?? 0),
          supportsCount: Number(row.supportsCount ?? 0),
        }
      : null;
  return { table, column, selection, fromDb };
}

/** The lifecycle row of one consultation, in the caller's transaction when it passes one. */
export async function findLifecycle(strapi: Core.Strapi, documentId: string, db: any = strapi.db.connection): Promise<LifecycleRow | null> {
  const { table, column, selection, fromDb } = lifecycleTable(strapi);
  return fromDb(await db(table).select(selection).where(column('consultationDocumentId'), documentId).first());
}

export type LifecycleCounter = 'contributionsCount' | 'participantsCount' | 'supportsCount';

/** Moves a consultation's public counter by `by`, atomically, in the caller's transaction. */
export async function incrementLifecycle(strapi: Core.Strapi, trx: any, documentId: string, counter: LifecycleCounter, by: number) {
  const { table, column } = lifecycleTable(strapi);
  await trx(table).where(column('consultationDocumentId'), documentId).increment(column(counter), by);
}
