import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** What the admin panel asks on every Content Manager screen about Strapi's AI features (Enterprise, not used here). */
const AI_QUESTIONS: [RegExp, unknown][] = [
  [/^\/admin\/ai-feature-config$/, { isAiI18nConfigured: false, isAiMediaLibraryConfigured: false }],
  [/^\/i18n\/ai-localization-jobs\/(single-types|collection-types)\//, null],
];

/**
 * Strapi's admin panel asks whether its AI features are configured on every Content Manager screen, and Strapi
 * answers 404 when they are off (always, here): a red 404 in the console of every staff screen. Once Strapi has
 * authenticated the request and said 404, the answer is what its own service says when AI is off.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => async (ctx: Context, next: Next) => {
  await next();
  if (ctx.method !== 'GET' || ctx.status !== 404) return;
  const answer = AI_QUESTIONS.find(([path]) => path.test(ctx.path));
  if (!answer) return;
  ctx.status = 200;
  ctx.body = { data: answer[1] };
};
