import * as React from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage, type AdminAnswer, type WebhookEventOption, type WebhookSubscription } from '../api/types';
import { useWebhooks } from './data';
import { useT } from '../utils/useT';
import { WebhookDialog } from './WebhookDialog';

export function Webhooks() {
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
