import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { DecisionDialog, type Decision } from '../components/DecisionDialog';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';

type Item = {
  type: 'contribution' | 'comment';
  documentId: string;
  title: string | null;
  body: string;
  author: { displayName: string };
  status: 'pending' | 'published' | 'rejected' | 'hidden';
  moderationReason: string | null;
  reportsCount: number;
  reports: { reason: string; details: string | null }[];
  consultation: { documentId: string; slug: string | null; title: string | null };
  createdAt: string;
};

/** Which decisions make sense from each status (the server's table decides; this only hides useless buttons). */
const ALLOWED: Record<Item['status'], Decision[]> = {
  pending: ['approve', 'reject'],
  published: ['hide', 'reject'],
  hidden: ['restore', 'reject'],
  rejected: ['restore'],
};
const NEEDS_REASON = new Set<Decision>(['reject', 'hide']);
const STATUS_VARIANT: Record<Item['status'], string> = { pending: 'secondary', published: 'success', hidden: 'warning', rejected: 'danger' };
const key = (i: { type: string; documentId: string }) => `${i.type}:${i.documentId}`;

function ModerationQueue() {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [filters, setFilters] = React.useState({ consultation: '', status: '', type: '', reported: false });
  const [items, setItems] = React.useState<Item[] | null>(null);
  const [total, setTotal] = React.useState(0);
  const [pending, setPending] = React.useState<{ consultation: { documentId: string; title: string | null }; pending: number }[]>([]);
  const [selected, setSelected] = React.useState<Set<string>>(new Set());
  const [focus, setFocus] = React.useState(0);
  const [dialog, setDialog] = React.useState<{ decision: Decision; targets: Item[] } | null>(null);
  const [history, setHistory] = React.useState<{ item: Item; events: any[] } | null>(null);
  const [busy, setBusy] = React.useState(false);

  const load = React.useCallback(async () => {
    const params = new URLSearchParams({ pageSize: '100' });
    if (filters.consultation) params.set('consultation', filters.consultation);
    if (filters.status) params.set('status', filters.status);
    if (filters.type) params.set('type', filters.type);
    if (filters.reported) params.set('reported', 'true');
    try {
      const [queue, counts] = await Promise.all([get<any>(`/participation/moderation/queue?${params}`), get<any>('/participation/moderation/pending-counts')]);
      setItems(queue.data.data);
      setTotal(queue.data.meta.pagination.total);
      setPending(counts.data.data);
      setSelected(new Set());
      setFocus((f) => Math.min(f, Math.max(0, queue.data.data.length - 1)));
    } catch {
      toggleNotification({ type: 'danger', message: t('error.load') });
    }
  }, [filters, get, toggleNotification]);

  React.useEffect(() => {
    load();
  }, [load]);

  const decide = async (decision: Decision, targets: Item[], reason = '', note = '') => {
    if (targets.length === 0 || busy) return;
    setBusy(true);
    try {
      const res = await post<any>('/participation/moderation/decisions', {
        items: targets.map((i) => ({ type: i.type, id: i.documentId })),
        decision,
        ...(reason ? { reason } : {}),
        ...(note ? { note } : {}),
      });
      const { decided, refused } = res.data.meta;
      if (decided) toggleNotification({ type: 'success', message: t('decision.done', { count: decided }) });
      if (refused) {
        const reasons = res.data.data.filter((r: any) => !r.ok).map((r: any) => r.message).join(' ; ');
        toggleNotification({ type: 'warning', message: t('decision.refused', { count: refused, reasons }) });
      }
    } catch {
      toggleNotification({ type: 'danger', message: t('error.load') });
    } finally {
      setBusy(false);
      setDialog(null);
      await load();
    }
  };

  const ask = (decision: Decision, targets: Item[]) => {
    const usable = targets.filter((i) => ALLOWED[i.status].includes(decision));
    if (usable.length === 0) return;
    if (NEEDS_REASON.has(decision)) setDialog({ decision, targets: usable });
    else decide(decision, usable);
  };

  const selectedItems = (items ?? []).filter((i) => selected.has(key(i)));
  const targetsForKey = () => (selectedItems.length ? selectedItems : items && items[focus] ? [items[focus]] : []);

  // Keyboard shortcuts, ignored while typing or while a dialog is open.
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (dialog || history || e.metaKey || e.ctrlKey || e.altKey) return;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable || !items?.length) return;
      const k = e.key.toLowerCase();
      if (k === 'j' || e.key === 'ArrowDown') setFocus((f) => Math.min(f + 1, items.length - 1));
      else if (k === 'k' || e.key === 'ArrowUp') setFocus((f) => Math.max(f - 1, 0));
      else if (k === 'x') {
        const id = key(items[focus]);
        setSelected((s) => {
          const next = new Set(s);
          next.has(id) ? next.delete(id) : next.add(id);
          return next;
        });
      } else if (k === 'a') ask('approve', targetsForKey());
      else if (k === 'r') ask('reject', targetsForKey());
      else if (k === 'm') ask('hide', targetsForKey());
      else if (k === 't') ask('restore', targetsForKey());
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const openHistory = async (item: Item) => {
    const res = await get<any>(`/participation/moderation/${item.type}/${item.documentId}/history`);
    setHistory({ item, events: res.data.data });
  };

  const allSelected = !!items?.length && selected.size === items.length;

  return (
    <Page.Main>
      <Page.Title>{t('moderation.title')}</Page.Title>
      <Layouts.Header
        title={t('moderation.title')}
        subtitle={t('moderation.subtitle', { count: total })}
        primaryAction={
          <Flex gap={2}>
            {(['approve', 'reject', 'hide', 'restore'] as Decision[]).map((d) => (
              <Button key={d} variant={d === 'approve' ? 'success' : d === 'restore' ? 'secondary' : 'danger-light'} disabled={!selectedItems.length || busy} onClick={() => ask(d, selectedItems)}>
                {t(`decision.${d}`)} ({selectedItems.length})
              </Button>
            ))}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={4} wrap="wrap" alignItems="flex-end">
            <Box minWidth="280px">
              <SingleSelect aria-label={t('moderation.filter.consultation')} placeholder={t('moderation.filter.consultation.all')} value={filters.consultation} onChange={(v) => setFilters({ ...filters, consultation: String(v) })} onClear={() => setFilters({ ...filters, consultation: '' })}>
                {pending.map((p) => (
                  <SingleSelectOption key={p.consultation.documentId} value={p.consultation.documentId}>
                    {`${p.consultation.title ?? p.consultation.documentId} (${p.pending})`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box minWidth="200px">
              <SingleSelect aria-label={t('moderation.filter.status')} placeholder={t('moderation.filter.status.todo')} value={filters.status} onChange={(v) => setFilters({ ...filters, status: String(v) })} onClear={() => setFilters({ ...filters, status: '' })}>
                {(['pending', 'published', 'hidden', 'rejected'] as const).map((s) => (
                  <SingleSelectOption key={s} value={s}>
                    {t(`status.${s}`)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box minWidth="240px">
              <SingleSelect aria-label={t('moderation.filter.type')} placeholder={t('moderation.filter.type.all')} value={filters.type} onChange={(v) => setFilters({ ...filters, type: String(v) })} onClear={() => setFilters({ ...filters, type: '' })}>
                <SingleSelectOption value="contribution">{t('type.contribution')}</SingleSelectOption>
                <SingleSelectOption value="comment">{t('type.comment')}</SingleSelectOption>
              </SingleSelect>
            </Box>
            <Checkbox checked={filters.reported} onCheckedChange={(c) => setFilters({ ...filters, reported: c === true })}>
              {t('moderation.filter.reported')}
            </Checkbox>
          </Flex>

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
            <Table colCount={8} rowCount={items.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Checkbox aria-label={t('moderation.selectAll')} checked={allSelected} onCheckedChange={() => setSelected(allSelected ? new Set() : new Set(items.map(key)))} />
                  </Th>
                  <Th><Typography variant="sigma">{t('moderation.column.item')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('moderation.column.author')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('moderation.column.consultation')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('moderation.column.reports')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('moderation.column.status')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('moderation.column.date')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('moderation.column.actions')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {items.map((item, index) => (
                  <Tr key={key(item)} data-testid="moderation-row" data-document-id={item.documentId} aria-current={index === focus ? 'true' : undefined} style={index === focus ? { outline: '2px solid #4945ff' } : undefined} onClick={() => setFocus(index)}>
                    <Td>
                      <Checkbox
                        aria-label={`${t('moderation.select')} ${item.title ?? item.body.slice(0, 30)}`}
                        checked={selected.has(key(item))}
                        onCheckedChange={() =>
                          setSelected((s) => {
                            const next = new Set(s);
                            next.has(key(item)) ? next.delete(key(item)) : next.add(key(item));
                            return next;
                          })
                        }
                      />
                    </Td>
                    <Td style={{ maxWidth: 420, whiteSpace: 'normal' }}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography variant="pi" textColor="neutral600">{t(`type.${item.type}`)}</Typography>
                        {item.title ? <Typography fontWeight="bold">{item.title}</Typography> : null}
                        <Typography>{item.body.length > 280 ? `${item.body.slice(0, 280)}…` : item.body}</Typography>
                      </Flex>
                    </Td>
                    <Td><Typography>{item.author.displayName}</Typography></Td>
                    <Td><Typography>{item.consultation.title ?? '—'}</Typography></Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography fontWeight={item.reportsCount ? 'bold' : undefined}>{item.reportsCount}</Typography>
                        {item.reports.map((r, i) => (
                          <Typography key={i} variant="pi" title={r.details ?? undefined}>
                            {t(`reason.${r.reason}` as any)}
                          </Typography>
                        ))}
                      </Flex>
                    </Td>
                    <Td>
                      <Badge backgroundColor={`${STATUS_VARIANT[item.status]}100`} textColor={`${STATUS_VARIANT[item.status]}700`}>{t(`status.${item.status}`)}</Badge>
                    </Td>
                    <Td><Typography>{new Date(item.createdAt).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' })}</Typography></Td>
                    <Td>
                      <Flex gap={1} wrap="wrap">
                        {ALLOWED[item.status].map((d) => (
                          <Button key={d} size="S" variant={d === 'approve' ? 'success-light' : d === 'restore' ? 'secondary' : 'danger-light'} disabled={busy} onClick={() => ask(d, [item])}>
                            {t(`decision.${d}`)}
                          </Button>
                        ))}
                        <Button size="S" variant="tertiary" onClick={() => openHistory(item)}>
                          {t('moderation.history')}
                        </Button>
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>

      <DecisionDialog decision={dialog?.decision ?? null} count={dialog?.targets.length ?? 0} onCancel={() => setDialog(null)} onConfirm={(reason, note) => dialog && decide(dialog.decision, dialog.targets, reason, note)} />

      <Modal.Root open={history !== null} onOpenChange={(open: boolean) => (!open ? setHistory(null) : undefined)}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{t('moderation.history.title')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {history?.events.length ? (
              <Flex direction="column" alignItems="stretch" gap={3}>
                {history.events.map((e, i) => (
                  <Box key={i} padding={3} background="neutral100" hasRadius>
                    <Typography fontWeight="bold">{`${t(`status.${e.from}` as any)} → ${t(`status.${e.to}` as any)}`}</Typography>
                    <Typography variant="pi">{` — ${e.actor.type === 'admin' ? e.actor.name : 'Automatique'}, ${new Date(e.at).toLocaleString('fr-FR')}`}</Typography>
                    {e.reason ? <Typography tag="p">{e.reason}</Typography> : null}
                    {e.note ? <Typography tag="p" variant="pi">{e.note}</Typography> : null}
                  </Box>
                ))}
              </Flex>
            ) : (
              <Typography>{t('moderation.history.empty')}</Typography>
            )}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </Page.Main>
  );
}

export function ModerationPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.moderate}>
      <ModerationQueue />
    </Page.Protect>
  );
}
