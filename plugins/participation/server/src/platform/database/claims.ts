import type { Core, UID } from '@strapi/strapi';
import { isUniqueViolation, rowsOf } from './rows';

/**
 * Work that must be done once across instances (a dated file, say), claimed by a row: inserting it under a unique
 * index wins the claim; a claim left `running` past `staleMs` by an instance that died is taken over by the next
 * run. The table has the key's columns under a unique index, `status` (`running` | `ready`) and `claimedAt`.
 */
export function claims(strapi: Core.Strapi, uid: UID.Schema, staleMs: number) {
  const rows = () => rowsOf(strapi, uid);
  const knex = () => strapi.db.connection;
  const where = (key: Record<string, unknown>) => {
    const r = rows();
    return Object.fromEntries(Object.entries(key).map(([k, v]) => [r.column(k), v]));
  };

  return {
    /** Reserves `key` for this instance: true when the work is ours to do. */
    async claim(key: Record<string, unknown>, now: Date): Promise<boolean> {
      const r = rows();
      try {
        await knex()(r.table).insert(r.newRow({ ...key, status: 'running', claimedAt: now }, now));
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const taken = await knex()(r.table)
        .where(where(key))
        .where(r.column('status'), 'running')
        .where(r.column('claimedAt'), '<', new Date(now.getTime() - staleMs))
        .update({ [r.column('claimedAt')]: now });
      return taken === 1;
    },

    /** The work is done: its results recorded, the row `ready`. */
    async complete(key: Record<string, unknown>, results: Record<string, unknown>) {
      const r = rows();
      await knex()(r.table)
        .where(where(key))
        .update(r.toColumns({ ...results, status: 'ready', updatedAt: new Date() }));
    },

    /** The work failed: the claim is dropped so that the next run (here or elsewhere) tries again at once. */
    async release(key: Record<string, unknown>) {
      const r = rows();
      await knex()(r.table).where(where(key)).where(r.column('status'), 'running').delete();
    },
  };
}
