/** What a scan joined to the register may be: a PDF, a JPEG or a PNG, by its first bytes; 10 Mo; 10 per observation. */
export const SCAN_LIMITS = { maxBytes: 10 * 1024 * 1024, perObservation: 10 } as const;

/** Why someone may not join a scan: only agents who configure the consultation do. */
export const SCAN_REFUSAL = 'Seul un agent habilité à régler la consultation joint une numérisation au registre.';
