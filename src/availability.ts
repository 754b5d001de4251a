/** Seconds a client is told to wait when the platform cannot reach its database. */
export const RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '53300', '55000', '57P01', '57P02', '57P03']);

/**
 * The database could not be reached (refused, restarting, too many connections, pool exhausted, connection cut):
 * the request's fault is none, and trying again shortly will do. PostgreSQL's connection-exception class is 08.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null, depth = 0; e && depth < 4; e = e.cause as typeof e, depth += 1) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && /Connection terminated|Client has encountered a connection error|Timeout acquiring a connection|terminating connection due to administrator command/i.test(e.message)) return true;
  }
  return false;
}

export const unavailableBody = () => ({
  data: null,
  error: {
    status: 503,
    name: 'ServiceUnavailableError',
    message: 'Service momentanément indisponible : réessayez dans quelques secondes.',
    details: { code: 'service_unavailable' },
  },
});
