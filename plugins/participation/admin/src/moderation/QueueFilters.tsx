import { Box, Checkbox, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { ModerationStatus, PendingCount } from '../api/types';
import { useT } from '../utils/useT';
import type { QueueFilters as Filters } from './useModerationQueue';

const STATUSES: ModerationStatus[] = ['pending', 'published', 'hidden', 'rejected'];

/** Consultation, status, type and "reported only" filters of the queue. */
export function QueueFilters({ filters, onChange, pending }: { filters: Filters; onChange: (filters: Filters) => void; pending: PendingCount[] }) {
  const t = useT();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <Flex gap={4} wrap="wrap" alignItems="flex-end">
      <Box minWidth="280px">
        <SingleSelect
          aria-label={t('moderation.filter.consultation')}
          placeholder={t('moderation.filter.consultation.all')}
          value={filters.consultation}
          onChange={(v) => set({ consultation: String(v) })}
          onClear={() => set({ consultation: '' })}
        >
          {pending.map((p) => (
            <SingleSelectOption key={p.consultation.documentId} value={p.consultation.documentId}>
              {`${p.consultation.title ?? p.consultation.documentId} (${p.pending})`}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Box>
      <Box minWidth="200px">
        <SingleSelect
          aria-label={t('moderation.filter.status')}
          placeholder={t('moderation.filter.status.todo')}
          value={filters.status}
          onChange={(v) => set({ status: String(v) })}
          onClear={() => set({ status: '' })}
        >
          {STATUSES.map((s) => (
            <SingleSelectOption key={s} value={s}>
              {t(`status.${s}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Box>
      <Box minWidth="240px">
        <SingleSelect
          aria-label={t('moderation.filter.type')}
          placeholder={t('moderation.filter.type.all')}
          value={filters.type}
          onChange={(v) => set({ type: String(v) })}
          onClear={() => set({ type: '' })}
        >
          <SingleSelectOption value="contribution">{t('type.contribution')}</SingleSelectOption>
          <SingleSelectOption value="comment">{t('type.comment')}</SingleSelectOption>
        </SingleSelect>
      </Box>
      <Checkbox checked={filters.reported} onCheckedChange={(c) => set({ reported: c === true })}>
        {t('moderation.filter.reported')}
      </Checkbox>
    </Flex>
  );
}
