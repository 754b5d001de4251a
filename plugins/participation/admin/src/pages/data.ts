import { useAdminData } from '../api/useAdminData';
import type { OutboxStatus } from '../api/types';

/** The outbox screen's reads: a page of messages (once the permission is known), the webhooks and their events. */
export const useOutboxPage = (allowed: boolean, status: OutboxStatus | '', page: number) =>
  useAdminData(
    '/outbox',
    allowed ? `/participation/outbox?${new URLSearchParams({ page: String(page), pageSize: '50', ...(status ? { status } : {}) })}` : null
  );
export const useWebhooks = () => useAdminData('/webhooks', '/participation/webhooks');
