import type { Core } from '@strapi/strapi';
import { fail } from '../../platform/errors';
import type { Citizen } from '../citizen';
import { erasureOrder, personalData } from '../../personal-data';
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
    // Every capability that holds the citizen's data, as it declares it (personal-data.ts), the account last.
    for (const name of erasureOrder()) await personalData()[name].erase(strapi, trx, citizen.id, tombstone);
  });
  return { data: { erased: true as const } };
}
