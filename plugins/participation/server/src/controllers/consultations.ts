import type { Core } from '@strapi/strapi';
import * as z from 'zod/v4';
import { PUBLIC_STATUSES } from '../domain/lifecycle';
import { paginationQuery, parseInput, searchText } from '../domain/validation';
import { CONSULTATION_SORTS } from '../services/consultation-reads';

const listOf = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string()).max(max)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== ''))
    .pipe(z.array(item).min(1).max(max));

export const consultationsQuery = z.strictObject({
  status: listOf(z.enum(PUBLIC_STATUSES as [string, ...string[]]), PUBLIC_STATUSES.length).optional(),
  theme: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80).optional(),
  territory: z.string().regex(/^[0-9][0-9AB][0-9]{0,7}$/).optional(),
  q: searchText.optional(),
  sort: z.enum(CONSULTATION_SORTS).optional().default('-opensAt'),
  ...paginationQuery,
});

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(120) });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin('participation').service(name);
  return {
    async find(ctx: any) {
      const filters = parseInput(consultationsQuery, ctx.query);
      ctx.body = await service('consultation-reads').list(filters);
    },

    async findOne(ctx: any) {
      parseInput(z.strictObject({}), ctx.query);
      const { slug } = parseInput(slugParams, ctx.params);
      const citizen = await service('citizen').identify(ctx);
      ctx.body = await service('consultation-reads').findBySlug(slug, citizen);
    },
  };
};
