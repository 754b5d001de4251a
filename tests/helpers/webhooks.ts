import http from 'http';
import type { AddressInfo } from 'net';
import type { TestApp } from './strapi';

export type Delivery = { headers: http.IncomingHttpHeaders; raw: string; body: any };

/**
 * A real HTTP receiver on a loopback port. `down(n)` makes it answer 503 to the next n deliveries (a receiver
 * that is down); every delivery that got a 2xx is kept in `received`.
 */
export async function startReceiver() {
  const received: Delivery[] = [];
  let failing = 0;
  let refused = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (failing > 0) {
        failing -= 1;
        refused += 1;
        res.statusCode = 503;
        res.end('indisponible');
        return;
      }
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    down: (n: number) => (failing = n),
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A webhook written straight to Strapi's store (the database), as another instance would see it: no in-memory registration. */
export async function subscribe(app: TestApp, url: string, events = ['participation.consultation.transitioned']) {
  return app.strapi.get('webhookStore').createWebhook({ name: 'Site du Département', url, headers: {}, events, isEnabled: true });
}

/** Delivers every message committed so far (the outbox's own after-commit run, awaited). */
export const deliverOutbox = (app: TestApp) => app.strapi.plugin('participation').service('outbox').deliverDue() as Promise<number>;
