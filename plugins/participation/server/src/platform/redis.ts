import Redis from 'ioredis';

/**
 * A Redis client for what the instances share (rate limits, the public cache): it fails fast while disconnected (no
 * offline queue, one retry), so that a request never waits on a Redis that is down, and reconnects every two
 * seconds at most. `down` is told once when the connection is lost, `up` once when it is back.
 */
export function sharedRedis(url: string, on: { down: (error: Error) => void; up: () => void }): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    on.down(error);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    on.up();
  });
  return client;
}

/** Resolves once `client` is connected, or after `ms` (whichever comes first). */
export async function connected(client: Redis, ms = 2000): Promise<void> {
  if (client.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    new Promise<void>((resolve) => client.once('ready', () => resolve())),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  if (timer) clearTimeout(timer);
}
