import { fork, type ChildProcess } from 'child_process';
import net from 'net';
import path from 'path';
import supertest from 'supertest';
import { ROOT } from './database';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export type Instance = {
  child: ChildProcess;
  port: number;
  http: () => supertest.Agent;
  setup: <T>(name: string, args: Record<string, unknown>) => Promise<T>;
  stop: () => Promise<void>;
};

/** A server process (tests/helpers/instance-process.js) on a free port, with the given environment. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = fork(path.join(ROOT, 'tests', 'helpers', 'instance-process.js'), [], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`instance arrêtée au démarrage (${code})`)));
  });
  let next = 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    http: () => supertest.agent(base),
    setup: <T>(name: string, args: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const id = (next += 1);
        const onMessage = (m: { id?: number; result?: T; error?: string }) => {
          if (m.id !== id) return;
          child.off('message', onMessage);
          if (m.error) reject(new Error(m.error));
          else resolve(m.result as T);
        };
        child.on('message', onMessage);
        child.send({ type: 'setup', id, name, args });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

/** Waits until `check` answers something truthy, polling every 200 ms. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Jamais atteint : ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
