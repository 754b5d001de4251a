import * as z from 'zod/v4';
import { FOLLOW_TARGETS, FREQUENCIES, KIND_NAMES, type NotificationKind } from './domain/rules';
import { dateTime, listMeta, nullable } from '../platform/schemas';

export const FollowState = z
  .object({ target: z.enum(FOLLOW_TARGETS), documentId: z.string(), following: z.boolean() })
  .meta({ id: 'FollowState', description: 'Ce que la personne suit désormais.' });

export const Follow = z
  .object({
    target: z.enum(FOLLOW_TARGETS),
    documentId: z.string(),
    title: nullable(z.string()),
    slug: nullable(z.string()).meta({ description: 'Slug de la consultation suivie (null pour une contribution).' }),
    followedAt: dateTime,
  })
  .meta({ id: 'Follow' });

export const Notification = z
  .object({
    documentId: z.string(),
    kind: z.enum(KIND_NAMES),
    subject: z.string(),
    body: z.string(),
    link: nullable(z.string()).meta({ description: 'Où voir ce dont parle la notification (page du site), si elle en a une.' }),
    createdAt: dateTime,
    read: z.boolean(),
  })
  .meta({ id: 'Notification', description: 'Ce que les courriels de notification disent, gardé pour le centre de notifications du site.' });

export const NotificationInbox = z
  .object({ data: z.array(Notification), meta: listMeta.extend({ unread: z.int().meta({ description: 'Notifications non lues, en tout.' }) }) })
  .meta({ id: 'NotificationInbox' });

export const NotificationsRead = z.object({ data: z.object({ unread: z.int() }) }).meta({ id: 'NotificationsRead' });

const FrequencyEnum = z
  .enum(FREQUENCIES)
  .meta({ description: '`immediate` : un courriel à chaque fois ; `daily` / `weekly` : un récapitulatif ; `off` : rien.' });

export const NotificationPreferences = z
  .object({
    frequencies: z.object(Object.fromEntries(KIND_NAMES.map((k) => [k, FrequencyEnum])) as Record<NotificationKind, typeof FrequencyEnum>),
    kinds: z.array(z.object({ kind: z.enum(KIND_NAMES), label: z.string(), frequency: FrequencyEnum, defaultFrequency: FrequencyEnum })),
  })
  .meta({
    id: 'NotificationPreferences',
    description: 'Quand recevoir chaque type de notification (par défaut : récapitulatif quotidien ; décisions de modération : tout de suite).',
  });

const UnsubscribeScope = z.union([
  z.object({ kind: z.enum(KIND_NAMES) }),
  z.object({ all: z.literal(true) }),
  z.object({ follow: z.object({ type: z.enum(FOLLOW_TARGETS), documentId: z.string() }) }),
]);

export const UnsubscribeLink = z.object({ scope: UnsubscribeScope, description: z.string() }).meta({ id: 'UnsubscribeLink' });
export const Unsubscribed = z.object({ unsubscribed: z.literal(true), scope: UnsubscribeScope, description: z.string() }).meta({ id: 'Unsubscribed' });
