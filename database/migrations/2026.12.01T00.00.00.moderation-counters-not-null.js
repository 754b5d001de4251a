'use strict';

/**
 * Strapi runs the files of this folder once each, in name order, before it syncs the tables with the schemas
 * (https://docs.strapi.io/cms/database-migrations): what a schema file cannot express lives here.
 *
 * Rows written before `reports_count` and `reports_since_decision` had a default hold NULL. The moderation queue
 * reads ranges of its index (status, reports_count, created_at, id), where a NULL count would hide the item:
 * such rows count zero reports, as the code always read them.
 */
module.exports = {
  async up(knex) {
    for (const table of ['participation_contributions', 'participation_comments']) {
      if (!(await knex.schema.hasTable(table))) continue;
      for (const column of ['reports_count', 'reports_since_decision']) {
        if (await knex.schema.hasColumn(table, column))
          await knex(table)
            .whereNull(column)
            .update({ [column]: 0 });
      }
    }
  },
};
