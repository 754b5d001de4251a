import {
  appealRefusal,
  closingDate,
  decisionOutcome,
  evaluateStage,
  requiredSignatures,
  signerKey,
  signRefusal,
  thresholdStages,
  type ThresholdStage,
} from './rules';

const day = 86_400_000;
const territories = [
  { code: 'A', name: 'Territoire A', population: 10_000 },
  { code: 'B', name: 'Territoire B', population: 50_000 },
  { code: 'C', name: 'Territoire C', population: 2_000 },
];
const counts = (byTerritory: Record<string, number>) => ({
  total: Object.values(byTerritory).reduce((a, b) => a + b, 0),
  byTerritory: new Map(Object.entries(byTerritory)),
});
const stage = (s: Partial<ThresholdStage>): ThresholdStage =>
  ({ key: 'etape', label: 'Étape', withinDays: 90, triggers: 'official_answer', ...s }) as ThresholdStage;
const context = { population: 1_487_570, territories, groupingKey: 'epci' };

describe('threshold stages', () => {
  it('need a number of signatures or a share of the population, not both, and distinct keys', () => {
    expect(thresholdStages.safeParse([{ key: 'a', label: 'Sans seuil', withinDays: 10, triggers: 'official_answer' }]).success).toBe(false);
    expect(
      thresholdStages.safeParse([{ key: 'a', label: 'Deux seuils', signatures: 10, populationRatio: 0.05, withinDays: 10, triggers: 'official_answer' }])
        .success
    ).toBe(false);
    expect(thresholdStages.safeParse([stage({ signatures: 1 }), stage({ signatures: 2 })]).success).toBe(false);
    expect(thresholdStages.safeParse([stage({ signatures: 100 }), stage({ key: 'deux', populationRatio: 0.05 })]).success).toBe(true);
  });

  it('round a share of the population up (one twentieth of the registered voters, CGCT L1112-16)', () => {
    expect(requiredSignatures(stage({ populationRatio: 0.05 }), 1_487_570)).toBe(74_379);
    expect(requiredSignatures(stage({ signatures: 20_000 }), 1_487_570)).toBe(20_000);
  });

  it('count distinct territories holding their own threshold', () => {
    const s = stage({ signatures: 5, minTerritories: 2, perTerritory: 2 });
    expect(evaluateStage(s, counts({ A: 4, B: 1 }), context).met).toBe(false);
    const met = evaluateStage(s, counts({ A: 3, B: 2 }), context);
    expect(met.met).toBe(true);
    expect(met.territories).toMatchObject({ reachedCount: 2, minTerritories: 2, missing: [expect.objectContaining({ code: 'C', count: 0, required: 2 })] });
    // Enough territories but not enough signatures in all.
    expect(evaluateStage(stage({ signatures: 10, minTerritories: 2 }), counts({ A: 8, B: 1 }), context).met).toBe(false);
  });

  it('scale the per-territory threshold to each territory’s population, and ask all territories when no number is given', () => {
    const s = stage({ signatures: 1, perTerritoryRatio: 0.001 });
    expect(evaluateStage(s, counts({ A: 10, B: 49, C: 2 }), context).met).toBe(false);
    expect(evaluateStage(s, counts({ A: 10, B: 50, C: 2 }), context).met).toBe(true);
  });
});

describe('who may do what, and when', () => {
  const open = { status: 'open' as const, closesAt: new Date(Date.now() + day) };
  it('refuses a signature with a stable reason', () => {
    expect(signRefusal(open, new Date(), false)).toBeNull();
    expect(signRefusal(open, new Date(), true)).toBe('already_signed');
    expect(signRefusal(open, new Date(Date.now() + 2 * day), false)).toBe('petition_closed');
    expect(signRefusal({ status: 'submitted', closesAt: null }, new Date(), false)).toBe('petition_not_open');
    expect(signRefusal({ status: 'answered', closesAt: null }, new Date(), false)).toBe('petition_closed');
  });

  it('lets the author appeal an inadmissibility within two months only', () => {
    const decidedAt = new Date('2026-01-01T10:00:00Z');
    expect(appealRefusal({ status: 'inadmissible', decidedAt }, true, new Date('2026-02-15T10:00:00Z'))).toBeNull();
    expect(appealRefusal({ status: 'inadmissible', decidedAt }, true, new Date('2026-03-15T10:00:00Z'))).toBe('appeal_not_allowed');
    expect(appealRefusal({ status: 'inadmissible', decidedAt }, false, new Date('2026-01-02T10:00:00Z'))).toBe('not_author');
    expect(appealRefusal({ status: 'forwarded', decidedAt }, true, new Date('2026-01-02T10:00:00Z'))).toBe('appeal_not_allowed');
  });

  it('takes each decision only from its state', () => {
    expect(decisionOutcome('submitted', 'admissible')).toEqual({ to: 'open', event: 'admissible' });
    expect(decisionOutcome('open', 'admissible')).toBeNull();
    expect(decisionOutcome('under_appeal', 'appeal_granted')).toEqual({ to: 'open', event: 'appeal_granted' });
    expect(decisionOutcome('submitted', 'appeal_granted')).toBeNull();
  });

  it('closes at the last stage’s deadline, and knows a paper signer by a normalised identity', () => {
    const opened = new Date('2026-01-01T00:00:00Z');
    expect(closingDate(opened, [stage({ signatures: 1, withinDays: 90 }), stage({ key: 'b', signatures: 2, withinDays: 365 })]).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z'
    );
    expect(signerKey({ name: 'Jeanne  MARTIN', birthDate: '1970-04-02', communeCode: '44109' })).toBe(
      signerKey({ name: 'jeanne martin', birthDate: '1970-04-02', communeCode: '44109' })
    );
    expect(signerKey({ name: 'Hélène', birthDate: '1970-04-02', communeCode: '44109' })).toBe('paper:helene|1970-04-02|44109');
  });
});
