import { Badge, Button, Checkbox, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Decision, ModerationStatus, QueueItem } from '../api/types';
import { useT } from '../utils/useT';
import { itemKey } from './useModerationQueue';
import { dateTime } from '../utils/dates';

const STATUS_VARIANT: Record<ModerationStatus, string> = { pending: 'secondary', published: 'success', hidden: 'warning', rejected: 'danger' };
export const decisionVariant = (d: Decision, size: 'S' | 'M') =>
  d === 'approve' ? (size === 'S' ? 'success-light' : 'success') : d === 'restore' ? 'secondary' : 'danger-light';

type Props = {
  items: QueueItem[];
  selected: Set<string>;
  focus: number;
  busy: boolean;
  onFocus: (index: number) => void;
  onToggle: (key: string) => void;
  onToggleAll: () => void;
  onDecide: (decision: Decision, items: QueueItem[]) => void;
  onHistory: (item: QueueItem) => void;
  /** Official answer to a contribution, for roles that may answer. */
  onAnswer?: (item: QueueItem) => void;
};

/** The queue's rows: the item with its status, author, consultation and date; its reports; the decisions it allows. */
export function QueueTable({ items, selected, focus, busy, onFocus, onToggle, onToggleAll, onDecide, onHistory, onAnswer }: Props) {
  const t = useT();
  const allSelected = items.length > 0 && selected.size === items.length;
  return (
    <Table colCount={4} rowCount={items.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Checkbox aria-label={t('moderation.selectAll')} checked={allSelected} onCheckedChange={onToggleAll} />
          </Th>
          <Th>
            <Typography variant="sigma">{t('moderation.column.item')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('moderation.column.reports')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('moderation.column.actions')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {items.map((item, index) => (
          <Tr
            key={itemKey(item)}
            data-testid="moderation-row"
            data-document-id={item.documentId}
            aria-current={index === focus ? 'true' : undefined}
            style={index === focus ? { outline: '2px solid #4945ff' } : undefined}
            onClick={() => onFocus(index)}
          >
            <Td style={{ width: 48 }}>
              <Checkbox
                aria-label={`${t('moderation.select')} ${item.title ?? item.body.slice(0, 30)}`}
                checked={selected.has(itemKey(item))}
                onCheckedChange={() => onToggle(itemKey(item))}
              />
            </Td>
            {/* The item and where it comes from in one cell: the row's actions stay on screen at 1280 px. */}
            <Td style={{ whiteSpace: 'normal', minWidth: 320 }}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Flex gap={2} wrap="wrap">
                  <Badge backgroundColor={`${STATUS_VARIANT[item.status]}100`} textColor={`${STATUS_VARIANT[item.status]}700`} style={{ fontWeight: 700 }}>
                    {t(`status.${item.status}`)}
                  </Badge>
                  <Typography variant="pi" textColor="neutral600">
                    {item.type === 'comment' && item.contribution
                      ? t('moderation.commentOn', { title: item.contribution.title ?? '—' })
                      : item.type === 'comment' && item.project
                        ? t('moderation.commentOnProject', { title: item.project.title })
                        : t(`type.${item.type}`)}
                  </Typography>
                </Flex>
                {item.title ? <Typography fontWeight="bold">{item.title}</Typography> : null}
                <Typography>{item.body.length > 280 ? `${item.body.slice(0, 280)}…` : item.body}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {t('moderation.origin', {
                    author: item.author.displayName,
                    consultation: item.consultation?.title ?? item.project?.budget.name ?? '—',
                    date: dateTime(item.createdAt),
                  })}
                </Typography>
              </Flex>
            </Td>
            <Td style={{ whiteSpace: 'normal', width: 190 }}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight={item.reportsCount ? 'bold' : undefined}>{t('moderation.reportsCount', { count: item.reportsCount })}</Typography>
                {item.reports.map((r, i) => (
                  <Typography key={i} variant="pi" title={r.details ?? undefined}>
                    {`${t(`reason.${r.reason}`)} — ${r.accountAgeDays === null ? t('moderation.report.ageUnknown') : t('moderation.report.age', { days: r.accountAgeDays })}${r.counted ? '' : ` (${t('moderation.report.notCounted')})`}`}
                  </Typography>
                ))}
              </Flex>
            </Td>
            <Td style={{ width: 150 }}>
              <Flex direction="column" alignItems="stretch" gap={1}>
                {item.decisions.map(({ decision }) => (
                  <Button key={decision} size="S" fullWidth variant={decisionVariant(decision, 'S')} disabled={busy} onClick={() => onDecide(decision, [item])}>
                    {t(`decision.${decision}`)}
                  </Button>
                ))}
                {onAnswer && item.type === 'contribution' ? (
                  <Button size="S" fullWidth variant="secondary" onClick={() => onAnswer(item)}>
                    {t('answer.action')}
                  </Button>
                ) : null}
                <Button size="S" fullWidth variant="tertiary" onClick={() => onHistory(item)}>
                  {t('moderation.history')}
                </Button>
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
