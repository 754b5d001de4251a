import * as React from 'react';
import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage, type OutboxMessage, type OutboxStatus } from '../api/types';
import { useOutboxPage } from './data';
import { PERMISSIONS } from '../permissions';
import { dateTime } from '../utils/dates';
import { useT } from '../utils/useT';
import { usePermissions } from '../utils/usePermissions';
import { Webhooks } from './Webhooks';

const STATUSES: OutboxStatus[] = ['pending', 'failed', 'sent'];

const BADGE: Record<OutboxStatus, { backgroundColor: string; textColor: string }> = {
  pending: { backgroundColor: 'warning100', textColor: 'neutral800' },
  failed: { backgroundColor: 'danger100', textColor: 'danger700' },
  sent: { backgroundColor: 'success100', textColor: 'success700' },
};

export function Outbox() {
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
