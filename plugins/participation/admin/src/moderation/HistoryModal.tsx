import { Box, Flex, Modal, Typography } from '@strapi/design-system';
import type { ModerationEvent } from '../api/types';
import { useT } from '../utils/useT';
import { dateTime } from '../utils/dates';

/** The decisions taken on one item, oldest first. */
export function HistoryModal({ events, onClose }: { events: ModerationEvent[] | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal.Root open={events !== null} onOpenChange={(open: boolean) => (!open ? onClose() : undefined)}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('moderation.history.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {events?.length ? (
            <Flex direction="column" alignItems="stretch" gap={3}>
              {events.map((e, i) => (
                <Box key={i} padding={3} background="neutral100" hasRadius>
                  <Typography fontWeight="bold">{`${t(`status.${e.from}`)} → ${t(`status.${e.to}`)}`}</Typography>
                  <Typography variant="pi">{` — ${e.actor.type === 'admin' ? e.actor.name : 'Automatique'}, ${dateTime(e.at, 'medium')}`}</Typography>
                  {e.reason ? <Typography tag="p">{e.reason}</Typography> : null}
                  {e.note ? (
                    <Typography tag="p" variant="pi">
                      {e.note}
                    </Typography>
                  ) : null}
                </Box>
              ))}
            </Flex>
          ) : (
            <Typography>{t('moderation.history.empty')}</Typography>
          )}
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
