import { buildOpenApiDocument } from './openapi';

/** The OpenAPI document of the public API, built once from the route registry and its zod schemas. */
export default () => {
  let document: ReturnType<typeof buildOpenApiDocument> | null = null;
  return {
    document() {
      document ??= buildOpenApiDocument();
      return document;
    },
  };
};
