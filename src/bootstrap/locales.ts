import type { Core } from '@strapi/strapi';

/** French is the default content locale; English is offered for translations. Idempotent. */
export async function ensureLocales(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  const existing: { code: string }[] = await locales.find();
  const wanted = [
    { code: 'fr', name: 'French (fr)' },
    { code: 'en', name: 'English (en)' },
  ];
  for (const locale of wanted) {
    if (!existing.some((l) => l.code === locale.code)) await locales.create(locale);
  }
  if ((await locales.getDefaultLocale()) !== 'fr') await locales.setDefaultLocale({ code: 'fr' });
}
