import { promises as fs } from 'node:fs';
import { validationFailed } from './errors';

/** The documents people and staff join: a PDF, a JPEG or a PNG, told by their first bytes. */
const KINDS = [
  { mime: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
] as const;

export type FileKind = { mime: string; extension: string };

/** The kind of a file from its first bytes (whatever its name or declared type says), or null. */
export function fileKindOf(head: Uint8Array): FileKind | null {
  const kind = KINDS.find((k) => k.magic.every((byte, i) => head[i] === byte));
  return kind ? { mime: kind.mime, extension: kind.extension } : null;
}

/** The kind of a file on disk (an upload's temporary file), from its first 8 bytes. */
export async function fileKindAt(filepath: string): Promise<FileKind | null> {
  const handle = await fs.open(filepath, 'r');
  const head = Buffer.alloc(8);
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  return fileKindOf(head);
}

/** The temporary files of a multipart request (Strapi's body parser wrote them), as a flat list with their fields. */
export type UploadedFile = { filepath: string; size: number; originalFilename?: string | null; mimetype?: string | null };

export function uploadedFiles(files: Record<string, UploadedFile | UploadedFile[] | undefined> | undefined): { field: string; file: UploadedFile }[] {
  return Object.entries(files ?? {}).flatMap(([field, f]) => (f ? (Array.isArray(f) ? f : [f]) : []).map((file) => ({ field, file })));
}

/** Removes a request's temporary files: stored or refused, they are not kept on this disk. */
export async function removeUploaded(files: { file: UploadedFile }[]) {
  await Promise.all(files.map(({ file }) => fs.rm(file.filepath, { force: true })));
}

/**
 * An upload route's handler: runs `work` with the one file the multipart request sent in the field `file` (undefined
 * when none; 400 for more files or another field), then removes the request's temporary files whatever happened.
 */
export async function withOneUpload<T>(request: { files?: unknown }, work: (file: UploadedFile | undefined) => Promise<T>): Promise<T> {
  const uploaded = uploadedFiles(request.files as Record<string, UploadedFile | UploadedFile[] | undefined> | undefined);
  try {
    if (uploaded.length > 1 || uploaded.some((u) => u.field !== 'file'))
      throw validationFailed([{ path: ['file'], message: 'Un seul fichier, dans le champ « file ».' }]);
    return await work(uploaded[0]?.file);
  } finally {
    await removeUploaded(uploaded);
  }
}
