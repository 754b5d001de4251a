import type { Core } from '@strapi/strapi';
import type services from '../services';

/** The plugin's services as the compiler sees them: `getService(strapi, 'contributions').submit(...)` is checked. */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin('participation').service(name) as Services[Name];
