import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Core } from '@strapi/strapi';

export type StoredFile = { id: number; url: string; bytes: number; sha256: string; lines: number };

/**
 * Writes a file to the media library (the upload provider: local disk, or S3 in production) and measures it as it
 * goes: its size, its SHA-256 and its line count (for a CSV). The content streams through a temporary file, never
 * held whole in memory.
 */
export async function storeFile(
  strapi: Core.Strapi,
  file: { name: string; mimetype: string; caption: string; content: NodeJS.ReadableStream | Buffer }
): Promise<StoredFile> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'participer-file-'));
  const temporary = path.join(directory, file.name);
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    let lines = 0;
    const measure = new Transform({
      transform(chunk: Buffer | string, _encoding, done) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        hash.update(buffer);
        bytes += buffer.length;
        for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines += 1;
        done(null, buffer);
      },
    });
    const source = Buffer.isBuffer(file.content) ? Readable.from([file.content]) : file.content;
    await pipeline(source, measure, createWriteStream(temporary));
    const [uploaded] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: file.name, caption: file.caption, alternativeText: file.name } },
        files: { filepath: temporary, originalFilename: file.name, mimetype: file.mimetype, size: bytes },
      })) as { id: number; url: string }[];
    return { id: uploaded.id, url: uploaded.url, bytes, sha256: hash.digest('hex'), lines };
  } finally {
    await fs.rm(directory, { recursive: true, force: true });
  }
}

/**
 * Stores a file, then records it with `record`; if recording fails, the stored file is removed again (no file in the
 * media library that nothing lists), and the error goes on.
 */
export async function storeAndRecord<T>(strapi: Core.Strapi, file: Parameters<typeof storeFile>[1], record: (stored: StoredFile) => Promise<T>): Promise<T> {
  const stored = await storeFile(strapi, file);
  try {
    return await record(stored);
  } catch (error) {
    const upload = strapi.plugin('upload').service('upload') as { findOne: (id: number) => Promise<unknown>; remove: (file: unknown) => Promise<unknown> };
    const written = await upload.findOne(stored.id).catch(() => null);
    if (written)
      await upload.remove(written).catch((removal: Error) => strapi.log.error(`[participation] fichier ${stored.url} non retiré : ${removal.message}`));
    throw error;
  }
}
