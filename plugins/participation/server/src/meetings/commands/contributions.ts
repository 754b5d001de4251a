import type { Core } from '@strapi/strapi';
import { enterContribution } from '../../contributions/public';
import { fail, notFound } from '../../platform/errors';
import { provenanceOf, roomContributionRefusal, stateAt } from '../domain/rules';
import { meetingsRepository } from '../repository';

export type RoomContributionInput = { title: string; body: string; territory?: string | null; authorName?: string };

/**
 * A contribution said in the room, entered by an agent after the meeting: a first-class contribution of the meeting's
 * consultation (moderated, counted, answered like any other), dated from the meeting, with its provenance « Réunion du
 * 12/03 à Rezé » and the meeting it links to; the meeting lists it in turn.
 */
export async function enterRoomContribution(strapi: Core.Strapi, documentId: string, agent: { id: number }, input: RoomContributionInput, now = new Date()) {
  const m = await meetingsRepository(strapi).meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  const refusal = roomContributionRefusal(stateAt(m, now), m);
  if (refusal) throw fail(refusal);
  return enterContribution(strapi, m.consultationDocumentId!, agent, {
    title: input.title,
    body: input.body,
    territory: input.territory ?? m.territoryCode,
    channel: 'meeting',
    authorName: input.authorName,
    receivedAt: m.startsAt.toISOString(),
    meeting: { documentId: m.documentId, provenance: provenanceOf(m) },
  });
}
