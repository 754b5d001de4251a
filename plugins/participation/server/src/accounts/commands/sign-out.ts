import type { Core } from '@strapi/strapi';
import type { Citizen } from '../citizen';
import { sessionsRepository } from '../repository';

/** DELETE /me/sessions — every token of the account stops working, this one included. */
export async function signOutEverywhere(strapi: Core.Strapi, citizen: Citizen) {
  await sessionsRepository(strapi).revokeAll(citizen.id);
  return { data: { signedOut: true as const } };
}
