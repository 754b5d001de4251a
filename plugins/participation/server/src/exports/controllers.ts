import type { Core } from '@strapi/strapi';
import { documentIdParams } from '../contract/base-inputs';
import { PERMISSIONS } from '../permissions';
import { fail } from '../platform/errors';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { consultationExportQuery } from './inputs';

type AbilityState = { userAbility?: { can: (action: string) => boolean } };

/** Agents' exports (admin JWT; the `export` permission is checked by the route policy, personal data here). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async download(ctx: HttpContext) {
    const { documentId: consultation } = parseInput(documentIdParams, ctx.params);
    const query = parseInput(consultationExportQuery, ctx.query);
    const personal = query.personal === 'true';
    const ability = (ctx.state as AbilityState).userAbility;
    if (personal && !ability?.can(PERMISSIONS.exportPersonal)) throw fail('personal_data_forbidden');
    const actor = adminActor(ctx);
    const file = await getService(strapi, 'exports').open({
      consultationDocumentId: consultation,
      format: query.format,
      personal,
      actor: { id: actor.id, name: actor.name },
    });
    ctx.set('Content-Type', file.contentType);
    ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = file.stream;
  },

  async log(ctx: HttpContext) {
    ctx.body = { data: await getService(strapi, 'exports').log() };
  },
});
