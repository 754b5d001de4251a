import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * How a capability answers for the personal data it holds: which of its tables hold a citizen's account id, what
 * the citizen gets back in `GET /me/export`, and what `DELETE /me` does to those rows. The plugin lists every
 * capability's declaration in one registry (personal-data.ts, beside services/); the account capability walks it, and
 * a test fails when a content type holds a citizen's id (`userId`, `authorId`) without being declared.
 */
export type PersonalData = {
  /** The content types and attributes that hold a citizen's account id. */
  holds: { uid: UID.ContentType; attribute: 'userId' | 'authorId' }[];
  /** The citizen's data, as keys of the export's `data` (each capability its own keys). */
  exportOf: (strapi: Core.Strapi, userId: number) => Promise<Record<string, unknown>>;
  /**
   * In the erasure's transaction: what the citizen published stays, signed « Participant·e supprimé·e », attached to
   * `tombstone` (the negated id, which no account can have) so uniqueness and counts hold; the rest goes.
   */
  erase: (strapi: Core.Strapi, trx: Knex.Transaction, userId: number, tombstone: number) => Promise<void>;
};
