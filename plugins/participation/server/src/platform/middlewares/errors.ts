import { DomainError } from '../errors';
import type { HttpContext, Next } from '../http';

/**
 * Maps domain errors to Strapi's error envelope (`{ data: null, error: { status, name, message, details } }`)
 * in one place, so controllers never catch.
 */
export default () => async (ctx: HttpContext, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.status = error.status;
    if (error.headers) ctx.set(error.headers);
    ctx.body = {
      data: null,
      error: {
        status: error.status,
        name: error.name,
        message: error.message,
        details: { code: error.code, ...(error.errors ? { errors: error.errors } : {}) },
      },
    };
  }
};
