/**
 * Strapi's error envelope with the API's machine-readable code (`details.code`): the body of every refusal the app
 * itself answers (unreadable bodies, unknown addresses, 405, a database out of reach).
 */
export const errorBody = (status: number, name: string, message: string, code: string) => ({
  data: null,
  error: { status, name, message, details: { code } },
});
