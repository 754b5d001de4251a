import type { TestApp } from './strapi';

export const UID = 'plugin::participation.consultation';

export const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

/** A consultation as an agent creates it in the Content Manager: title, summary and dates, then published. */
export async function createConsultation(app: TestApp, data: Record<string, unknown> = {}) {
  return app.strapi.documents(UID).create({
    data: {
      title: 'Piste cyclable le long de la Loire',
      summary: 'Où faire passer la future piste entre Ancenis et Nantes ?',
      opensAt: minutes(60),
      closesAt: minutes(60 * 24 * 30),
      ...data,
    },
    status: 'published',
  } as any);
}

export const lifecycle = (app: TestApp) => app.strapi.plugin('participation').service('lifecycle');

/** A published consultation opened by an agent through the admin API (scheduled, then opened now). */
export async function openConsultation(app: TestApp, agentToken: string, data: Record<string, unknown> = {}) {
  const c = await createConsultation(app, { opensAt: minutes(5), closesAt: minutes(60 * 24 * 20), ...data });
  for (const to of ['scheduled', 'open']) {
    const res = await app.request().post(`/participation/consultations/${c.documentId}/transitions`).set('Authorization', `Bearer ${agentToken}`).send({ to });
    if (res.status !== 200) throw new Error(`Transition vers ${to} refusée : ${JSON.stringify(res.body)}`);
  }
  return c;
}
