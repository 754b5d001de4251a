import type { Core } from '@strapi/strapi';
import { rowsOf, type Db } from './database/rows';

/** Who takes part: a citizen's account id and the name shown in public (never their e-mail). */
export type Citizen = { id: number; displayName: string };

/**
 * The e-mail address of a citizen's account, to tell them of a decision (in the decision's transaction, through the
 * outbox): read from users-permissions' table, the one place the plugin reads it for a mail.
 */
export async function citizenEmail(strapi: Core.Strapi, db: Db, userId: number): Promise<string | null> {
  const u = rowsOf(strapi, 'plugin::users-permissions.user');
  const row = (await db(u.table)
    .select({ email: u.column('email') })
    .where(u.column('id'), userId)
    .first()) as { email?: string | null } | undefined;
  return row?.email || null;
}
