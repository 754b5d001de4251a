import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { paths } from './schema';
import type { AdminAnswer } from './types';

/** The admin routes that answer a GET. */
export type ReadablePath = { [P in keyof paths]: paths[P]['get'] extends undefined ? never : P }[keyof paths];

/**
 * What a screen reads from one admin route, typed by the generated document: the answer (null until it came), whether
 * the last read failed, and `reload` (after a save). `url` is the concrete address (`/participation/…`, with its
 * query); null reads nothing (not allowed, nothing chosen yet). `delayMs` waits for the typing to settle.
 */
export function useAdminData<P extends ReadablePath>(_path: P, url: string | null, options: { delayMs?: number } = {}) {
  const { get } = useFetchClient();
  const [data, setData] = React.useState<AdminAnswer<P, 'get'> | null>(null);
  const [failed, setFailed] = React.useState(false);
  const reload = React.useCallback(async () => {
    if (!url) return null;
    try {
      const answer = (await get<AdminAnswer<P, 'get'>>(url)).data;
      setData(answer);
      setFailed(false);
      return answer;
    } catch {
      setFailed(true);
      return null;
    }
  }, [get, url]);
  const { delayMs } = options;
  React.useEffect(() => {
    if (!delayMs) {
      void reload();
      return undefined;
    }
    const timer = setTimeout(reload, delayMs);
    return () => clearTimeout(timer);
  }, [reload, delayMs]);
  return { data, failed, reload };
}
