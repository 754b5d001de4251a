import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import type { AdminAnswer, Decision, DecisionOutcome, Envelope, ModerationEvent, PendingCount, QueueItem } from '../api/types';
import { useT } from '../utils/useT';

export type QueueFilters = { consultation: string; status: string; type: string; reported: boolean };

export const itemKey = (i: { type: string; documentId: string }) => `${i.type}:${i.documentId}`;

/** The moderation queue's data: the filtered items, the pending counts, decisions and an item's history. */
export function useModerationQueue(filters: QueueFilters) {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [items, setItems] = React.useState<QueueItem[] | null>(null);
  const [total, setTotal] = React.useState({ count: 0, more: false });
  const [pending, setPending] = React.useState<PendingCount[]>([]);
  const [busy, setBusy] = React.useState(false);
  const loadFailed = t('error.load');

  const load = React.useCallback(async () => {
    const params = new URLSearchParams({ pageSize: '100' });
    if (filters.consultation) params.set('consultation', filters.consultation);
    if (filters.status) params.set('status', filters.status);
    if (filters.type) params.set('type', filters.type);
    if (filters.reported) params.set('reported', 'true');
    try {
      const [queue, counts] = await Promise.all([
        get<AdminAnswer<'/moderation/queue', 'get'>>(`/participation/moderation/queue?${params}`),
        get<Envelope<PendingCount[]>>('/participation/moderation/pending-counts'),
      ]);
      setItems(queue.data.data);
      setTotal({ count: queue.data.meta.pagination.total, more: !!queue.data.meta.pagination.totalIsLowerBound });
      setPending(counts.data.data);
    } catch {
      toggleNotification({ type: 'danger', message: loadFailed });
    }
  }, [filters, get, toggleNotification, loadFailed]);

  React.useEffect(() => {
    load();
  }, [load]);

  /** Sends one decision for these items; says what was done and what was refused, then reloads. */
  const decide = async (decision: Decision, targets: QueueItem[], reason = '', note = '') => {
    if (targets.length === 0 || busy) return;
    setBusy(true);
    try {
      const res = await post<AdminAnswer<'/moderation/decisions', 'post'>>('/participation/moderation/decisions', {
        items: targets.map((i) => ({ type: i.type, id: i.documentId })),
        decision,
        ...(reason ? { reason } : {}),
        ...(note ? { note } : {}),
      });
      const { decided, refused } = res.data.meta;
      if (decided) toggleNotification({ type: 'success', message: t('decision.done', { count: decided }) });
      if (refused) {
        const reasons = res.data.data
          .filter((r): r is Extract<DecisionOutcome, { ok: false }> => !r.ok)
          .map((r) => r.message)
          .join(' ; ');
        toggleNotification({ type: 'warning', message: t('decision.refused', { count: refused, reasons }) });
      }
    } catch {
      toggleNotification({ type: 'danger', message: loadFailed });
    } finally {
      setBusy(false);
      await load();
    }
  };

  const history = async (item: QueueItem) =>
    (await get<Envelope<ModerationEvent[]>>(`/participation/moderation/${item.type}/${item.documentId}/history`)).data.data;

  return { items, total, pending, busy, decide, history, reload: load };
}
