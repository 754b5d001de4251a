import type { TestApp } from './strapi';

export const UID = 'plugin::participation.consultation';

export const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

/** Every mention a legal procedure's notice to the public may require (procedures/domain/rules.ts NOTICE_FIELDS). */
export const NOTICE = {
  noticeProjectOwner: 'Département de Loire-Atlantique, direction des infrastructures',
  noticeDecision: 'Déclaration de projet, par l’Assemblée départementale',
  noticeDossierPlaces: 'Hôtel du Département, 3 quai Ceineray à Nantes, de 9 h à 17 h',
  noticeObservationAddresses: 'enquete@loire-atlantique.test ; Hôtel du Département, CS 94109, 44041 Nantes Cedex 1',
};

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
