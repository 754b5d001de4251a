import * as z from 'zod/v4';

/** Optional ordered steps inside the open period; each says what citizens may do while it runs. */
export const PHASE_KINDS = ['information', 'contribution', 'vote', 'analysis'] as const;

export const phaseSchema = z.strictObject({
  kind: z.enum(PHASE_KINDS),
  title: z.string().trim().min(1).max(120),
  description: z.string().max(1000).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  allowContributions: z.boolean().optional(),
  allowSupports: z.boolean().optional(),
  allowComments: z.boolean().optional(),
});

export const phasesSchema = z
  .array(phaseSchema)
  .max(12)
  .superRefine((phases, ctx) => {
    phases.forEach((phase, i) => {
      if (new Date(phase.startsAt) >= new Date(phase.endsAt)) {
        ctx.addIssue({ code: 'custom', path: [i, 'endsAt'], message: 'La fin de la phase doit suivre son début.' });
      }
      const previous = phases[i - 1];
      if (previous && new Date(phase.startsAt) < new Date(previous.endsAt)) {
        ctx.addIssue({ code: 'custom', path: [i, 'startsAt'], message: 'Les phases se suivent sans se chevaucher.' });
      }
    });
  });

export type Phase = z.infer<typeof phaseSchema>;

/**
 * Phases that run past the consultation's closing. A phase may start before the opening (an information phase
 * announces what is coming; nothing is allowed before the opening anyway), never end after the closing.
 */
export function phasesOutsideWindow(phases: Phase[], closesAt: Date | null) {
  const issues: { index: number; field: 'startsAt' | 'endsAt'; message: string }[] = [];
  phases.forEach((phase, index) => {
    if (closesAt && new Date(phase.endsAt) > closesAt)
      issues.push({ index, field: 'endsAt', message: 'La phase finit après la date de clôture de la consultation.' });
  });
  return issues;
}

/**
 * The phases of a consultation closed early, at `closesAt`: the phase running then ends then, and those that had not
 * begun are dropped (they never ran). The calendar stays valid, so a later save (the results, the synthesis) is not
 * refused for phases that end after the closing.
 */
export function phasesClosedAt(phases: Phase[], closesAt: Date): Phase[] {
  return phases
    .filter((phase) => new Date(phase.startsAt) < closesAt)
    .map((phase) => (new Date(phase.endsAt) > closesAt ? { ...phase, endsAt: closesAt.toISOString() } : phase));
}

/** By kind, what a phase enables unless it says otherwise. */
const DEFAULTS: Record<Phase['kind'], { allowContributions: boolean; allowSupports: boolean; allowComments: boolean }> = {
  information: { allowContributions: false, allowSupports: false, allowComments: false },
  contribution: { allowContributions: true, allowSupports: true, allowComments: true },
  vote: { allowContributions: false, allowSupports: true, allowComments: true },
  analysis: { allowContributions: false, allowSupports: false, allowComments: false },
};

export function phaseAbilities(phase: Phase) {
  const d = DEFAULTS[phase.kind];
  return {
    allowContributions: phase.allowContributions ?? d.allowContributions,
    allowSupports: phase.allowSupports ?? d.allowSupports,
    allowComments: phase.allowComments ?? d.allowComments,
  };
}

export function currentPhase(phases: Phase[], now: Date): Phase | null {
  return phases.find((p) => new Date(p.startsAt) <= now && now < new Date(p.endsAt)) ?? null;
}

/** The phases staff wrote, if valid (they are validated on save; old bad data is not shown rather than a 500). */
export const parsePhases = (value: unknown): Phase[] => {
  let raw = value ?? [];
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  const parsed = phasesSchema.safeParse(raw);
  return parsed.success ? parsed.data : [];
};
