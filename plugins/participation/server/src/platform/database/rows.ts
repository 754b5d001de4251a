import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createId } from '@paralleldrive/cuid2';
import { tableOf } from './columns';

/** A row as knex returns it, before it is typed by its repository. */
export type RawRow = Record<string, unknown>;

/** Where a statement runs: the connection, or the caller's transaction. */
export type Db = Knex | Knex.Transaction;

/**
 * Rows of a plugin table written with knex: attribute names in, column names out, with the columns Strapi
 * expects on every row (documentId, timestamps) filled in.
 */
export function rowsOf(strapi: Core.Strapi, uid: UID.Schema) {
  const { table, column } = tableOf(strapi, uid);
  const toColumns = (attrs: Record<string, unknown>) => Object.fromEntries(Object.entries(attrs).map(([k, v]) => [column(k), v]));
  const newRow = (attrs: Record<string, unknown>, now = new Date()) =>
    toColumns({ documentId: createId(), createdAt: now, updatedAt: now, publishedAt: now, ...attrs });
  /** `{ alias: column }` for a knex select, optionally prefixed by a table alias. */
  const select = (attributes: string[], alias?: string) => Object.fromEntries(attributes.map((a) => [a, alias ? `${alias}.${column(a)}` : column(a)]));
  return { table, column, toColumns, newRow, select };
}

type DatabaseError = { code?: unknown; cause?: { code?: unknown } } | null | undefined;

/** A unique index refused the write: SQLite's and PostgreSQL's codes, as knex or Strapi wraps them. */
export const isUniqueViolation = (error: unknown) => {
  const e = error as DatabaseError;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === '23505' || e?.cause?.code === '23505';
};

/** Dates come back as numbers (SQLite), strings or Date objects (PostgreSQL): one shape out. */
export const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number);

/** A boolean as the database answers it: true/false on PostgreSQL, 1/0 on SQLite. */
export const isTrue = (value: unknown) => value === true || value === 1 || value === '1';

/** A JSON column as the database answers it: parsed text on SQLite, an object on PostgreSQL; `fallback` when empty or unreadable. */
export const fromJson = <T>(value: unknown, fallback: T): T => {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};
