import type { Core } from '@strapi/strapi';
import { isTrue, rowsOf, toDate, type Db, type RawRow } from './database/rows';

/** Who takes part: a citizen's account id and the name shown in public (never their e-mail). */
export type Citizen = { id: number; displayName: string };

/**
 * The e-mail address of a citizen's account, to tell them of a decision (in the decision's transaction, through the
 * outbox): read from users-permissions' table, the one place the plugin reads it for a mail. Null for no account (an
 * erased one, an invitee), and for a blocked one: it is written to no more.
 */
export async function citizenEmail(strapi: Core.Strapi, db: Db, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const box = await citizenMailbox(strapi, db, userId);
  return box && !box.blocked ? box.email : null;
}

/** Where a citizen's mail goes: the account's address and name, and whether it is blocked; null for an erased account. */
export async function citizenMailbox(
  strapi: Core.Strapi,
  db: Db,
  userId: number
): Promise<{ email: string | null; username: string; blocked: boolean } | null> {
  const u = rowsOf(strapi, 'plugin::users-permissions.user');
  const row = (await db(u.table)
    .select(u.select(['email', 'username', 'blocked']))
    .where(u.column('id'), userId)
    .first()) as { email?: string | null; username?: string | null; blocked?: unknown } | undefined;
  if (!row) return null;
  return { email: row.email || null, username: row.username ?? '', blocked: row.blocked === true || row.blocked === 1 };
}

/** A citizen's account standing: whether it is confirmed and since when it exists (what a report's weight rests on). */
export async function citizenStanding(strapi: Core.Strapi, userId: number): Promise<{ confirmed: boolean; createdAt: Date | null }> {
  const u = rowsOf(strapi, 'plugin::users-permissions.user');
  const row = (await strapi.db
    .connection(u.table)
    .select({ confirmed: u.column('confirmed'), createdAt: u.column('createdAt') })
    .where(u.column('id'), userId)
    .first()) as RawRow | undefined;
  return { confirmed: isTrue(row?.confirmed), createdAt: toDate(row?.createdAt) };
}
