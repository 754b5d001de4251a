import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { reportItem } from '../moderation/public';
import type { TargetType } from '../moderation/domain/moderation';
import { commentContribution } from './commands/comment';
import { editContribution } from './commands/edit';
import { enterContribution } from './commands/enter';
import { submitContribution, type ContributionInput } from './commands/submit';
import { setSupport } from './commands/support';
import type { AgentChannel } from './domain/policy';
import queries from './queries';

/** The contributions capability as one Strapi service: one command per use case, and the public reads. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ...queries({ strapi }),
  submit: (slug: string, citizen: Citizen | null, input: ContributionInput) => submitContribution(strapi, slug, citizen, input),
  enter: (
    consultationDocumentId: string,
    agent: { id: number },
    input: ContributionInput & { channel: AgentChannel; authorName?: string; receivedAt?: string }
  ) => enterContribution(strapi, consultationDocumentId, agent, input),
  edit: (documentId: string, citizen: Citizen, input: Partial<ContributionInput>) => editContribution(strapi, documentId, citizen, input),
  setSupport: (documentId: string, citizen: Citizen, supported: boolean) => setSupport(strapi, documentId, citizen, supported),
  comment: (documentId: string, citizen: Citizen | null, input: { body: string; parent?: string }) => commentContribution(strapi, documentId, citizen, input),
  report: (type: TargetType, documentId: string, citizen: Citizen, input: { reason: string; details?: string }) =>
    reportItem(strapi, type, documentId, citizen, input),
});
