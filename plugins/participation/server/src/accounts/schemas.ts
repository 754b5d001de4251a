import * as z from 'zod/v4';
import { FREQUENCIES } from '../notifications/domain/rules';
import { dateTime, nullable } from '../platform/schemas';

export const AccountExport = z
  .object({
    account: z.object({ username: z.string(), email: z.string(), createdAt: nullable(dateTime), confirmed: z.boolean() }),
    contributions: z.array(z.record(z.string(), z.unknown())),
    comments: z.array(z.record(z.string(), z.unknown())),
    supports: z.array(z.object({ contribution: z.string(), at: nullable(dateTime) })),
    reports: z.array(
      z.object({
        type: z.enum(['contribution', 'comment']),
        target: nullable(z.string()),
        reason: z.string(),
        details: nullable(z.string()),
        at: nullable(dateTime),
      })
    ),
    consultations: z.array(z.object({ slug: nullable(z.string()), title: nullable(z.string()) })),
    follows: z.array(z.object({ target: z.string(), documentId: z.string(), following: z.boolean(), since: dateTime })),
    notificationPreferences: z.record(z.string(), z.enum(FREQUENCIES)),
    petitionSignatures: z.array(z.object({ petition: z.string(), slug: z.string(), communeCode: z.string(), showName: z.boolean(), signedAt: dateTime })),
    petitions: z.array(z.object({ title: z.string(), slug: z.string(), body: z.string(), status: z.string(), createdAt: dateTime })),
    budgetBallots: z.array(
      z.object({
        declaration: z.object({ fullName: z.string(), birthDate: z.string(), communeCode: z.string(), link: z.string() }),
        blank: z.boolean(),
        choices: z.array(z.string()),
        receipt: z.string(),
        updatedAt: dateTime,
      })
    ),
    budgetProjects: z.array(z.object({ title: z.string(), description: z.string(), estimatedCost: z.int(), communeCode: z.string(), createdAt: dateTime })),
    questionnaireResponses: z.array(
      z.object({
        questionnaire: z.string(),
        slug: z.string(),
        status: z.enum(['brouillon', 'envoyée']),
        submittedAt: nullable(dateTime),
        receipt: z.string(),
        answers: z.record(z.string(), z.unknown()),
      })
    ),
    questionnaireFiles: z.array(
      z.object({
        id: z.string(),
        questionnaire: z.string(),
        question: z.string(),
        name: z.string(),
        mime: z.string(),
        bytes: z.int(),
        sha256: z.string(),
      })
    ),
    meetingRegistrations: z.array(
      z.object({
        meeting: z.string(),
        slug: z.string(),
        startsAt: dateTime,
        status: z.enum(['registered', 'waitlisted', 'cancelled']),
        code: z.string(),
        checkedInAt: nullable(dateTime),
        publicName: nullable(z.string()),
        organisation: nullable(z.string()),
        territoryCode: nullable(z.string()),
        registeredAt: dateTime,
      })
    ),
    meetingRemarks: z.array(
      z.object({
        meeting: z.string(),
        slug: z.string(),
        body: z.string(),
        status: z.enum(['received', 'withheld']),
        sentAt: dateTime,
        updatedAt: dateTime,
      })
    ),
    exportedAt: dateTime,
  })
  .meta({ id: 'AccountExport', description: 'Tout ce que la plateforme détient sur la personne connectée.' });

export const AccountErased = z.object({ erased: z.literal(true) }).meta({ id: 'AccountErased' });
export const SignedOut = z.object({ signedOut: z.literal(true) }).meta({ id: 'SignedOut' });
