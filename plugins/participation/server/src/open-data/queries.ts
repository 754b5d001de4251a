import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { notFound } from '../platform/errors';
import { participationContext } from '../consultations/public';
import { keepsRegister, REGISTER_FIELDS } from '../procedures/public';
import { columnsOf, describeTable, LICENCE, tableSchema, type OpenDataColumn } from './schema';
import { serverUrl } from '../platform/links';
import { csvStream } from '../platform/csv';
import { publishedContributionPages, type OpenDataRow } from './repository';

/** How the product's CSV files are written (platform/csv.ts), as a Data Package resource says it. */
const CSV_RESOURCE = {
  profile: 'tabular-data-resource',
  format: 'csv',
  mediatype: 'text/csv',
  encoding: 'utf-8-sig',
  dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
} as const;

/**
 * Open data: a consultation's published contributions and official answers, no personal data. Streamed in pages
 * (keyset on date then id, the order of the list): a consultation of two million contributions leaves with the
 * memory of one page.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Published contributions of one public consultation, or of every public consultation (`slug` null), page by page. */
  async function open(slug: string | null) {
    const context = slug === null ? null : await participationContext(strapi, { slug });
    if (slug !== null && !context) throw notFound('Consultation introuvable.');
    const pages = publishedContributionPages(strapi, context?.row.consultationDocumentId ?? null);
    return { consultation: context ? { slug: context.row.slug, title: context.title, status: context.row.status } : null, pages };
  }

  const csvOf = (columns: OpenDataColumn[], pages: AsyncGenerator<OpenDataRow[]>) =>
    csvStream(
      columns.map((k) => ({ key: k, header: k })),
      pages
    );

  const base = () => `${serverUrl(strapi)}/api/participation`;

  return {
    /** `{ data: { consultation, contributions: [...] } }`, written page by page. */
    async json(slug: string): Promise<Readable> {
      const { consultation, pages } = await open(slug);
      return Readable.from(
        (async function* () {
          yield `{"data":{"consultation":${JSON.stringify(consultation)},"contributions":[`;
          let first = true;
          for await (const page of pages) {
            yield (first ? '' : ',') + page.map((row) => JSON.stringify(row)).join(',');
            if (page.length) first = false;
          }
          yield ']}}';
        })()
      );
    },

    /** CSV (UTF-8 with BOM, comma-separated, CRLF), written page by page. */
    async csv(slug: string): Promise<Readable> {
      const { pages } = await open(slug);
      return csvOf(columnsOf('one'), pages);
    },

    /** Every public consultation's published contributions in one CSV, with a `consultation` column. */
    async allCsv(): Promise<Readable> {
      const { pages } = await open(null);
      return csvOf(columnsOf('all'), pages);
    },

    /** The frictionless data package of one consultation: its CSV, described field by field, and its licence. */
    async dataPackage(slug: string) {
      const context = await participationContext(strapi, { slug });
      if (!context) throw notFound('Consultation introuvable.');
      return {
        profile: 'tabular-data-package',
        name: `participer-${slug}`,
        title: `Contributions à la consultation « ${context.title} »`,
        description: 'Contributions publiées et réponses officielles, sans donnée personnelle (ni nom, ni adresse, ni identifiant de compte).',
        homepage: `${base()}/consultations/${slug}`,
        licenses: [LICENCE],
        created: `${new Date().toISOString().slice(0, 10)}T00:00:00Z`,
        resources: [
          {
            ...CSV_RESOURCE,
            name: 'contributions',
            path: `${base()}/consultations/${slug}/export?format=csv`,
            schema: tableSchema('one'),
          },
          // A legal procedure's register, numbered and chained, beside its contributions.
          ...(keepsRegister(context.procedure)
            ? [
                {
                  ...CSV_RESOURCE,
                  name: 'registre',
                  path: `${base()}/consultations/${slug}/register/export?format=csv`,
                  schema: describeTable(REGISTER_FIELDS, 'numero'),
                },
              ]
            : []),
        ],
      };
    },

    /** The data package of every public consultation, at a stable address, dated by its generation. */
    allDataPackage() {
      const today = new Date().toISOString().slice(0, 10);
      // Dated by the day: the document (and its ETag) changes once a day, not at every request.
      return {
        profile: 'tabular-data-package',
        name: 'participer-contributions',
        title: 'Contributions à toutes les consultations publiques',
        description: `Contributions publiées et réponses officielles de toutes les consultations publiques, sans donnée personnelle ; état au ${today}, régénéré à chaque téléchargement.`,
        licenses: [LICENCE],
        created: `${today}T00:00:00Z`,
        resources: [
          {
            ...CSV_RESOURCE,
            name: 'contributions',
            path: `${base()}/open-data/contributions.csv`,
            schema: tableSchema('all'),
          },
        ],
      };
    },
  };
};
