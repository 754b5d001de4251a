import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  serverFieldErrors,
  serverMessage,
  type AdminAnswer,
  type OutboxMessage,
  type OutboxStatus,
  type WebhookEventOption,
  type WebhookSubscription,
} from '../api/types';
import { FormDialog } from '../components/FormDialog';
import { useOutboxPage, useWebhooks } from './data';
import { PERMISSIONS } from '../permissions';
import { dateTime } from '../utils/dates';
import { useT } from '../utils/useT';
import { usePermissions } from '../utils/usePermissions';

const STATUSES: OutboxStatus[] = ['pending', 'failed', 'sent'];
const BADGE: Record<OutboxStatus, { backgroundColor: string; textColor: string }> = {
  pending: { backgroundColor: 'warning100', textColor: 'neutral800' },
  failed: { backgroundColor: 'danger100', textColor: 'danger700' },
  sent: { backgroundColor: 'success100', textColor: 'success700' },
};

type FieldErrors = Partial<Record<'name' | 'url' | 'events' | 'form', string>>;

/** Add a webhook subscribed to participation events: name, address, events. */
function WebhookDialog({ events, onClose }: { events: WebhookEventOption[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [values, setValues] = React.useState({ name: '', url: '', events: events.map((e) => e.event) });
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [busy, setBusy] = React.useState(false);

  const submit = async () => {
    const local: FieldErrors = {};
    if (!values.name.trim()) local.name = t('webhooks.name.required');
    if (!/^https?:\/\/.+/i.test(values.url.trim())) local.url = t('webhooks.url.invalid');
    if (!values.events.length) local.events = t('webhooks.events.required');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await post('/participation/webhooks', { name: values.name.trim(), url: values.url.trim(), events: values.events, isEnabled: true });
      toggleNotification({ type: 'success', message: t('webhooks.saved') });
      onClose(true);
    } catch (error) {
      setErrors({ ...serverFieldErrors(error), form: serverMessage(error) ?? t('error.load') });
      setBusy(false);
    }
  };

  return (
    <FormDialog title={t('webhooks.add')} submitLabel={t('webhooks.save')} busy={busy} error={errors.form} onSubmit={submit} onClose={() => onClose(false)}>
      <Field.Root name="name" required error={errors.name}>
        <Field.Label>{t('webhooks.name')}</Field.Label>
        <TextInput value={values.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, name: e.target.value }))} />
        <Field.Error />
      </Field.Root>
      <Field.Root name="url" required error={errors.url} hint={t('webhooks.url.hint')}>
        <Field.Label>{t('webhooks.url')}</Field.Label>
        <TextInput type="url" value={values.url} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, url: e.target.value }))} />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Box>
        <Typography variant="pi" fontWeight="bold" tag="p">
          {t('webhooks.events')}
        </Typography>
        {events.map((e) => (
          <Checkbox
            key={e.event}
            checked={values.events.includes(e.event)}
            onCheckedChange={(checked: boolean | 'indeterminate') =>
              setValues((v) => ({ ...v, events: checked === true ? [...new Set([...v.events, e.event])] : v.events.filter((x) => x !== e.event) }))
            }
          >
            {e.label}
          </Checkbox>
        ))}
        {errors.events ? (
          <Typography role="alert" variant="pi" textColor="danger600">
            {errors.events}
          </Typography>
        ) : null}
      </Box>
    </FormDialog>
  );
}

function Webhooks() {
  const t = useT();
  const { get, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [adding, setAdding] = React.useState(false);
  const [secret, setSecret] = React.useState<string | null>(null);

  const webhooks = useWebhooks();
  const list: WebhookSubscription[] = webhooks.data?.data ?? [];
  const events: WebhookEventOption[] = webhooks.data?.meta.events ?? [];
  const { reload: load } = webhooks;

  const remove = async (hook: WebhookSubscription) => {
    if (!window.confirm(t('webhooks.delete.confirm', { name: hook.name }))) return;
    try {
      await del(`/participation/webhooks/${hook.id}`);
      toggleNotification({ type: 'success', message: t('webhooks.deleted') });
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('error.load') });
    }
  };
  const showSecret = async () => {
    const res = await get<AdminAnswer<'/webhooks/signing-secret', 'get'>>('/participation/webhooks/signing-secret');
    setSecret(res.data.data.secret);
  };

  return (
    <Box>
      <Flex justifyContent="space-between" alignItems="center" paddingBottom={2}>
        <Typography variant="delta" tag="h2">
          {t('webhooks.title')}
        </Typography>
        <Flex gap={2}>
          <Button variant="tertiary" onClick={showSecret}>
            {t('webhooks.secret.show')}
          </Button>
          <Button onClick={() => setAdding(true)}>{t('webhooks.add')}</Button>
        </Flex>
      </Flex>
      <Typography tag="p" variant="pi" textColor="neutral600">
        {t('webhooks.hint')}
      </Typography>
      {secret ? (
        <Box paddingTop={2} paddingBottom={2}>
          <Typography variant="pi">{t('webhooks.secret.label')} </Typography>
          <Typography variant="pi" fontWeight="bold" data-testid="signing-secret" style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {secret}
          </Typography>
        </Box>
      ) : null}
      {list.length === 0 ? (
        <Typography tag="p">{t('webhooks.empty')}</Typography>
      ) : (
        <Table colCount={4} rowCount={list.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('webhooks.name')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('webhooks.url')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('webhooks.state')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('outbox.column.actions')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {list.map((hook) => (
              <Tr key={hook.id} data-testid="webhook-row">
                <Td>
                  <Typography fontWeight="bold">{hook.name}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>
                  <Typography>{hook.url}</Typography>
                </Td>
                <Td>
                  <Typography>{hook.isEnabled ? t('webhooks.enabled') : t('webhooks.disabled')}</Typography>
                </Td>
                <Td>
                  <Button size="S" variant="danger-light" onClick={() => remove(hook)} aria-label={t('webhooks.delete.of', { name: hook.name })}>
                    {t('webhooks.delete')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {adding ? (
        <WebhookDialog
          events={events}
          onClose={(saved) => {
            setAdding(false);
            if (saved) load();
          }}
        />
      ) : null}
    </Box>
  );
}

function Outbox() {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = usePermissions({ outbox: PERMISSIONS.outbox, webhooks: PERMISSIONS.webhooks });
  const [status, setStatus] = React.useState<OutboxStatus | ''>('');
  const [page, setPage] = React.useState(1);
  const { data: result, reload: load } = useOutboxPage(!!allowedActions.canOutbox, status, page);

  const replay = async (message: OutboxMessage) => {
    try {
      await post('/participation/outbox/replay', { ids: [message.id] });
      toggleNotification({ type: 'success', message: t('outbox.replayed') });
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('error.load') });
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('outbox.title')}</Page.Title>
      <Layouts.Header title={t('outbox.title')} subtitle={t('outbox.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={8}>
          {allowedActions.canOutbox ? (
            <Box>
              <Flex gap={4} alignItems="flex-end" paddingBottom={4} wrap="wrap">
                {result
                  ? STATUSES.map((s) => (
                      <Badge key={s} {...BADGE[s]} data-testid={`outbox-count-${s}`}>
                        {`${t(`outbox.status.${s}`)} : ${result.meta.counts[s]}`}
                      </Badge>
                    ))
                  : null}
                <Field.Root name="status">
                  <Field.Label>{t('outbox.filter.status')}</Field.Label>
                  <SingleSelect
                    value={status}
                    onChange={(value: string | number) => {
                      setPage(1);
                      setStatus(value as OutboxStatus | '');
                    }}
                  >
                    <SingleSelectOption value="">{t('outbox.filter.all')}</SingleSelectOption>
                    {STATUSES.map((s) => (
                      <SingleSelectOption key={s} value={s}>
                        {t(`outbox.status.${s}`)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Flex>
              {!result ? (
                <Page.Loading />
              ) : result.data.length === 0 ? (
                <Typography tag="p">{t('outbox.empty')}</Typography>
              ) : (
                <Table colCount={7} rowCount={result.data.length + 1}>
                  <Thead>
                    <Tr>
                      {(['createdAt', 'channel', 'summary', 'recipient', 'status', 'attempts', 'actions'] as const).map((c) => (
                        <Th key={c}>
                          <Typography variant="sigma">{t(`outbox.column.${c}`)}</Typography>
                        </Th>
                      ))}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {result.data.map((m) => (
                      <Tr key={m.id} data-testid="outbox-row">
                        <Td>
                          <Typography>{dateTime(m.createdAt)}</Typography>
                        </Td>
                        <Td>
                          <Typography>{t(`outbox.channel.${m.channel}`)}</Typography>
                        </Td>
                        <Td style={{ whiteSpace: 'normal' }}>
                          <Typography>{m.summary ?? m.event}</Typography>
                        </Td>
                        <Td>
                          <Typography>{m.recipient}</Typography>
                        </Td>
                        <Td>
                          <Flex direction="column" alignItems="flex-start" gap={1}>
                            <Badge {...BADGE[m.status]}>{t(`outbox.status.${m.status}`)}</Badge>
                            {m.status === 'sent' && m.sentAt ? <Typography variant="pi">{dateTime(m.sentAt)}</Typography> : null}
                            {m.status === 'pending' && m.attempts > 0 && m.nextAttemptAt ? (
                              <Typography variant="pi">{t('outbox.nextAttempt', { at: dateTime(m.nextAttemptAt) })}</Typography>
                            ) : null}
                            {m.lastError && m.status !== 'sent' ? (
                              <Typography variant="pi" textColor="danger600">
                                {m.lastError}
                              </Typography>
                            ) : null}
                          </Flex>
                        </Td>
                        <Td>
                          <Typography>{m.attempts}</Typography>
                        </Td>
                        <Td>
                          {m.status !== 'pending' ? (
                            <Button
                              size="S"
                              variant={m.status === 'failed' ? 'default' : 'tertiary'}
                              onClick={() => replay(m)}
                              aria-label={t('outbox.action.of', {
                                action: m.status === 'failed' ? t('outbox.replay') : t('outbox.resend'),
                                what: m.summary ?? m.event,
                              })}
                            >
                              {m.status === 'failed' ? t('outbox.replay') : t('outbox.resend')}
                            </Button>
                          ) : null}
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
              {result && result.meta.pagination.pageCount > 1 ? (
                <Flex gap={2} paddingTop={4} justifyContent="flex-end">
                  <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                    {t('outbox.previous')}
                  </Button>
                  <Typography>{t('outbox.page', { page, pageCount: result.meta.pagination.pageCount })}</Typography>
                  <Button variant="tertiary" disabled={page >= result.meta.pagination.pageCount} onClick={() => setPage((p) => p + 1)}>
                    {t('outbox.next')}
                  </Button>
                </Flex>
              ) : null}
            </Box>
          ) : null}
          {allowedActions.canWebhooks ? <Webhooks /> : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

export function OutboxPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.outbox, ...PERMISSIONS.webhooks]}>
      <Outbox />
    </Page.Protect>
  );
}
