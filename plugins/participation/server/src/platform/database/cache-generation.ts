import type { Core } from '@strapi/strapi';

/** The public cache's generation on PostgreSQL: a sequence, moved on outside any transaction and seen by every instance at once. */
const SEQUENCE = 'participation_public_cache_generation';

export function sequenceGeneration(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  return {
    async create() {
      await knex().raw(`CREATE SEQUENCE IF NOT EXISTS ${SEQUENCE}`);
    },
    /** `last_value` alone does not move with the first `nextval`: `is_called` does. */
    async current(): Promise<string> {
      const result = (await knex().raw(`SELECT last_value, is_called FROM ${SEQUENCE}`)) as { rows: { last_value: string; is_called: boolean }[] };
      const [row] = result.rows;
      return `${row.last_value}${row.is_called ? '' : '-'}`;
    },
    async move() {
      await knex().raw(`SELECT nextval('${SEQUENCE}')`);
    },
  };
}
