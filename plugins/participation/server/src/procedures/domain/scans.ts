/** What a scan joined to the register may be: a PDF, a JPEG or a PNG, by its first bytes; 10 Mo; 10 per observation. */
export const SCAN_LIMITS = { maxBytes: 10 * 1024 * 1024, perObservation: 10 } as const;

/** Why someone may not join a scan: only agents who configure the consultation do. */
export const SCAN_REFUSAL = 'Seul un agent habilité à régler la consultation joint une numérisation au registre.';

const KINDS = [
  { mime: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
] as const;

/** The kind of a file from its first bytes (whatever its name or declared type says), or null. */
export function scanKindOf(head: Uint8Array): { mime: string; extension: string } | null {
  const kind = KINDS.find((k) => k.magic.every((byte, i) => head[i] === byte));
  return kind ? { mime: kind.mime, extension: kind.extension } : null;
}
