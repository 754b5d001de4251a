import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useSearchParams } from 'react-router-dom';
import { AnswerDialog } from '../components/AnswerDialog';
import type { Decision, ModerationEvent, ModerationStatus, QueueItem } from '../api/types';
import { DecisionDialog } from '../components/DecisionDialog';
import { HistoryModal } from '../moderation/HistoryModal';
import { QueueFilters } from '../moderation/QueueFilters';
import { decisionVariant, QueueTable } from '../moderation/QueueTable';
import { itemKey, useModerationQueue, type QueueFilters as Filters } from '../moderation/useModerationQueue';
import { useQueueShortcuts } from '../moderation/useQueueShortcuts';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';
import { usePermissions } from '../utils/usePermissions';

const BULK_DECISIONS: Decision[] = ['approve', 'reject', 'hide', 'restore'];

/** The items among `targets` on which the server allows `decision`, and whether it asks for a reason. */
function usableFor(decision: Decision, targets: QueueItem[]) {
  const usable = targets.filter((i) => i.decisions.some((d) => d.decision === decision));
  const reasonRequired = usable.some((i) => i.decisions.some((d) => d.decision === decision && d.reasonRequired));
  return { usable, reasonRequired };
}

export function ModerationQueue() {
  const t = useT();
  // A link from the consultations list opens the queue on one consultation (and a status).
  const [params] = useSearchParams();
  const [filters, setFilters] = React.useState<Filters>({
    consultation: params.get('consultation') ?? '',
    status: params.get('status') ?? '',
    type: '',
    reported: false,
  });
  const { items, total, pending, busy, decide, history, reload } = useModerationQueue(filters);
  const { allowedActions } = usePermissions({ answer: PERMISSIONS.answer });
  const [answering, setAnswering] = React.useState<QueueItem[] | null>(null);
  const [selected, setSelected] = React.useState<Set<string>>(new Set());
  const [focus, setFocus] = React.useState(0);
  const [dialog, setDialog] = React.useState<{ decision: Decision; targets: QueueItem[] } | null>(null);
  const [events, setEvents] = React.useState<ModerationEvent[] | null>(null);

  // A new page of items: nothing stays selected, and the focus stays on a row that exists.
  React.useEffect(() => {
    setSelected(new Set());
    setFocus((f) => Math.min(f, Math.max(0, (items?.length ?? 1) - 1)));
  }, [items]);

  const toggle = (key: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const ask = (decision: Decision, targets: QueueItem[]) => {
    const { usable, reasonRequired } = usableFor(decision, targets);
    if (usable.length === 0) return;
    if (reasonRequired) setDialog({ decision, targets: usable });
    else decide(decision, usable);
  };

  const selectedItems = (items ?? []).filter((i) => selected.has(itemKey(i)));
  const selectedContributions = selectedItems.filter((i) => i.type === 'contribution');
  const focused = items?.[focus];

  useQueueShortcuts({
    enabled: !dialog && !events && !answering,
    count: items?.length ?? 0,
    move: (delta) => setFocus((f) => Math.min(Math.max(f + delta, 0), (items?.length ?? 1) - 1)),
    toggleFocused: () => focused && toggle(itemKey(focused)),
    decide: (decision) => ask(decision, selectedItems.length ? selectedItems : focused ? [focused] : []),
  });

  return (
    <Page.Main>
      <Page.Title>{t('moderation.title')}</Page.Title>
      <Layouts.Header
        title={t('moderation.title')}
        subtitle={
          // The count says what the filter shows: items to examine by default, else the chosen status.
          filters.status
            ? t('moderation.subtitle.filtered', { count: total.count, status: t(`status.${filters.status as ModerationStatus}`) })
            : total.more
              ? t('moderation.subtitle.more', { count: total.count })
              : t('moderation.subtitle', { count: total.count })
        }
        primaryAction={
          <Flex gap={2}>
            {BULK_DECISIONS.map((d) => {
              // Counted on the selected items that allow this decision (the server's list on each row).
              const usable = usableFor(d, selectedItems).usable.length;
              return (
                <Button key={d} variant={decisionVariant(d, 'M')} disabled={!usable || busy} onClick={() => ask(d, selectedItems)}>
                  {t(`decision.${d}`)} ({usable})
                </Button>
              );
            })}
            {allowedActions.canAnswer ? (
              <Button variant="secondary" disabled={!selectedContributions.length} onClick={() => setAnswering(selectedContributions)}>
                {t('answer.bulk')} ({selectedContributions.length})
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <QueueFilters filters={filters} onChange={setFilters} pending={pending} />

          {pending.length ? (
            <Flex gap={2} wrap="wrap" aria-label={t('moderation.pendingPerConsultation')}>
              <Typography variant="sigma">{t('moderation.pendingPerConsultation')}</Typography>
              {pending.map((p) => (
                <Badge key={p.consultation.documentId}>{`${p.consultation.title ?? '?'} : ${p.pending}`}</Badge>
              ))}
            </Flex>
          ) : null}

          <Typography variant="pi" textColor="neutral600">
            {t('moderation.shortcuts')}
          </Typography>

          {items === null ? (
            <Page.Loading />
          ) : items.length === 0 ? (
            <Box padding={8} background="neutral0" hasRadius>
              <Typography>{t('moderation.empty')}</Typography>
            </Box>
          ) : (
            <QueueTable
              items={items}
              selected={selected}
              focus={focus}
              busy={busy}
              onFocus={setFocus}
              onToggle={toggle}
              onToggleAll={() => setSelected(selected.size === items.length ? new Set() : new Set(items.map(itemKey)))}
              onDecide={ask}
              onHistory={async (item) => setEvents(await history(item))}
              onAnswer={allowedActions.canAnswer ? (item) => setAnswering([item]) : undefined}
            />
          )}
        </Flex>
      </Layouts.Content>

      <DecisionDialog
        decision={dialog?.decision ?? null}
        count={dialog?.targets.length ?? 0}
        onCancel={() => setDialog(null)}
        onConfirm={async (reason, note) => {
          if (!dialog) return;
          await decide(dialog.decision, dialog.targets, reason, note);
          setDialog(null);
        }}
      />
      <HistoryModal events={events} onClose={() => setEvents(null)} />
      {answering ? (
        <AnswerDialog
          targets={answering}
          onClose={(answered) => {
            setAnswering(null);
            if (answered) reload();
          }}
        />
      ) : null}
    </Page.Main>
  );
}
