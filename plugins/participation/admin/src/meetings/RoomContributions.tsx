import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { EnterContributionDialog } from '../components/EnterContributionDialog';
import { useT } from '../utils/useT';
import { useMeetingContributions, type AdminMeeting } from './data';

/** « Contributions dites en réunion »: what was said in the room, entered into the meeting's consultation, each linked to the meeting. */
export function RoomContributions({ meeting }: { meeting: AdminMeeting }) {
  const t = useT();
  const list = useMeetingContributions(meeting.documentId);
  const [entering, setEntering] = React.useState(false);
  const rows = list.data?.data ?? [];
  return (
    <Box padding={4} background="neutral100" hasRadius tag="section" aria-labelledby="dit-en-reunion">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2" id="dit-en-reunion">
          {t('meetings.said.title')}
        </Typography>
        {meeting.consultationDocumentId ? (
          <>
            <Typography tag="p">{t('meetings.said.intro')}</Typography>
            {list.data && rows.length === 0 ? <Typography tag="p">{t('meetings.said.empty')}</Typography> : null}
            {rows.length ? (
              <ul aria-label={t('meetings.said.title')}>
                {rows.map((c) => (
                  <li key={c.documentId} data-testid="room-contribution">
                    <Typography fontWeight="bold">{c.title}</Typography> <Typography variant="pi">— {c.author.displayName}</Typography>{' '}
                    <Badge>{t(`status.${c.status ?? 'published'}`)}</Badge>
                  </li>
                ))}
              </ul>
            ) : null}
            <Flex>
              <Button variant="secondary" onClick={() => setEntering(true)}>
                {t('meetings.said.open')}
              </Button>
            </Flex>
          </>
        ) : (
          <Typography tag="p">{t('meetings.said.noConsultation')}</Typography>
        )}
      </Flex>
      {entering ? (
        <EnterContributionDialog
          meeting={{ documentId: meeting.documentId, title: meeting.title }}
          onClose={(entered) => {
            setEntering(false);
            if (entered) void list.reload();
          }}
        />
      ) : null}
    </Box>
  );
}
