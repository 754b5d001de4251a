import { Stream } from 'stream';
import type { Core } from '@strapi/strapi';
import type { HttpContext, Next } from '../http';

/** The event a checked response is announced with: the test suites validate each against the committed OpenAPI documents. */
export const RESPONSE_CHECKED = 'participation.response';
export type CheckedResponse = { api: 'public' | 'admin'; method: string; path: string; status: number; body: unknown };

/** Whether routes carry the response check: only where asked (the test suites set it), never by default. */
export const responseCheckEnabled = () => process.env.PARTICIPATION_RESPONSE_CHECK === 'true';

/**
 * Announces each JSON success of a route with its route template, innermost (before a cache layer serialises it), so
 * that every response a test provokes is checked against the contract, not only those a contract test asks for.
 */
export default (config: { api: 'public' | 'admin'; method: string; path: string }, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: HttpContext, next: Next) => {
    await next();
    const body: unknown = ctx.body;
    if (ctx.status < 200 || ctx.status >= 300 || body === null || typeof body !== 'object' || body instanceof Stream || Buffer.isBuffer(body)) return;
    const checked: CheckedResponse = { ...config, status: ctx.status, body: JSON.parse(JSON.stringify(body)) };
    await strapi.eventHub.emit(RESPONSE_CHECKED, checked);
  };
