import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'net';

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; text: string; html: string | null };

/** A real SMTP server on a loopback port (a free one unless given): the app's nodemailer provider delivers to it. */
export async function startSmtp(port = 0) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const decoded = decodeMail(raw);
        received.push({
          from: session.envelope.mailFrom ? (session.envelope.mailFrom as { address: string }).address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...decoded,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    received,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(bound), SMTP_IGNORE_TLS: 'true' },
    async waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs = 5000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const found = received.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`Aucun courriel reçu correspondant ; reçus : ${received.map((m) => m.subject).join(' | ')}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subject and plain-text body of a nodemailer message (single part or multipart; quoted-printable or base64). */
function decodeMail(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  const subject = subjectLine.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQ(data.replace(/_/g, ' '))
  );
  return { subject, text: decodePart(headers, rest.join('\n\n')), html: decodePart(headers, rest.join('\n\n'), 'text/html') || null };
}

/** The part of `type` of a message (plain text by default; the first part when none has that type, except for HTML). */
function decodePart(headers: string, body: string, type = 'text/plain'): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (/^Content-Type: multipart\//im.test(headers) && boundary) {
    const parts = body
      .split(`--${boundary}`)
      .map((p) => p.replace(/^\r?\n/, ''))
      .filter((p) => p.trim() && !p.startsWith('--'));
    const decoded = parts.map((part) => {
      const [h, ...b] = part.split(/\r?\n\r?\n/);
      return { type: /^Content-Type: ([^;\r\n]+)/im.exec(h)?.[1] ?? 'text/plain', text: decodePart(h.replace(/\r?\n[ \t]+/g, ' '), b.join('\n\n'), type) };
    });
    return (decoded.find((p) => p.type === type) ?? (type === 'text/html' ? undefined : decoded[0]))?.text ?? '';
  }
  if (type === 'text/html' && !/^Content-Type: text\/html/im.test(headers)) return '';
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1]?.trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQ(body.replace(/=\r?\n/g, ''));
  return body;
}

function decodeQ(s: string) {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
