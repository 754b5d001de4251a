import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  LinkButton,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import type { ConsultationRow, ConsultationStatus } from '../api/types';
import { useConsultationList } from './data';
import { EnterContributionDialog } from '../components/EnterContributionDialog';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';
import { useDownload } from './useDownload';
import { dateTime } from '../utils/dates';
import { usePermissions } from '../utils/usePermissions';

const STATES: ConsultationStatus[] = ['draft', 'scheduled', 'open', 'closed', 'results_published', 'archived'];

export const STATE_BADGE: Record<ConsultationStatus, { background: string; text: string }> = {
  draft: { background: 'neutral150', text: 'neutral800' },
  scheduled: { background: 'secondary100', text: 'secondary700' },
  open: { background: 'success100', text: 'success700' },
  closed: { background: 'warning100', text: 'warning700' },
  results_published: { background: 'primary100', text: 'primary700' },
  archived: { background: 'neutral150', text: 'neutral800' },
};

const editUrl = (documentId: string) => `/content-manager/collection-types/plugin::participation.consultation/${documentId}`;

export function Consultations() {
  const t = useT();
  const { allowedActions } = usePermissions({ enter: PERMISSIONS.enter, export: PERMISSIONS.export, moderate: PERMISSIONS.moderate });
  const { download, busy } = useDownload();
  const [status, setStatus] = React.useState<string>('');
  const [search, setSearch] = React.useState('');
  const [entering, setEntering] = React.useState<ConsultationRow | null>(null);

  const list = useConsultationList(status, search, 200);
  const rows: ConsultationRow[] | null = list.data?.data ?? null;
  const { failed, reload: load } = list;

  if (failed) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>{t('consultations.title')}</Page.Title>
      <Layouts.Header
        title={t('consultations.title')}
        subtitle={t('consultations.subtitle')}
        primaryAction={
          <LinkButton tag={Link} to={`/content-manager/collection-types/plugin::participation.consultation/create`}>
            {t('consultations.create')}
          </LinkButton>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={4} alignItems="flex-end" wrap="wrap">
            <Field.Root name="state">
              <Field.Label>{t('consultations.filter.state')}</Field.Label>
              <SingleSelect value={status} onChange={(v) => setStatus(String(v))}>
                <SingleSelectOption value="">{t('consultations.filter.all')}</SingleSelectOption>
                {STATES.map((s) => (
                  <SingleSelectOption key={s} value={s}>
                    {t(`state.${s}`)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <Field.Root name="search">
              <Field.Label>{t('consultations.filter.search')}</Field.Label>
              <TextInput value={search} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)} />
            </Field.Root>
          </Flex>
          {rows === null ? (
            <Page.Loading />
          ) : rows.length === 0 ? (
            <Box padding={8} background="neutral0" hasRadius>
              <Typography>{t('consultations.empty')}</Typography>
            </Box>
          ) : (
            <Table colCount={5} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {(['title', 'state', 'calendar', 'contributions', 'actions'] as const).map((c) => (
                    <Th key={c}>
                      <Typography variant="sigma">{t(`consultations.column.${c}`)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((c) => (
                  <Tr key={c.documentId} data-testid="consultation-row" data-document-id={c.documentId}>
                    {/* Five columns, the dates and the counts on two lines each: the actions stay on screen at 1280 px. */}
                    <Td style={{ whiteSpace: 'normal', minWidth: 200 }}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Link to={editUrl(c.documentId)}>
                          <Typography fontWeight="bold" textColor="primary700">
                            {c.title || t('consultations.untitled')}
                          </Typography>
                        </Link>
                        {!c.published ? (
                          <Typography variant="pi" textColor="neutral600">
                            {t('consultations.unpublished')}
                          </Typography>
                        ) : null}
                      </Flex>
                    </Td>
                    <Td>
                      <Badge backgroundColor={STATE_BADGE[c.status].background} textColor={STATE_BADGE[c.status].text}>
                        {t(`state.${c.status}`)}
                      </Badge>
                    </Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography variant="pi">{t('consultations.opens', { date: dateTime(c.opensAt) })}</Typography>
                        <Typography variant="pi">{t('consultations.closes', { date: dateTime(c.closesAt) })}</Typography>
                      </Flex>
                    </Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography variant="pi">{t('consultations.contributionsCount', { count: c.counts.contributions })}</Typography>
                        <Typography variant="pi">{t('consultations.participantsCount', { count: c.counts.participants })}</Typography>
                        {allowedActions.canModerate && c.pending ? (
                          <Link to={`../moderation?consultation=${c.documentId}`}>
                            <Typography variant="pi" fontWeight="bold" textColor="primary700">
                              {t('consultations.pending', { count: c.pending })}
                            </Typography>
                          </Link>
                        ) : null}
                      </Flex>
                    </Td>
                    <Td style={{ width: 190 }}>
                      <Flex direction="column" alignItems="stretch" gap={1}>
                        {allowedActions.canModerate ? (
                          <LinkButton size="S" variant="tertiary" fullWidth tag={Link} to={`../moderation?consultation=${c.documentId}&status=published`}>
                            {t('consultations.contributions')}
                          </LinkButton>
                        ) : null}
                        {allowedActions.canEnter && (c.status === 'open' || c.status === 'closed') ? (
                          <Button size="S" variant="secondary" fullWidth onClick={() => setEntering(c)}>
                            {t('consultations.enter')}
                          </Button>
                        ) : null}
                        {allowedActions.canExport ? (
                          <Flex gap={1}>
                            <Button
                              size="S"
                              variant="tertiary"
                              loading={busy === `${c.documentId}:xlsx`}
                              onClick={() => download(c.documentId, 'xlsx')}
                              aria-label={t('exports.xlsx.of', { title: c.title })}
                            >
                              XLSX
                            </Button>
                            <Button
                              size="S"
                              variant="tertiary"
                              loading={busy === `${c.documentId}:csv`}
                              onClick={() => download(c.documentId, 'csv')}
                              aria-label={t('exports.csv.of', { title: c.title })}
                            >
                              CSV
                            </Button>
                          </Flex>
                        ) : null}
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
      {entering ? (
        <EnterContributionDialog
          consultation={entering}
          onClose={(entered) => {
            setEntering(null);
            if (entered) load();
          }}
        />
      ) : null}
    </Page.Main>
  );
}
