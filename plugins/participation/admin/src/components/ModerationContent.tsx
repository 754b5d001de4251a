import * as React from 'react';
import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import type { AdminAnswer, ModerationEvent, TargetType } from '../api/types';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';
import { AnswerDialog } from './AnswerDialog';
import { AssigneeField } from './AssigneeField';
import { dateTime } from '../utils/dates';
import { usePermissions } from '../utils/usePermissions';

type History = AdminAnswer<'/moderation/{type}/{id}/history', 'get'>;

type Item = History['meta']['item'];

export function ModerationContent({ type, documentId, title }: { type: TargetType; documentId: string; title: string | null }) {
  const t = useT();
  const { get } = useFetchClient();
  const { allowedActions } = usePermissions({ moderate: PERMISSIONS.moderate, answer: PERMISSIONS.answer });
  const [item, setItem] = React.useState<Item | null>(null);
  const [events, setEvents] = React.useState<ModerationEvent[]>([]);
  const [answering, setAnswering] = React.useState(false);

  const load = React.useCallback(async () => {
    try {
      const res = await get<History>(`/participation/moderation/${type}/${documentId}/history`);
      setItem(res.data.meta.item);
      setEvents(res.data.data);
    } catch {
      setItem(null);
    }
  }, [get, type, documentId]);
  React.useEffect(() => {
    if (allowedActions.canModerate) load();
  }, [load, allowedActions.canModerate]);

  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%" data-testid="moderation-panel">
      <Typography variant="pi">{t('panel.managedHere')}</Typography>
      {allowedActions.canModerate ? (
        <Link to="/plugins/participation/moderation">
          <Typography variant="pi" textColor="primary700">
            {t('panel.openQueue')}
          </Typography>
        </Link>
      ) : null}
      {item ? (
        <>
          <Flex justifyContent="space-between">
            <Typography variant="sigma">{t('panel.status')}</Typography>
            <Badge data-testid="moderation-status">{t(`status.${item.status}`)}</Badge>
          </Flex>
          {item.moderationReason ? <Typography variant="pi">{`${t('panel.reason')} : ${item.moderationReason}`}</Typography> : null}
          {item.channel ? <Typography variant="pi">{`${t('panel.channel')} : ${t(`channel.${item.channel}`)}`}</Typography> : null}
          {type === 'contribution' ? (
            <Typography variant="pi">
              {item.officialAnswer
                ? `${t('panel.answer')} : ${t(`answer.status.${item.officialAnswer.status}`)} — ${item.officialAnswer.text}`
                : item.heldAnswer
                  ? `${t('panel.answer')} : ${t(`answer.status.${item.heldAnswer.status}`)} (${t('panel.answerHeld')}) — ${item.heldAnswer.text}`
                  : t('panel.noAnswer')}
            </Typography>
          ) : null}
          {type === 'contribution' && allowedActions.canAnswer ? (
            <Button variant="secondary" fullWidth onClick={() => setAnswering(true)}>
              {t('answer.action')}
            </Button>
          ) : null}
          {type === 'contribution' && allowedActions.canAnswer ? <AssigneeField documentId={documentId} /> : null}
          <Typography variant="sigma">{t('moderation.history.title')}</Typography>
          {events.length === 0 ? (
            <Typography variant="pi">{t('moderation.history.empty')}</Typography>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={1} tag="ol">
              {events.map((e, i) => (
                <Typography key={i} variant="pi" tag="li">
                  {`${dateTime(e.at, 'medium')} — ${t(`status.${e.from}`)} → ${t(`status.${e.to}`)} (${e.actor.type === 'system' ? t('panel.system') : e.actor.name})${e.reason ? ` : ${e.reason}` : ''}`}
                </Typography>
              ))}
            </Flex>
          )}
        </>
      ) : null}
      {answering ? (
        <AnswerDialog
          targets={[{ documentId, title }]}
          onClose={(answered) => {
            setAnswering(false);
            if (answered) load();
          }}
        />
      ) : null}
    </Flex>
  );
}
