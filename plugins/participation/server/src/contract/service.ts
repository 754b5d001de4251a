import { buildAdminOpenApiDocument, buildOpenApiDocument } from './openapi';

/** The OpenAPI documents of the public and admin APIs, each built once from its route registry and zod schemas. */
export default () => {
  let document: ReturnType<typeof buildOpenApiDocument> | null = null;
  let adminDocument: ReturnType<typeof buildAdminOpenApiDocument> | null = null;
  return {
    document() {
      document ??= buildOpenApiDocument();
      return document;
    },
    adminDocument() {
      adminDocument ??= buildAdminOpenApiDocument();
      return adminDocument;
    },
  };
};
