import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../platform/citizen';
import type { StaffActor as Actor } from '../platform/staff';
import type { PetitionStatus } from './domain/rules';
import { adminDetail, adminList, adminSchemes, exportSignatures } from './admin-queries';
import { answer } from './commands/answer';
import { appeal } from './commands/appeal';
import { decide, type DecisionInput } from './commands/decide';
import { eraseCitizen } from './commands/erase';
import { enterPaperPetition, filePetition, type FileInput, type PaperPetitionInput } from './commands/file';
import { runDue } from './commands/run-due';
import { saveScheme, type SchemeInput } from './commands/save-scheme';
import { enterPaperSignature, sign, verifyPaperSignature, withdraw, type PaperSignatureInput, type SignInput } from './commands/sign';

export type { SchemeInput } from './commands/save-scheme';

/** Petitions and interpellation, as the controllers and other capabilities call them: a façade over the use cases (commands/) and the staff's reads (admin-queries.ts). Public reads: queries.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    file: (citizen: Citizen, input: FileInput) => filePetition(strapi, citizen, input),
    sign: (slug: string, citizen: Citizen, input: SignInput) => sign(strapi, slug, citizen, input),
    withdraw: (slug: string, citizen: Citizen) => withdraw(strapi, slug, citizen),
    appeal: (slug: string, citizen: Citizen, reason: string) => appeal(strapi, slug, citizen, reason),
    decide: (documentId: string, input: DecisionInput, actor: Actor) => decide(strapi, documentId, input, actor),
    answer: (documentId: string, text: string, actor: Actor) => answer(strapi, documentId, text, actor),
    enterPaperPetition: (input: PaperPetitionInput, actor: Actor) => enterPaperPetition(strapi, input, actor),
    enterPaperSignature: (documentId: string, input: PaperSignatureInput, actor: Actor) => enterPaperSignature(strapi, documentId, input, actor),
    verifyPaperSignature: (documentId: string, signatureId: number, input: { verified: boolean; note?: string }, actor: Actor) =>
      verifyPaperSignature(strapi, documentId, signatureId, input, actor),
    runDue: (now = new Date()) => runDue(strapi, now),
    eraseCitizen: (trx: Knex.Transaction, userId: number) => eraseCitizen(strapi, trx, userId),

    saveScheme: (documentId: string | null, input: SchemeInput) => saveScheme(strapi, documentId, input),
    adminSchemes: () => adminSchemes(strapi),
    adminList: (filter: { status?: PetitionStatus; page: number; pageSize: number }) => adminList(strapi, filter),
    adminDetail: (documentId: string) => adminDetail(strapi, documentId),
    exportSignatures: (documentId: string, actor: Actor) => exportSignatures(strapi, documentId, actor),
  };
};
