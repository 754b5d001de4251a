/** Request schemas of every route, assembled: each capability declares its own (its inputs.ts), on the shared primitives of base-inputs.ts. */
export * from './base-inputs';
export * from '../consultations/inputs';
export * from '../places/inputs';
export * from '../territories/inputs';
export * from '../contributions/inputs';
export * from '../moderation/inputs';
export * from '../notifications/inputs';
export * from '../accounts/inputs';
export * from '../petitions/inputs';
export * from '../budgets/inputs';
