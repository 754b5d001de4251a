import type { Core } from '@strapi/strapi';
import { EDITORIAL_LABELS } from '../content-labels';

export async function applyEditorialLabels(strapi: Core.Strapi) {
  await strapi.plugin('participation').service('content-labels').apply(EDITORIAL_LABELS);
}
