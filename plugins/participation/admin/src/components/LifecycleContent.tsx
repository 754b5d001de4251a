import * as React from 'react';
import { Badge, Box, Button, Dialog, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';
import { DateTimeText } from '../fields/DateTimeText';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage, type ConsultationStatus, type Envelope, type LifecycleEvent, type LifecycleState, type TransitionOption } from '../api/types';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';
import { dateTime } from '../utils/dates';
import { usePermissions } from '../utils/usePermissions';

export const CONSULTATION = 'plugin::participation.consultation';

type Option = TransitionOption;

const actionKey = (from: ConsultationStatus, to: ConsultationStatus): ConsultationStatus | 'extend' | 'reopen' =>
  to === 'open' && from === 'open' ? 'extend' : to === 'open' && from === 'closed' ? 'reopen' : to;

const needsClosingDate = (from: ConsultationStatus, to: ConsultationStatus) => to === 'open' && (from === 'open' || from === 'closed');

const fmt = (iso: string | null) => dateTime(iso, 'medium');

/** What the edit view knows of the document: its version changes on every save and publication. */
export type EditedDocument = { updatedAt?: string | null; publishedAt?: string | null; opensAt?: string | null; closesAt?: string | null } | undefined;

const sameInstant = (a?: string | null, b?: string | null) => (a ? new Date(a).getTime() : null) === (b ? new Date(b).getTime() : null);

export function LifecycleContent({ documentId, document }: { documentId: string; document: EditedDocument }) {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = usePermissions({
    transition: PERMISSIONS.consultationTransition,
    configure: PERMISSIONS.consultationConfigure,
    create: [{ action: 'plugin::content-manager.explorer.create', subject: CONSULTATION }],
  });
  const navigate = useNavigate();
  const [duplicating, setDuplicating] = React.useState(false);
  /** « Dupliquer » : a new draft from this one (texts, phases and rules; the calendar moved ahead; no results). */
  const duplicate = async () => {
    setDuplicating(true);
    try {
      const { data } = await post<{ data: { documentId: string } }>(`/content-manager/collection-types/${CONSULTATION}/auto-clone/${documentId}`, {});
      toggleNotification({ type: 'success', message: t('lifecycle.duplicated') });
      navigate(`/content-manager/collection-types/${CONSULTATION}/${data.data.documentId}`);
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('error.load') });
    } finally {
      setDuplicating(false);
    }
  };
  const [dialogError, setDialogError] = React.useState<{ field: 'closesAt' | 'reason' | null; message: string } | null>(null);
  const [state, setState] = React.useState<LifecycleState | null>(null);
  const [events, setEvents] = React.useState<LifecycleEvent[]>([]);
  const [failed, setFailed] = React.useState(false);
  const [pending, setPending] = React.useState<Option | null>(null);
  const [reason, setReason] = React.useState('');
  const [closesAt, setClosesAt] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const load = React.useCallback(async () => {
    try {
      const [s, h] = await Promise.all([
        get<Envelope<LifecycleState>>(`/participation/consultations/${documentId}/lifecycle`),
        get<Envelope<LifecycleEvent[]>>(`/participation/consultations/${documentId}/transitions`),
      ]);
      setState(s.data.data);
      setEvents(h.data.data);
    } catch {
      setFailed(true);
    }
  }, [documentId, get]);

  // Follows the document: reloaded after every save and publication (the state's guards read the published text).
  const version = `${document?.updatedAt ?? ''}|${document?.publishedAt ?? ''}`;
  React.useEffect(() => {
    load();
  }, [load, version]);

  if (failed) return <Typography variant="pi">{t('error.load')}</Typography>;
  if (!state) return <Typography variant="pi">…</Typography>;

  const closingIsNeeded = pending !== null && needsClosingDate(state.status, pending.to);
  /** Checked before sending: what the server would refuse anyway, said on the field. */
  const localError = (): { field: 'closesAt' | 'reason'; message: string } | null => {
    if (!closingIsNeeded) return null;
    if (!closesAt) return { field: 'closesAt', message: t('lifecycle.closesAt.required') };
    const wanted = new Date(closesAt);
    if (Number.isNaN(wanted.getTime())) return { field: 'closesAt', message: t('lifecycle.closesAt.required') };
    if (wanted.getTime() <= Date.now()) return { field: 'closesAt', message: t('lifecycle.closesAt.future') };
    if (state.closesAt && wanted.getTime() <= new Date(state.closesAt).getTime())
      return { field: 'closesAt', message: t('lifecycle.closesAt.later', { date: fmt(state.closesAt) }) };
    return null;
  };

  const confirm = async () => {
    if (!pending) return;
    const invalid = localError();
    if (invalid) {
      setDialogError(invalid);
      return;
    }
    setBusy(true);
    setDialogError(null);
    try {
      await post(`/participation/consultations/${documentId}/transitions`, {
        to: pending.to,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(closingIsNeeded ? { closesAt: new Date(closesAt).toISOString() } : {}),
      });
      toggleNotification({ type: 'success', message: t('lifecycle.done', { to: t(`state.${pending.to}`) }) });
      // The edit form shows the dates in force: reload it so that the next save does not carry stale ones.
      window.location.reload();
    } catch (error) {
      // The dialog stays open with what was typed, and says why the server refused.
      const code = (error as { response?: { data?: { error?: { details?: { code?: string } } } } })?.response?.data?.error?.details?.code;
      const field = code === 'reason_required' ? 'reason' : code?.startsWith('closes_') ? 'closesAt' : null;
      setDialogError({ field, message: serverMessage(error) ?? t('error.load') });
      setBusy(false);
      await load();
    }
  };

  const draftDatesDiffer = !!document && (!sameInstant(document.opensAt, state.opensAt) || !sameInstant(document.closesAt, state.closesAt));
  const confirmBody = (to: ConsultationStatus) => {
    const key = actionKey(state.status, to);
    if (key === 'extend') return t('lifecycle.confirm.extend', { date: fmt(state.closesAt) });
    if (key === 'reopen') return t('lifecycle.confirm.reopen');
    return t('lifecycle.confirm.body', { from: t(`state.${state.status}`), to: t(`state.${to}`) });
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="lifecycle-panel">
      <Flex justifyContent="space-between">
        <Typography variant="sigma">{t('lifecycle.current')}</Typography>
        <Badge data-testid="lifecycle-status">{t(`state.${state.status}`)}</Badge>
      </Flex>
      <Typography variant="pi">{`${t('lifecycle.opens')} : ${fmt(state.opensAt)}`}</Typography>
      <Typography variant="pi">{`${t('lifecycle.closes')} : ${fmt(state.closesAt)}`}</Typography>
      {draftDatesDiffer ? (
        <Typography variant="pi" textColor="warning600" data-testid="lifecycle-draft-dates">
          {t('lifecycle.draftDates')}
        </Typography>
      ) : null}
      {!allowedActions.canConfigure ? (
        <Typography variant="pi" textColor="neutral600">
          {t('lifecycle.textsOnly')}
        </Typography>
      ) : null}

      {state.transitions.map((option) => (
        <Flex key={option.to} direction="column" alignItems="stretch" gap={1}>
          <Button
            variant={option.to === 'closed' || option.to === 'archived' ? 'danger-light' : 'secondary'}
            fullWidth
            disabled={!option.allowed || !allowedActions.canTransition}
            onClick={() => {
              setReason('');
              setClosesAt('');
              setDialogError(null);
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

      {allowedActions.canCreate ? (
        <Button variant="tertiary" fullWidth loading={duplicating} onClick={duplicate}>
          {t('lifecycle.duplicate')}
        </Button>
      ) : null}

      <Box paddingTop={2}>
        <Typography variant="sigma">{t('lifecycle.history')}</Typography>
        {events.length === 0 ? (
          <Typography variant="pi" tag="p">
            {t('lifecycle.history.empty')}
          </Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1} tag="ol">
            {events
              .slice(-8)
              .reverse()
              .map((e, i) => (
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
              <Typography>{pending ? confirmBody(pending.to) : ''}</Typography>
              {closingIsNeeded ? (
                <DateTimeText
                  name="closesAt"
                  label={t('lifecycle.closesAt')}
                  required
                  value={closesAt}
                  onChange={(next) => setClosesAt(next ?? '')}
                  error={dialogError?.field === 'closesAt' ? dialogError.message : undefined}
                />
              ) : null}
              <Field.Root name="reason" error={dialogError?.field === 'reason' ? dialogError.message : undefined}>
                <Field.Label>{t('lifecycle.reason')}</Field.Label>
                <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
                <Field.Error />
              </Field.Root>
              {dialogError && dialogError.field === null ? (
                <Typography role="alert" textColor="danger600">
                  {dialogError.message}
                </Typography>
              ) : null}
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
