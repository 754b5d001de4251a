import type { Core } from '@strapi/strapi';
import type { Citizen } from './citizen';
import { personalData } from '../personal-data';

/** GET /me/export — everything the platform holds about the citizen, as JSON (their right of access). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Each capability's part, as it declares it (personal-data.ts), one after the other. */
  async export(citizen: Citizen) {
    const data: Record<string, unknown> = {};
    for (const holder of Object.values(personalData())) Object.assign(data, await holder.exportOf(strapi, citizen.id));
    return { data: { ...data, exportedAt: new Date().toISOString() } };
  },
});
