import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { saveDownload } from '../utils/saveDownload';
import { useT } from '../utils/useT';

/** Downloads an export through the admin's authenticated client, under the file name the server gives. */
export function useDownload() {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState<string | null>(null);
  const download = async (documentId: string, format: 'csv' | 'xlsx', personal = false) => {
    setBusy(`${documentId}:${format}`);
    try {
      const res = await get(`/participation/consultations/${documentId}/export?format=${format}&personal=${personal}`, { responseType: 'blob' });
      saveDownload(res, `contributions.${format}`);
      toggleNotification({ type: 'success', message: t('exports.done') });
    } catch {
      toggleNotification({ type: 'danger', message: t('exports.failed') });
    } finally {
      setBusy(null);
    }
  };
  return { download, busy };
}
