import * as React from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { PERMISSIONS } from '../permissions';
import { dateTime } from '../utils/dates';
import { usePermissions } from '../utils/usePermissions';
import { useT } from '../utils/useT';
import { useMeeting, useMeetingList } from './data';
import { MeetingForm } from './MeetingForm';
import { MeetingRegistrants } from './MeetingRegistrants';

type View = { kind: 'list' } | { kind: 'edit'; documentId: string | null } | { kind: 'registrants'; documentId: string };

/** « Réunions » in the Participation area: the list with places and waitlist, the form, registrants, the door. */
export function MeetingsPage() {
  const t = useT();
  const { allowedActions, isLoading } = usePermissions({ meetings: PERMISSIONS.meetings });
  const list = useMeetingList(!!allowedActions.canMeetings);
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [view, setView] = React.useState<View>({ kind: 'list' });
  const current = useMeeting(view.kind === 'list' ? null : view.documentId);
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canMeetings) return <Page.NoPermissions />;
  const rows = list.data?.data ?? [];
  const back = () => {
    setView({ kind: 'list' });
    void list.reload();
  };
  const detail = current.data?.data ?? null;
  /** Copies the meeting as a draft and opens the copy's form, to set its date. */
  const copy = async (documentId: string) => {
    try {
      const res = await post(`/participation/meetings/${documentId}/copy`, {});
      toggleNotification({ type: 'success', message: t('meetings.copy.done') });
      setView({ kind: 'edit', documentId: (res.data as { data: { documentId: string } }).data.documentId });
      void list.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('error.load') });
    }
  };
  return (
    <Page.Main>
      <Page.Title>{t('meetings.title')}</Page.Title>
      <Layouts.Header
        title={view.kind === 'list' ? t('meetings.title') : (detail?.title ?? t('meetings.new'))}
        subtitle={view.kind === 'list' ? t('meetings.subtitle') : detail ? `${detail.stateLabel} · ${dateTime(detail.startsAt, 'medium')}` : undefined}
        primaryAction={view.kind === 'list' ? <Button onClick={() => setView({ kind: 'edit', documentId: null })}>{t('meetings.new')}</Button> : undefined}
      />
      <Layouts.Content>
        {view.kind === 'edit' && (view.documentId === null || detail?.documentId === view.documentId) ? (
          <MeetingForm
            key={view.documentId ?? 'new'}
            meeting={view.documentId ? detail : null}
            onDone={(documentId) => {
              if (!documentId) back();
              else {
                setView({ kind: 'edit', documentId });
                void current.reload();
              }
            }}
          />
        ) : null}
        {view.kind === 'registrants' && detail?.documentId === view.documentId ? (
          <MeetingRegistrants meeting={detail} onBack={back} onChanged={() => void current.reload()} />
        ) : null}
        {view.kind === 'list' ? (
          <Box>
            {list.data && rows.length === 0 ? <Typography tag="p">{t('meetings.empty')}</Typography> : null}
            <Table colCount={5} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {(['title', 'when', 'state', 'places', 'actions'] as const).map((c) => (
                    <Th key={c}>
                      <Typography variant="sigma">{t(`meetings.column.${c}`)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((m) => (
                  <Tr key={m.documentId} data-testid="meeting-row">
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography fontWeight="bold">{m.title}</Typography>
                      <Typography variant="pi"> — {m.communeName ?? t('meetings.kind.online')}</Typography>
                    </Td>
                    <Td>
                      <Typography>{dateTime(m.startsAt)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{m.stateLabel}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {t('meetings.places', {
                          registered: m.registered,
                          capacity: m.capacity === null ? '∞' : String(m.capacity - m.reservedPlaces),
                          waiting: m.waiting,
                          invited: m.invited,
                        })}
                      </Typography>
                    </Td>
                    <Td>
                      <Flex gap={2}>
                        <Button
                          size="S"
                          variant="tertiary"
                          onClick={() => setView({ kind: 'edit', documentId: m.documentId })}
                          aria-label={t('meetings.edit.of', { title: m.title })}
                        >
                          {t('meetings.edit')}
                        </Button>
                        <Button size="S" variant="tertiary" onClick={() => void copy(m.documentId)} aria-label={t('meetings.copy.of', { title: m.title })}>
                          {t('meetings.copy')}
                        </Button>
                        <Button
                          size="S"
                          variant="tertiary"
                          onClick={() => setView({ kind: 'registrants', documentId: m.documentId })}
                          aria-label={t('meetings.registrants.of', { title: m.title })}
                        >
                          {t('meetings.registrants')}
                        </Button>
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
}
