import type { Core } from '@strapi/strapi';
import { CONSULTATION_UID, participationContext } from '../consultations/public';
import { claims } from '../platform/database/claims';
import { mediaUrl } from '../platform/links';
import { storeAndRecord } from '../platform/media';
import { genesisHash } from './domain/register';
import { addDays, parisDay, parisMidnight, PROCEDURE_KINDS, PROCEDURES } from './domain/rules';
import { registerPdf } from './pdf';
import { presentEntry } from './presenter';
import { ANNEX, registerRepository } from './repository';

/** An annex left "running" this long by an instance that died is taken over by the next run. */
const STALE_MS = 60 * 60_000;
/** The states in which a register has been open. */
const OPENED = new Set(['open', 'closed', 'results_published', 'archived']);
const REGISTER_KINDS = PROCEDURE_KINDS.filter((kind) => PROCEDURES[kind].register);

/**
 * The daily annex of each register: once a day, the register as inscribed by the end of the day before (Paris),
 * in PDF, is written to the media library under a name carrying the day, and listed with its size, SHA-256,
 * observation count and last hash, so that the paper register's annex can be printed, and checked, day by day.
 * One instance writes a given register's day (a unique row per register and day, as the open data's dated files).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => registerRepository(strapi);
  const claimed = claims(strapi, ANNEX, STALE_MS);

  async function write(
    key: { consultationDocumentId: string; day: string },
    title: string,
    slug: string,
    procedure: (typeof REGISTER_KINDS)[number],
    end: Date,
    now: Date
  ) {
    const { consultationDocumentId: documentId, day } = key;
    const entries = (await repository().all(documentId, end)).map((e) => presentEntry(e, false));
    const head = entries.length ? entries[entries.length - 1].entryHash : genesisHash(documentId);
    const pdf = await registerPdf({ title, procedure, head, count: entries.length, exportedAt: now.toISOString(), entries, closedOn: day });
    const file = {
      name: `registre-${slug}-${day}.pdf`,
      mimetype: 'application/pdf',
      caption: `Registre « ${title} » arrêté au ${day} (${entries.length} observation(s))`,
      content: pdf,
    };
    await storeAndRecord(strapi, file, (stored) =>
      claimed.complete(key, { url: stored.url, bytes: stored.bytes, sha256: stored.sha256, count: entries.length, headHash: head })
    );
  }

  return {
    /**
     * Writes the annex of the day before `now` (Paris) of every register open during it, unless another instance has
     * or is doing it. A register that fails is logged and tried again at the next run; the others are written.
     */
    async writeDaily(now = new Date()): Promise<{ written: number; failed: number }> {
      const today = parisDay(now);
      const day = addDays(today, -1);
      const [start, end] = [parisMidnight(day), parisMidnight(today)];
      const docs = (await strapi.documents(CONSULTATION_UID).findMany({
        status: 'published',
        filters: { procedure: { $in: REGISTER_KINDS } },
        fields: ['documentId'],
        limit: 1000,
      } as never)) as unknown as { documentId: string }[];
      let written = 0;
      let failed = 0;
      for (const { documentId } of docs) {
        const context = await participationContext(strapi, { documentId });
        if (!context || !PROCEDURES[context.procedure].register) continue;
        const { row } = context;
        if (!OPENED.has(row.status) || !row.opensAt || row.opensAt >= end || (row.closesAt && row.closesAt < start)) continue;
        const key = { consultationDocumentId: documentId, day };
        if (!(await claimed.claim(key, now))) continue;
        try {
          await write(key, context.title, row.slug, context.procedure, end, now);
          written += 1;
        } catch (error) {
          await claimed.release(key);
          failed += 1;
          strapi.log.error(`[participation] annexe du registre ${documentId} au ${day} : ${(error as Error).message}`);
        }
      }
      return { written, failed };
    },

    /** The annexes of a register, newest first, with absolute addresses. */
    async list(documentId: string) {
      return (await repository().annexes(documentId)).map((a) => ({ ...a, url: mediaUrl(strapi, a.url) }));
    },
  };
};
