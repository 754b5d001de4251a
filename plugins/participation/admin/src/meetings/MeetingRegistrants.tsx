import * as React from 'react';
import { Badge, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { dateTime as formatDateTime } from '../utils/dates';
import { saveDownload } from '../utils/saveDownload';
import { useT } from '../utils/useT';
import { useRegistrants, type AdminMeeting } from './data';
import { MinutesReview } from './MeetingAfterwards';
import { RoomContributions } from './RoomContributions';
import { MeetingReportForm } from './MeetingReportForm';
import { CheckInPanel } from './CheckInPanel';
import { InvitationDialog } from './InvitationDialog';
import { CancelDialog } from './CancelDialog';

/** A meeting's registrants in queue order (places, invitations, waitlist with ranks), the door, invitations and cancellation. */
export function MeetingRegistrants({ meeting, onBack, onChanged }: { meeting: AdminMeeting; onBack: () => void; onChanged: () => void }) {
  const t = useT();
  const { get } = useFetchClient();
  const list = useRegistrants(meeting.documentId);
  const download = async (format: 'csv' | 'xlsx') => {
    const res = await get(`/participation/meetings/${meeting.documentId}/registrations/export?format=${format}`, { responseType: 'blob' });
    saveDownload(res, `inscrits-${meeting.slug}.${format}`);
  };
  const [dialog, setDialog] = React.useState<'invite' | 'cancel' | null>(null);
  const rows = list.data?.data ?? [];
  const close = () => {
    setDialog(null);
    void list.reload();
    onChanged();
  };
  const checkedIn = rows.filter((r) => r.checkedInAt).length;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2} wrap="wrap">
        <Button variant="tertiary" onClick={onBack}>
          {t('meetings.back')}
        </Button>
        <Button variant="secondary" onClick={() => setDialog('invite')} disabled={meeting.state === 'cancelled' || meeting.state === 'past'}>
          {t('meetings.invite.open')}
        </Button>
        <Button variant="secondary" onClick={() => void download('csv')} disabled={rows.length === 0}>
          {t('meetings.export.csv')}
        </Button>
        <Button variant="secondary" onClick={() => void download('xlsx')} disabled={rows.length === 0}>
          {t('meetings.export.xlsx')}
        </Button>
        <Button
          variant="danger-light"
          onClick={() => setDialog('cancel')}
          disabled={meeting.state === 'cancelled' || meeting.state === 'past' || meeting.state === 'draft'}
        >
          {t('meetings.cancel.open')}
        </Button>
      </Flex>
      <Typography tag="p">{t('meetings.counts', { registered: meeting.registered, invited: meeting.invited, waiting: meeting.waiting, checkedIn })}</Typography>
      {meeting.state === 'ongoing' || meeting.state === 'past' ? (
        <MeetingReportForm
          key={meeting.report.publishedAt ?? 'draft'}
          meeting={meeting}
          onSaved={() => {
            void list.reload();
            onChanged();
          }}
        />
      ) : null}
      {meeting.state === 'ongoing' || meeting.state === 'past' ? <RoomContributions meeting={meeting} /> : null}
      {meeting.state === 'past' ? <MinutesReview key={meeting.report.remarksWindow} meeting={meeting} onChanged={onChanged} /> : null}
      {meeting.state !== 'cancelled' ? <CheckInPanel documentId={meeting.documentId} roster={rows} onChecked={() => void list.reload()} /> : null}
      {list.data && rows.length === 0 ? <Typography tag="p">{t('meetings.registrants.empty')}</Typography> : null}
      <Table colCount={6} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            {(['name', 'email', 'status', 'code', 'checkedIn', 'registeredAt'] as const).map((c) => (
              <Th key={c}>
                <Typography variant="sigma">{t(`meetings.registrants.column.${c}`)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((r) => (
            <Tr key={r.id} data-testid="registrant-row">
              <Td style={{ whiteSpace: 'normal' }}>
                <Typography fontWeight="bold">{r.name}</Typography>
                {r.organisation ? <Typography variant="pi"> — {r.organisation}</Typography> : null}
              </Td>
              <Td>
                <Typography>{r.email ?? '—'}</Typography>
              </Td>
              <Td>
                <Badge>
                  {r.status === 'waitlisted'
                    ? t('meetings.status.waitlisted', { position: r.position ?? 0 })
                    : t(`meetings.status.${r.invited && r.status === 'registered' ? 'invited' : r.status}`)}
                </Badge>
              </Td>
              <Td>
                <Typography style={{ fontFamily: 'monospace' }}>{r.status === 'cancelled' ? '—' : r.code}</Typography>
              </Td>
              <Td>
                <Typography>{r.checkedInAt ? formatDateTime(r.checkedInAt) : '—'}</Typography>
              </Td>
              <Td>
                <Typography>{formatDateTime(r.registeredAt)}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {dialog === 'invite' ? <InvitationDialog documentId={meeting.documentId} onClose={close} /> : null}
      {dialog === 'cancel' ? <CancelDialog documentId={meeting.documentId} onClose={close} /> : null}
    </Flex>
  );
}
