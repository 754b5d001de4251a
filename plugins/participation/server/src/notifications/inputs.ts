import * as z from 'zod/v4';
import { FREQUENCIES, type Frequency, KIND_NAMES, type NotificationKind } from './domain/rules';
import { documentId } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
export const notificationsReadBody = z
  .strictObject({ documentIds: z.array(documentId).min(1).max(100).optional() })
  .meta({ description: 'Les notifications à marquer comme lues (`documentIds`), ou toutes sans ce champ.' });

/** PUT /me/notification-preferences: only the kinds to change, each to a known frequency. */
export const notificationPreferencesBody = z.strictObject({
  frequencies: z
    .strictObject(
      Object.fromEntries(KIND_NAMES.map((kind) => [kind, z.enum(FREQUENCIES).optional()])) as Record<
        NotificationKind,
        z.ZodOptional<z.ZodEnum<{ [K in Frequency]: K }>>
      >
    )
    .refine((value) => Object.keys(value).length > 0, { error: 'Indiquez au moins un type de notification.' }),
});

/** The signed token of an unsubscribe link. */
export const unsubscribeQuery = z.strictObject({ token: z.string().min(10).max(2000) });
