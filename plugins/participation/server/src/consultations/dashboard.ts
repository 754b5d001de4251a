import type { Core } from '@strapi/strapi';
import { dashboardRepository } from './repository/dashboard';
import { toDate } from '../platform/database/rows';

/** Milliseconds one dashboard computation serves (see `overview`), and how many kinds of view are kept. */
const OVERVIEW_FRESH_MS = 30_000;
const OVERVIEW_KEPT = 100;

/** Figures for agents: per consultation, and participation per day. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = dashboardRepository(strapi);

  /** Every consultation as agents see it (draft titles included): state, dates, counts, items awaiting moderation. */
  async function consultations(filters: { status?: string; q?: string } = {}) {
    const rows = await repository.consultations(filters);
    return rows.map(({ row, title, published, updatedAt, pending, followers }) => ({
      documentId: row.consultationDocumentId,
      slug: row.slug,
      title,
      status: row.status,
      published,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      updatedAt,
      counts: {
        contributions: row.contributionsCount,
        participants: row.participantsCount,
        supports: row.supportsCount,
        followers,
      },
      pending,
    }));
  }

  async function computeOverview(options: { consultation?: string; days: number }) {
    const since = new Date(Date.now() - (options.days - 1) * 86_400_000);
    since.setUTCHours(0, 0, 0, 0);
    const { contributions, supports, comments } = await repository.perDay(since, options.consultation);
    const timeline = Array.from({ length: options.days }, (_, i) => {
      const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      return { date, contributions: contributions.get(date) ?? 0, supports: supports.get(date) ?? 0, comments: comments.get(date) ?? 0 };
    });
    return {
      consultations: (await consultations()).map(({ published: _p, updatedAt: _u, ...rest }) => rest),
      timeline,
      generatedAt: toDate(Date.now()),
    };
  }

  /** The overviews computed lately, by consultation and number of days. */
  const recent = new Map<string, { at: number; value: ReturnType<typeof computeOverview> }>();

  return {
    consultations,

    /**
     * The dashboard: the consultations' figures and participation per day. Counting a storm's days (millions of
     * supports) takes the database most of a second, so one computation serves every agent for OVERVIEW_FRESH_MS
     * (concurrent requests share the one in flight); `generatedAt` says when it was counted.
     */
    async overview(options: { consultation?: string; days: number }) {
      const key = `${options.consultation ?? ''}|${options.days}`;
      const now = Date.now();
      const kept = recent.get(key);
      if (kept && now - kept.at < OVERVIEW_FRESH_MS) return kept.value;
      if (recent.size >= OVERVIEW_KEPT) recent.clear();
      const value = computeOverview(options);
      recent.set(key, { at: now, value });
      value.catch(() => recent.delete(key));
      return value;
    },
  };
};
