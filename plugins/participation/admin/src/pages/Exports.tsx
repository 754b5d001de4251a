import * as React from 'react';
import { Box, Button, Checkbox, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { ConsultationRow, ExportLogEntry } from '../api/types';
import { useConsultationList, useExportLog } from '../consultations/data';
import { useDownload } from '../consultations/useDownload';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';
import { dateTime } from '../utils/dates';
import { usePermissions } from '../utils/usePermissions';

export function Exports() {
  const t = useT();
  const { allowedActions } = usePermissions({ personal: PERMISSIONS.exportPersonal });
  const { download, busy } = useDownload();
  const [personal, setPersonal] = React.useState(false);
  const list = useConsultationList('', '');
  const exportLog = useExportLog();
  // Without the right to read consultations, exports are still listed by id (the list then fails: empty).
  const rows: ConsultationRow[] | null = list.data?.data ?? (list.failed ? [] : null);
  const log: ExportLogEntry[] = exportLog.data?.data ?? [];
  const { reload: reloadLog } = exportLog;

  const titles = new Map((rows ?? []).map((r) => [r.documentId, r.title]));
  const exportOf = async (documentId: string, format: 'csv' | 'xlsx') => {
    await download(documentId, format, personal);
    await reloadLog();
  };

  if (rows === null) return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>{t('exports.title')}</Page.Title>
      <Layouts.Header title={t('exports.title')} subtitle={t('exports.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {allowedActions.canPersonal ? (
            <Box>
              <Checkbox checked={personal} onCheckedChange={(checked: boolean | 'indeterminate') => setPersonal(checked === true)}>
                {t('exports.personal')}
              </Checkbox>
              <Typography variant="pi" textColor="neutral600">
                {t('exports.personal.hint')}
              </Typography>
            </Box>
          ) : (
            <Typography variant="pi" textColor="neutral600">
              {t('exports.noPersonal')}
            </Typography>
          )}
          <Table colCount={3} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('consultations.column.title')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('consultations.column.contributions')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('exports.column.download')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((c) => (
                <Tr key={c.documentId} data-testid="export-row">
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Typography fontWeight="bold">{c.title}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.counts.contributions}</Typography>
                  </Td>
                  <Td>
                    <Flex gap={2}>
                      <Button
                        size="S"
                        variant="secondary"
                        loading={busy === `${c.documentId}:xlsx`}
                        onClick={() => exportOf(c.documentId, 'xlsx')}
                        aria-label={t('exports.xlsx.of', { title: c.title })}
                      >
                        XLSX
                      </Button>
                      <Button
                        size="S"
                        variant="tertiary"
                        loading={busy === `${c.documentId}:csv`}
                        onClick={() => exportOf(c.documentId, 'csv')}
                        aria-label={t('exports.csv.of', { title: c.title })}
                      >
                        CSV
                      </Button>
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Box>
            <Typography variant="delta" tag="h2">
              {t('exports.log')}
            </Typography>
            {log.length === 0 ? (
              <Typography tag="p">{t('exports.log.empty')}</Typography>
            ) : (
              <Table colCount={4} rowCount={log.length + 1}>
                <Thead>
                  <Tr>
                    {(['at', 'consultation', 'format', 'by'] as const).map((c) => (
                      <Th key={c}>
                        <Typography variant="sigma">{t(`exports.log.${c}`)}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {log.map((e, i) => (
                    <Tr key={i} data-testid="export-log-row">
                      <Td>
                        <Typography>{dateTime(e.at)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{titles.get(e.consultationDocumentId) ?? e.consultationDocumentId}</Typography>
                      </Td>
                      <Td>
                        <Typography>{`${e.format.toUpperCase()}${e.personalData ? ` — ${t('exports.log.personal')}` : ''}`}</Typography>
                      </Td>
                      <Td>
                        <Typography>{e.actorName ?? '—'}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
