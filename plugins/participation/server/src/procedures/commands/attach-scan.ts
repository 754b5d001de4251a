import { createReadStream } from 'node:fs';
import type { Core } from '@strapi/strapi';
import { fail, forbiddenWithReason, notFound, validationFailed } from '../../platform/errors';
import { storeAndRecord } from '../../platform/media';
import { getService } from '../../platform/services';
import { fileKindAt, type UploadedFile } from '../../platform/file-kinds';
import { SCAN_LIMITS, SCAN_REFUSAL } from '../domain/scans';
import { registerRepository } from '../repository';

/**
 * An agent joins the scan of an observation received on paper (a letter, a page written at a permanence, an e-mail
 * printed) to its register number: a PDF, JPEG or PNG, recognised by its first bytes, not by its name. Kept for staff
 * and the overseer; shown to the public with the observation only when the agent says it may be (personal details
 * masked), and only once the observation is published. The register's chain is unchanged: the scan's SHA-256 is
 * listed beside the entry it documents.
 */
export async function attachScan(strapi: Core.Strapi, documentId: string, number: number, file: UploadedFile | undefined, publishable: boolean) {
  const sheets = getService(strapi, 'procedure-sheets');
  await sheets.one(documentId);
  const who = sheets.viewer();
  if (!who.mayConfigure) throw forbiddenWithReason(SCAN_REFUSAL, { code: 'permission_required' });
  const repository = registerRepository(strapi);
  const entry = await repository.entry(documentId, number);
  if (!entry) throw notFound(`Aucune observation n° ${number} dans ce registre.`);
  if (entry.channel === 'web') throw validationFailed([{ path: ['number'], message: 'Une observation déposée en ligne n’a pas de numérisation.' }]);
  if (!file) throw validationFailed([{ path: ['file'], message: 'Joignez le fichier numérisé (PDF, JPEG ou PNG).' }]);
  if (file.size > SCAN_LIMITS.maxBytes) throw fail('payload_too_large', `Une numérisation pèse ${SCAN_LIMITS.maxBytes / 1024 / 1024} Mo au plus.`);
  const kind = await fileKindAt(file.filepath);
  if (!kind) throw fail('unsupported_media_type', 'Joignez un PDF, un JPEG ou un PNG.');
  const existing = (await repository.scans(documentId, [number])).get(number) ?? [];
  if (existing.length >= SCAN_LIMITS.perObservation)
    throw fail('scan_limit_reached', `L’observation n° ${number} a déjà ${SCAN_LIMITS.perObservation} numérisations.`);
  const name = `observation-${number}-${existing.length + 1}.${kind.extension}`;
  await storeAndRecord(
    strapi,
    { name, mimetype: kind.mime, caption: `Numérisation de l’observation n° ${number} du registre`, content: createReadStream(file.filepath) },
    (stored) =>
      repository.insertScan(documentId, {
        number,
        name,
        mime: kind.mime,
        bytes: stored.bytes,
        sha256: stored.sha256,
        url: stored.url,
        publishable,
        addedById: who.id,
      })
  );
  return sheets.observations(documentId, Math.ceil(number / 50), 50);
}
