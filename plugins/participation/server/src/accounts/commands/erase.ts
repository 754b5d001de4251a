import type { Core } from '@strapi/strapi';
import { fail } from '../../platform/errors';
import { rowsOf } from '../../platform/database/rows';
import { ERASED_AUTHOR } from '../../platform/text';
import { getService } from '../../platform/services';
import type { Citizen } from '../citizen';
import { sessionsRepository } from '../sessions';
import { COMMENT, CONTRIBUTION, PARTICIPANT, REPORT, SUPPORT } from '../tables';
import { transaction } from '../../platform/database/transaction';

/** The password typed again before an irreversible act: 403 `password_mismatch` when it is not the account's. */
async function confirmPassword(strapi: Core.Strapi, citizen: Citizen, password: string) {
  const user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: citizen.id }, select: ['password'] });
  const ok = !!user?.password && (await strapi.plugin('users-permissions').service('user').validatePassword(password, user.password));
  if (!ok) throw fail('password_mismatch');
}

/**
 * DELETE /me — erases the account in one transaction, once the password is confirmed: the user row goes (so every
 * token stops working), and what the citizen published stays, signed « Participant·e supprimé·e », attached to a
 * tombstone id (the negated user id, which no account can have) so that supports stay unique and every count stays
 * as it was.
 */
export async function eraseAccount(strapi: Core.Strapi, citizen: Citizen, password: string) {
  await confirmPassword(strapi, citizen, password);
  const tombstone = -citizen.id;
  await transaction(strapi, async (trx) => {
    for (const uid of [CONTRIBUTION, COMMENT]) {
      const t = rowsOf(strapi, uid);
      await trx(t.table)
        .where(t.column('authorId'), citizen.id)
        .update(t.toColumns({ authorId: tombstone, authorName: ERASED_AUTHOR }));
    }
    for (const uid of [SUPPORT, REPORT, PARTICIPANT]) {
      const t = rowsOf(strapi, uid);
      await trx(t.table)
        .where(t.column('userId'), citizen.id)
        .update({ [t.column('userId')]: tombstone });
    }
    await getService(strapi, 'notifications').eraseCitizen(trx, citizen.id);
    await getService(strapi, 'petitions').eraseCitizen(trx, citizen.id);
    await getService(strapi, 'budgets').eraseCitizen(trx, citizen.id);
    await strapi.db.query('plugin::users-permissions.user').delete({ where: { id: citizen.id } });
    await sessionsRepository(strapi).revokeAll(citizen.id, new Date(), trx);
  });
  return { data: { erased: true as const } };
}
