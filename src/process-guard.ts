import type { Core } from '@strapi/strapi';
import { isDatabaseUnavailable } from './availability';

let logger: Pick<Core.Strapi['log'], 'error'> | null = null;
let installed = false;

const describe = (reason: unknown) => (reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));

/**
 * No background failure takes the process down: a promise rejected with nobody to hear it (a library's, or a job's
 * that forgot to catch) is logged at error level and the instance keeps serving — Node's default is to exit, and an
 * outage of the database then killed every instance at once. A connection error thrown outside any request (a pool's
 * socket dying while PostgreSQL restarts) is logged the same way. Any other uncaught exception leaves the process in a
 * state nobody knows: it is logged, and the process exits as Node would.
 */
export function guardProcess(strapi: Core.Strapi) {
  logger = strapi.log;
  if (installed) return;
  installed = true;
  const log = (message: string) => (logger ?? console).error(message);
  process.on('unhandledRejection', (reason) => log(`Rejet non traité, le processus continue : ${describe(reason)}`));
  process.on('uncaughtException', (error) => {
    if (isDatabaseUnavailable(error)) return log(`Erreur de connexion à la base hors requête, le processus continue : ${describe(error)}`);
    log(`Exception non rattrapée, arrêt du processus : ${describe(error)}`);
    process.exit(1);
  });
}
