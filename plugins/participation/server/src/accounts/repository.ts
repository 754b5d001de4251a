import type { Core } from '@strapi/strapi';
import { param, runPrepared } from '../platform/database/prepared';
import { isTrue, rowsOf, toDate, type Db } from '../platform/database/rows';
import { transaction } from '../platform/database/transaction';

/** The accounts' tables: when each account's sessions were last revoked, read with the account itself. */
export const SESSION = 'plugin::participation.account-session' as const;
const USER = 'plugin::users-permissions.user' as const;

export function sessionsRepository(strapi: Core.Strapi) {
  return {
    /** Ends every session of the account opened before `at`, in the caller's transaction when there is one. */
    async revokeAll(userId: number, at = new Date(), db?: Db) {
      const s = rowsOf(strapi, SESSION);
      const write = (trx: Db) =>
        trx(s.table)
          .insert(s.newRow({ userId, revokedBefore: at }, at))
          .onConflict([s.column('userId')])
          .merge({ [s.column('revokedBefore')]: at, [s.column('updatedAt')]: at });
      if (db) await write(db);
      // Joins the transaction of the write that triggered it, if any (SQLite has one connection).
      else await transaction(strapi, (trx) => write(trx));
    },

    async revokedBefore(userId: number, db: Db = strapi.db.connection): Promise<Date | null> {
      const s = rowsOf(strapi, SESSION);
      const row = await db(s.table)
        .select({ at: s.column('revokedBefore') })
        .where(s.column('userId'), userId)
        .first();
      return row ? toDate(row.at) : null;
    },

    /** The account as a request sees it, with its revocation instant, in one indexed read (compiled once). */
    async account(userId: number) {
      const u = rowsOf(strapi, USER);
      const s = rowsOf(strapi, SESSION);
      const [row] = await runPrepared(
        strapi.db.connection,
        'accounts.account',
        {},
        () =>
          strapi.db
            .connection({ u: u.table })
            .leftJoin({ s: s.table }, `s.${s.column('userId')}`, `u.${u.column('id')}`)
            .select({
              id: `u.${u.column('id')}`,
              username: `u.${u.column('username')}`,
              blocked: `u.${u.column('blocked')}`,
              revokedBefore: `s.${s.column('revokedBefore')}`,
            })
            .where(`u.${u.column('id')}`, param('userId'))
            .limit(1),
        { userId }
      );
      return row ? { id: Number(row.id), username: String(row.username ?? ''), blocked: isTrue(row.blocked), revokedBefore: toDate(row.revokedBefore) } : null;
    },
  };
}
