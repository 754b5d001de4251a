/**
 * Domain errors: services throw them, the `errors` middleware turns them into Strapi's error envelope.
 * `code` is the stable machine-readable `details.code` of the public API contract.
 */
export type FieldError = { path: (string | number)[]; message: string };

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>
  ) {
    super(message);
    this.name = DomainError.errorName(status);
  }

  static errorName(status: number): string {
    return (
      {
        400: 'ValidationError',
        401: 'UnauthorizedError',
        403: 'ForbiddenError',
        404: 'NotFoundError',
        409: 'ConflictError',
        413: 'PayloadTooLargeError',
        415: 'UnsupportedMediaTypeError',
        429: 'RateLimitError',
      }[status] ?? 'ApplicationError'
    );
  }
}

export const validationFailed = (errors: FieldError[], message = 'Paramètres invalides.') =>
  new DomainError(400, 'validation_failed', message, errors);

export const notFound = (message = 'Ressource introuvable.') => new DomainError(404, 'not_found', message);

export const conflict = (code: string, message: string) => new DomainError(409, code, message);

export const forbidden = (code: string, message: string) => new DomainError(403, code, message);

export const unauthorized = (message = 'Vous devez être connecté·e.') =>
  new DomainError(401, 'unauthenticated', message);
