import type { PersonalData } from '../platform/personal-data';
import { getService } from '../platform/services';
import { petitionsRepository } from './repository';

/** The petitions a citizen filed and their signatures (with the declared identity, never public). */
export const petitionsPersonalData: PersonalData = {
  holds: [
    { uid: 'plugin::participation.petition', attribute: 'authorId' },
    { uid: 'plugin::participation.petition-signature', attribute: 'userId' },
  ],
  async exportOf(strapi, userId) {
    const r = petitionsRepository(strapi);
    const [signatures, petitions] = await Promise.all([r.signaturesOfUser(userId), r.petitionsOfAuthor(userId)]);
    return {
      petitionSignatures: signatures.map((x) => ({
        petition: x.title,
        slug: x.slug,
        communeCode: x.communeCode,
        showName: x.showName,
        signedAt: x.signedAt.toISOString(),
      })),
      petitions: petitions.map((x) => ({ title: x.title, slug: x.slug, body: x.body, status: x.status, createdAt: x.createdAt.toISOString() })),
    };
  },
  erase: async (strapi, trx, userId) => {
    await getService(strapi, 'petitions').eraseCitizen(trx, userId);
  },
};
