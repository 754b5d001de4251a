import type { Core } from '@strapi/strapi';
import { noQuery } from '../contract/inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import type { FeedFormat, FeedKind } from './queries';

const TYPES: Record<FeedFormat | 'ics', string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
};

/** Feeds and calendar: no parameter, a text body, the content type of its format. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const feeds = () => getService(strapi, 'feeds');
  const feed = (kind: FeedKind, format: FeedFormat) => async (ctx: HttpContext) => {
    parseInput(noQuery, ctx.query);
    ctx.body = await feeds().feed(kind, format);
    ctx.type = TYPES[format];
  };
  return {
    consultationsRss: feed('consultations', 'rss'),
    consultationsAtom: feed('consultations', 'atom'),
    resultsRss: feed('results', 'rss'),
    resultsAtom: feed('results', 'atom'),
    async calendar(ctx: HttpContext) {
      parseInput(noQuery, ctx.query);
      ctx.body = await feeds().calendar();
      ctx.type = TYPES.ics;
    },
  };
};
