import type { Core, UID } from '@strapi/strapi';
import { tableOf } from '../../platform/database/columns';
import { transaction } from '../../platform/database/transaction';
import { type RawRow } from '../../platform/database/rows';

type Counter = { name: string; table: string; column: string; actual: string };

/**
 * The stored counters and, for each, the SQL that says what it should be (budget votes are not stored: every
 * count of them is read from the ballots' choices, so none can drift). `check` lists the rows that drifted;
 * `repair` sets them right. Counters change atomically with their rows, so drift means someone wrote to the
 * database by hand: this is the tool to find out and mend it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  function counters(): Counter[] {
    const q = (uid: string) => {
      const { table, column } = tableOf(strapi, uid as UID.Schema);
      return { t: knex().client.wrapIdentifier(table), c: (a: string) => knex().client.wrapIdentifier(column(a)) };
    };
    const contribution = q('plugin::participation.contribution');
    const comment = q('plugin::participation.comment');
    const support = q('plugin::participation.support');
    const report = q('plugin::participation.report');
    const participant = q('plugin::participation.participant');
    const project = q('plugin::participation.budget-project');
    const lifecycle = q('plugin::participation.consultation-lifecycle');
    const petition = q('plugin::participation.petition');
    const signature = q('plugin::participation.petition-signature');
    const signaturesWhere = (verification: string) =>
      `(SELECT COUNT(*) FROM ${signature.t} s WHERE s.${signature.c('petitionId')} = ${petition.t}.${petition.c('id')} AND s.${signature.c('verification')} = '${verification}')`;
    const C = contribution.t;
    const L = lifecycle.t;
    return [
      {
        name: 'contribution.supportsCount',
        table: C,
        column: contribution.c('supportsCount'),
        actual: `(SELECT COUNT(*) FROM ${support.t} s WHERE s.${support.c('contributionId')} = ${C}.${contribution.c('id')})`,
      },
      {
        name: 'contribution.commentsCount',
        table: C,
        column: contribution.c('commentsCount'),
        actual: `(SELECT COUNT(*) FROM ${comment.t} m WHERE m.${comment.c('contributionId')} = ${C}.${contribution.c('id')} AND m.${comment.c('status')} = 'published')`,
      },
      {
        name: 'contribution.reportsCount',
        table: C,
        column: contribution.c('reportsCount'),
        actual: `(SELECT COUNT(*) FROM ${report.t} r WHERE r.${report.c('targetType')} = 'contribution' AND r.${report.c('targetId')} = ${C}.${contribution.c('id')})`,
      },
      {
        name: 'budgetProject.commentsCount',
        table: project.t,
        column: project.c('commentsCount'),
        actual: `(SELECT COUNT(*) FROM ${comment.t} m WHERE m.${comment.c('budgetProjectId')} = ${project.t}.${project.c('id')} AND m.${comment.c('status')} = 'published')`,
      },
      {
        name: 'comment.reportsCount',
        table: comment.t,
        column: comment.c('reportsCount'),
        actual: `(SELECT COUNT(*) FROM ${report.t} r WHERE r.${report.c('targetType')} = 'comment' AND r.${report.c('targetId')} = ${comment.t}.${comment.c('id')})`,
      },
      {
        name: 'participant.contributionsCount',
        table: participant.t,
        column: participant.c('contributionsCount'),
        actual: `(SELECT COUNT(*) FROM ${C} x WHERE x.${contribution.c('authorId')} = ${participant.t}.${participant.c('userId')} AND x.${contribution.c('consultationDocumentId')} = ${participant.t}.${participant.c('consultationDocumentId')})`,
      },
      {
        name: 'consultation.contributionsCount',
        table: L,
        column: lifecycle.c('contributionsCount'),
        actual: `(SELECT COUNT(*) FROM ${C} x WHERE x.${contribution.c('consultationDocumentId')} = ${L}.${lifecycle.c('consultationDocumentId')} AND x.${contribution.c('status')} = 'published')`,
      },
      {
        name: 'consultation.supportsCount',
        table: L,
        column: lifecycle.c('supportsCount'),
        actual: `(SELECT COUNT(*) FROM ${support.t} s JOIN ${C} x ON x.${contribution.c('id')} = s.${support.c('contributionId')} WHERE x.${contribution.c('consultationDocumentId')} = ${L}.${lifecycle.c('consultationDocumentId')})`,
      },
      {
        // Signed-in citizens once each; anonymous contributions and comments, and those entered by agents, one each.
        name: 'consultation.participantsCount',
        table: L,
        column: lifecycle.c('participantsCount'),
        actual: `((SELECT COUNT(*) FROM ${participant.t} p WHERE p.${participant.c('consultationDocumentId')} = ${L}.${lifecycle.c('consultationDocumentId')})
          + (SELECT COUNT(*) FROM ${C} x WHERE x.${contribution.c('consultationDocumentId')} = ${L}.${lifecycle.c('consultationDocumentId')} AND x.${contribution.c('authorId')} IS NULL)
          + (SELECT COUNT(*) FROM ${comment.t} m WHERE m.${comment.c('consultationDocumentId')} = ${L}.${lifecycle.c('consultationDocumentId')} AND m.${comment.c('authorId')} IS NULL))`,
      },
      // Petitions: signatures that count (online, and paper ones once checked), and paper ones awaiting their check.
      { name: 'petition.signaturesCount', table: petition.t, column: petition.c('signaturesCount'), actual: signaturesWhere('verified') },
      { name: 'petition.paperPendingCount', table: petition.t, column: petition.c('paperPendingCount'), actual: signaturesWhere('pending') },
    ];
  }

  return {
    async check() {
      const drift: { counter: string; id: number; stored: number; actual: number }[] = [];
      for (const counter of counters()) {
        const { rows } = normalise(
          await knex().raw(
            `SELECT id, stored, actual FROM (SELECT ${counter.table}.id AS id, COALESCE(${counter.column}, 0) AS stored, ${counter.actual} AS actual FROM ${counter.table}) d WHERE stored <> actual`
          )
        );
        for (const r of rows) drift.push({ counter: counter.name, id: Number(r.id), stored: Number(r.stored), actual: Number(r.actual) });
      }
      return drift;
    },

    async repair() {
      const drift = await this.check();
      await transaction(strapi, async (trx) => {
        for (const counter of counters()) {
          await trx.raw(`UPDATE ${counter.table} SET ${counter.column} = ${counter.actual} WHERE COALESCE(${counter.column}, 0) <> ${counter.actual}`);
        }
      });
      return drift;
    },
  };
};

/** knex.raw answers `{ rows }` on PostgreSQL and an array on SQLite. */
const normalise = (result: unknown): { rows: RawRow[] } =>
  Array.isArray(result) ? { rows: result as RawRow[] } : { rows: (result as { rows: RawRow[] }).rows };
