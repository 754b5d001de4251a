import * as React from 'react';
import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { dateTime } from '../utils/dates';
import { useT } from '../utils/useT';
import { PETITION_STATUSES, type PetitionStatus, type Scheme } from './types';
import { usePetitionList } from './data';
import { PaperPetitionDialog } from './PaperPetitionDialog';

export function PetitionList({ schemes, onOpen }: { schemes: Scheme[]; onOpen: (documentId: string) => void }) {
  const t = useT();
  const [status, setStatus] = React.useState<PetitionStatus | ''>('');
  const [page, setPage] = React.useState(1);
  const [entering, setEntering] = React.useState(false);
  const { data: result, reload: load } = usePetitionList(status, page);
  return (
    <Box>
      <Flex gap={4} alignItems="flex-end" paddingBottom={4} wrap="wrap" justifyContent="space-between">
        <Flex gap={2} wrap="wrap" alignItems="flex-end">
          {result ? (
            <>
              <Badge data-testid="petitions-to-review">{t('petitions.count.submitted', { count: result.meta.counts.submitted })}</Badge>
              <Badge>{t('petitions.count.under_appeal', { count: result.meta.counts.under_appeal })}</Badge>
            </>
          ) : null}
          <Field.Root name="status">
            <Field.Label>{t('petitions.filter.status')}</Field.Label>
            <SingleSelect
              value={status}
              onChange={(value: string | number) => {
                setPage(1);
                setStatus(value as PetitionStatus | '');
              }}
            >
              <SingleSelectOption value="">{t('outbox.filter.all')}</SingleSelectOption>
              {PETITION_STATUSES.map((s) => (
                <SingleSelectOption key={s} value={s}>
                  {t(`petitions.status.${s}` as 'petitions.status.open')}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Flex>
        <Button variant="secondary" onClick={() => setEntering(true)} disabled={!schemes.length}>
          {t('petitions.paper.petition.title')}
        </Button>
      </Flex>
      {!result ? (
        <Page.Loading />
      ) : result.data.length === 0 ? (
        <Typography tag="p">{t('petitions.empty')}</Typography>
      ) : (
        <Table colCount={6} rowCount={result.data.length + 1}>
          <Thead>
            <Tr>
              {(['title', 'scheme', 'status', 'signatures', 'createdAt', 'actions'] as const).map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`petitions.column.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {result.data.map((p) => (
              <Tr key={p.documentId} data-testid="petition-row">
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography fontWeight="bold">{p.title}</Typography>
                  <Typography variant="pi" tag="p">{`${p.authorName}${p.channel === 'paper' ? ` · ${t('petitions.channel.paper')}` : ''}`}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{p.scheme}</Typography>
                </Td>
                <Td>
                  <Badge>{t(`petitions.status.${p.status}` as 'petitions.status.open')}</Badge>
                </Td>
                <Td>
                  <Typography>{p.signaturesCount}</Typography>
                  {p.paperPendingCount ? (
                    <Typography variant="pi" tag="p">
                      {t('petitions.paper.pendingCount', { count: p.paperPendingCount })}
                    </Typography>
                  ) : null}
                </Td>
                <Td>
                  <Typography>{dateTime(p.createdAt)}</Typography>
                </Td>
                <Td>
                  <Button size="S" variant="tertiary" onClick={() => onOpen(p.documentId)} aria-label={t('petitions.open.of', { title: p.title })}>
                    {t('petitions.open')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {result && result.meta.pagination.pageCount > 1 ? (
        <Flex gap={2} paddingTop={4}>
          <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('petitions.previous')}
          </Button>
          <Typography>{`${page} / ${result.meta.pagination.pageCount}`}</Typography>
          <Button variant="tertiary" disabled={page >= result.meta.pagination.pageCount} onClick={() => setPage((p) => p + 1)}>
            {t('petitions.next')}
          </Button>
        </Flex>
      ) : null}
      {entering ? (
        <PaperPetitionDialog
          schemes={schemes}
          onClose={(saved) => {
            setEntering(false);
            if (saved) load();
          }}
        />
      ) : null}
    </Box>
  );
}
