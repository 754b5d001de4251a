/**
 * Response schemas of the public API, assembled: each capability declares its own (its schemas.ts), on the shared
 * shapes of contract/base.ts. The OpenAPI document is generated from them, and the contract tests validate real
 * responses against that document: a key the code adds without adding it here fails a test.
 */
export * from '../platform/schemas';
export * from '../territories/schemas';
export * from '../consultations/schemas';
export * from '../contributions/schemas';
export * from '../accounts/schemas';
export * from '../notifications/schemas';
export * from '../petitions/schemas';
export * from '../budgets/schemas';
export * from '../places/schemas';
