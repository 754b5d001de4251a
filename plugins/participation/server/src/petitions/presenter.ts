import { STATUS_LABELS, TRIGGER_LABELS } from './domain/rules';
import type { Petition, Scheme } from './repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A petition scheme as citizens read it: what it is for, who may sign, and the stages its signatures unlock. */
export function schemeView(scheme: Scheme) {
  return {
    slug: scheme.slug,
    name: scheme.name,
    kind: scheme.kind,
    description: scheme.description ?? null,
    criteria: scheme.criteria ?? null,
    minimumAge: scheme.minimumAge,
    groupingKey: scheme.groupingKey,
    retentionDays: scheme.retentionDays,
    acceptsPetitions: scheme.acceptsPetitions,
    stages: scheme.stages.map((s) => ({
      key: s.key,
      label: s.label,
      signatures: s.signatures ?? null,
      populationRatio: s.populationRatio ?? null,
      withinDays: s.withinDays,
      minTerritories: s.minTerritories ?? null,
      perTerritory: s.perTerritory ?? null,
      perTerritoryRatio: s.perTerritoryRatio ?? null,
      triggers: s.triggers,
      triggersLabel: TRIGGER_LABELS[s.triggers],
    })),
  };
}

/** A petition as the public lists show it: its state, scheme, author as they chose to be named, commune and signatures. */
export function summaryOf(p: Petition, scheme: Scheme | undefined, communes: Map<string, string>) {
  return {
    documentId: p.documentId,
    slug: p.slug,
    title: p.title,
    status: p.status,
    statusLabel: STATUS_LABELS[p.status],
    scheme: scheme ? { slug: scheme.slug, name: scheme.name, kind: scheme.kind } : null,
    authorName: p.authorName,
    authorKind: p.authorKind,
    channel: p.channel,
    commune: p.communeCode ? { code: p.communeCode, name: communes.get(p.communeCode) ?? p.communeCode } : null,
    signaturesCount: p.signaturesCount,
    openedAt: iso(p.openedAt),
    closesAt: iso(p.closesAt),
    answeredAt: iso(p.answeredAt),
    createdAt: p.createdAt.toISOString(),
  };
}
