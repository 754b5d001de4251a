import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';

/** Absolute addresses the platform writes into mails and feeds: the server (PUBLIC_URL) and the citizen site. */
export function serverUrl(strapi: Core.Strapi): string {
  return String(strapi.config.get('server.url') || `http://localhost:${strapi.config.get('server.port') ?? 1337}`).replace(/\/$/, '');
}

/** A file of the media library as an absolute address (the local provider gives a path, S3 a full URL). */
export const mediaUrl = (strapi: Core.Strapi, url: string) => (/^https?:\/\//.test(url) ? url : `${serverUrl(strapi)}${url}`);

/** The citizen site (PUBLIC_SITE_URL, else the reference site served at /site/), without a fragment. */
export function siteUrl(strapi: Core.Strapi): string {
  const configured = (strapi.config.get('plugin::participation') as PluginConfig).notifications.siteUrl;
  return (configured || `${serverUrl(strapi)}/site/`).replace(/#.*$/, '');
}

/** A consultation's page on the citizen site. */
export const consultationPage = (strapi: Core.Strapi, slug: string) => `${siteUrl(strapi)}#/c/${encodeURIComponent(slug)}`;

/** A budget project's page on the citizen site. */
export const budgetProjectPage = (strapi: Core.Strapi, documentId: string) => `${siteUrl(strapi)}#/projets/${encodeURIComponent(documentId)}`;

/** A petition's page on the citizen site. */
export const petitionPage = (strapi: Core.Strapi, slug: string) => `${siteUrl(strapi)}#/p/${encodeURIComponent(slug)}`;

/** A public meeting's page on the citizen site. */
export const meetingPage = (strapi: Core.Strapi, slug: string) => `${siteUrl(strapi)}#/reunions/${encodeURIComponent(slug)}`;
