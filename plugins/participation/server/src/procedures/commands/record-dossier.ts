import type { Core } from '@strapi/strapi';
import type { Db } from '../../platform/database/rows';
import type { ProcedureKind } from '../domain/rules';
import { registerRepository } from '../repository';

type Published = { name: unknown; url: unknown; mime: unknown; size: unknown };

/**
 * What was online in a procedure's dossier, and when: called whenever a consultation's public snapshot is written
 * (publication, unpublication, a media file changed), in the same transaction. A free consultation keeps no dossier.
 */
export function recordDossier(strapi: Core.Strapi, db: Db, consultationDocumentId: string, procedure: ProcedureKind, documents: Published[]) {
  const pieces =
    procedure === 'libre'
      ? []
      : documents
          .filter((d) => typeof d.url === 'string' && d.url)
          .map((d) => ({
            name: typeof d.name === 'string' && d.name ? d.name : String(d.url),
            url: String(d.url),
            mime: typeof d.mime === 'string' ? d.mime : null,
            size: typeof d.size === 'number' ? d.size : d.size === null || d.size === undefined ? null : Number(d.size),
          }));
  return registerRepository(strapi).syncDossier(db, consultationDocumentId, pieces);
}
