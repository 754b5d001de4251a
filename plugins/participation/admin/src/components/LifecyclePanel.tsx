import * as React from 'react';
import { Badge, Box, Button, Dialog, Field, Flex, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { serverMessage, type ConsultationStatus, type Envelope, type LifecycleEvent, type LifecycleState, type TransitionOption } from '../api/types';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';

const CONSULTATION = 'plugin::participation.consultation';

type Option = TransitionOption;

const actionKey = (from: ConsultationStatus, to: ConsultationStatus): ConsultationStatus | 'extend' | 'reopen' =>
  to === 'open' && from === 'open' ? 'extend' : to === 'open' && from === 'closed' ? 'reopen' : to;
const needsClosingDate = (from: ConsultationStatus, to: ConsultationStatus) => to === 'open' && (from === 'open' || from === 'closed');
const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString('fr-FR', { dateStyle: 'medium', timeStyle: 'short' }) : '—');

function LifecycleContent({ documentId }: { documentId: string }) {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC({ transition: PERMISSIONS.consultationTransition });
  const [state, setState] = React.useState<LifecycleState | null>(null);
  const [events, setEvents] = React.useState<LifecycleEvent[]>([]);
  const [failed, setFailed] = React.useState(false);
  const [pending, setPending] = React.useState<Option | null>(null);
  const [reason, setReason] = React.useState('');
  const [closesAt, setClosesAt] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const load = React.useCallback(async () => {
    try {
      const [s, h] = await Promise.all([get<Envelope<LifecycleState>>(`/participation/consultations/${documentId}/lifecycle`), get<Envelope<LifecycleEvent[]>>(`/participation/consultations/${documentId}/transitions`)]);
      setState(s.data.data);
      setEvents(h.data.data);
    } catch {
      setFailed(true);
    }
  }, [documentId, get]);

  React.useEffect(() => {
    load();
  }, [load]);

  if (failed) return <Typography variant="pi">{t('error.load')}</Typography>;
  if (!state) return <Typography variant="pi">…</Typography>;

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await post(`/participation/consultations/${documentId}/transitions`, {
        to: pending.to,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(closesAt ? { closesAt: new Date(closesAt).toISOString() } : {}),
      });
      toggleNotification({ type: 'success', message: t('lifecycle.done', { to: t(`state.${pending.to}`) }) });
      // The edit form shows the dates in force: reload it so that the next save does not carry stale ones.
      window.location.reload();
    } catch (error) {
      const message = serverMessage(error) ?? t('error.load');
      toggleNotification({ type: 'danger', message });
      setBusy(false);
      setPending(null);
      await load();
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex justifyContent="space-between">
        <Typography variant="sigma">{t('lifecycle.current')}</Typography>
        <Badge data-testid="lifecycle-status">{t(`state.${state.status}`)}</Badge>
      </Flex>
      <Typography variant="pi">{`${t('lifecycle.opens')} : ${fmt(state.opensAt)}`}</Typography>
      <Typography variant="pi">{`${t('lifecycle.closes')} : ${fmt(state.closesAt)}`}</Typography>

      {state.transitions.map((option) => (
        <Flex key={option.to} direction="column" alignItems="stretch" gap={1}>
          <Button
            variant={option.to === 'closed' || option.to === 'archived' ? 'danger-light' : 'secondary'}
            fullWidth
            disabled={!option.allowed || !allowedActions.canTransition}
            onClick={() => {
              setReason('');
              setClosesAt('');
              setPending(option);
            }}
          >
            {t(`lifecycle.action.${actionKey(state.status, option.to)}`)}
          </Button>
          {!option.allowed && option.message ? (
            <Typography variant="pi" textColor="neutral600">
              {option.message}
            </Typography>
          ) : null}
        </Flex>
      ))}
      {!allowedActions.canTransition ? (
        <Typography variant="pi" textColor="neutral600">
          {t('lifecycle.forbidden')}
        </Typography>
      ) : null}

      <Box paddingTop={2}>
        <Typography variant="sigma">{t('lifecycle.history')}</Typography>
        {events.length === 0 ? (
          <Typography variant="pi" tag="p">{t('lifecycle.history.empty')}</Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1} tag="ol">
            {events.slice(-8).reverse().map((e, i) => (
              <Typography key={i} variant="pi" tag="li">
                {`${fmt(e.at)} — ${t(`state.${e.from}`)} → ${t(`state.${e.to}`)} (${e.actor.type === 'scheduler' ? t('lifecycle.actor.scheduler') : e.actor.name})${e.reason ? ` : ${e.reason}` : ''}`}
              </Typography>
            ))}
          </Flex>
        )}
      </Box>

      <Dialog.Root open={pending !== null} onOpenChange={(open) => (!open ? setPending(null) : undefined)}>
        <Dialog.Content>
          <Dialog.Header>{pending ? t('lifecycle.confirm.title', { action: t(`lifecycle.action.${actionKey(state.status, pending.to)}`) }) : ''}</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={3} width="100%">
              <Typography>{pending ? t('lifecycle.confirm.body', { from: t(`state.${state.status}`), to: t(`state.${pending.to}`) }) : ''}</Typography>
              {pending && needsClosingDate(state.status, pending.to) ? (
                <Field.Root name="closesAt" required>
                  <Field.Label>{t('lifecycle.closesAt')}</Field.Label>
                  <TextInput type="datetime-local" value={closesAt} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setClosesAt(e.target.value)} />
                </Field.Root>
              ) : null}
              <Field.Root name="reason">
                <Field.Label>{t('lifecycle.reason')}</Field.Label>
                <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
              </Field.Root>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">{t('decision.cancel')}</Button>
            </Dialog.Cancel>
            <Button variant="default" loading={busy} onClick={confirm}>
              {t('decision.confirm')}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Flex>
  );
}

/** Side panel of the Content Manager's edit view, for consultations only. */
export const LifecyclePanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== CONSULTATION) return null;
  return {
    title: 'Cycle de vie',
    content: documentId ? <LifecycleContent documentId={documentId} /> : <UnsavedNotice />,
  };
};
LifecyclePanel.type = 'lifecycle';

function UnsavedNotice() {
  const t = useT();
  return <Typography variant="pi">{t('lifecycle.unsaved')}</Typography>;
}
