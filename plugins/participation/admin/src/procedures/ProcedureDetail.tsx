import * as React from 'react';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { dateTime } from '../utils/dates';
import { useT } from '../utils/useT';
import { useObservations, useProcedure, type ReportKind } from './data';
import { ReportDialog } from './ReportDialog';
import { ScanDialog } from './ScanDialog';

const day = (iso: string | null) => (iso ? new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }) : '—');

/** One procedure: its legal calendar, what it waits for, its published documents, every observation of its register. */
export function ProcedureDetail({ documentId, onBack }: { documentId: string; onBack: () => void }) {
  const t = useT();
  const [page, setPage] = React.useState(1);
  const [publishing, setPublishing] = React.useState<ReportKind | null>(null);
  const [scanning, setScanning] = React.useState<number | null>(null);
  const sheet = useProcedure(documentId);
  const observations = useObservations(documentId, page);
  const procedure = sheet.data?.data;
  if (sheet.failed) return <Page.Error />;
  if (!procedure) return <Page.Loading />;
  const rows = observations.data?.data ?? [];
  const pagination = observations.data?.meta.pagination;
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Flex justifyContent="space-between" wrap="wrap" gap={2}>
        <Button variant="tertiary" onClick={onBack}>
          {t('procedures.back')}
        </Button>
        <Flex gap={2}>
          {(['report', 'response'] as const).map((kind) =>
            procedure.actions[kind].allowed ? (
              <Button key={kind} onClick={() => setPublishing(kind)}>
                {t('procedures.publish', { label: procedure.actions[kind].label })}
              </Button>
            ) : null
          )}
        </Flex>
      </Flex>
      <Box>
        <Typography variant="beta" tag="h2">
          {procedure.title}
        </Typography>
        <Typography tag="p">{`${procedure.procedure.label} — ${t(`procedures.status.${procedure.status as 'open'}`)}`}</Typography>
        {procedure.procedure.overseer ? (
          <Typography tag="p">{`${t(`procedures.overseer.${procedure.procedure.overseer.role}`)} : ${procedure.procedure.overseer.name ?? t('procedures.overseer.none')}`}</Typography>
        ) : null}
        {procedure.blocker ? (
          <Typography tag="p" textColor="danger600" role="status">
            {procedure.blocker}
          </Typography>
        ) : null}
        {(['report', 'response'] as const).map((kind) =>
          !procedure.actions[kind].allowed && procedure.actions[kind].reason && !procedure.reports.some((r) => r.kind === kind) ? (
            <Typography key={kind} tag="p" textColor="neutral600">
              {procedure.actions[kind].reason}
            </Typography>
          ) : null
        )}
      </Box>

      <Box>
        <Typography variant="delta" tag="h3">
          {t('procedures.calendar')}
        </Typography>
        <Table colCount={3} rowCount={procedure.procedure.calendar.length + 1}>
          <Thead>
            <Tr>
              {(['step', 'date', 'article'] as const).map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`procedures.calendar.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {procedure.procedure.calendar.map((item) => (
              <Tr key={item.key} data-testid="calendar-row">
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{item.label}</Typography>
                </Td>
                <Td>
                  <Typography>{`${t(`procedures.bound.${item.bound}`)} ${day(item.date)}`}</Typography>
                </Td>
                <Td>
                  <Typography>{item.article ?? '—'}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>

      {procedure.procedure.notice ? (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('procedures.notice', { article: procedure.procedure.notice.article })}
          </Typography>
          <Box tag="ul" paddingTop={2}>
            {procedure.procedure.notice.mentions.map((m) => (
              <Box tag="li" key={m.key} paddingBottom={2} data-testid="notice-mention">
                <Flex gap={2} alignItems="baseline">
                  <Badge backgroundColor={m.text ? 'success100' : 'danger100'} textColor={m.text ? 'success700' : 'danger700'} style={{ fontWeight: 700 }}>
                    {t(m.text ? 'procedures.notice.written' : 'procedures.notice.absent')}
                  </Badge>
                  <Typography fontWeight="bold">{m.label.charAt(0).toUpperCase() + m.label.slice(1)}</Typography>
                </Flex>
                <Typography tag="p" textColor={m.text ? 'neutral800' : 'danger600'}>
                  {m.text ?? t('procedures.notice.missing')}
                </Typography>
              </Box>
            ))}
          </Box>
        </Box>
      ) : null}

      <Box>
        <Typography variant="delta" tag="h3">
          {t('procedures.summary')}
        </Typography>
        <Typography tag="p" textColor={procedure.procedure.dossierSummary ? 'neutral800' : 'neutral600'} style={{ whiteSpace: 'pre-line' }}>
          {procedure.procedure.dossierSummary ?? t('procedures.summary.missing')}
        </Typography>
      </Box>

      {procedure.reports.length ? (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('procedures.documents')}
          </Typography>
          {procedure.reports.map((r) => (
            <Box key={r.kind} paddingTop={2} data-testid="procedure-report">
              <Typography fontWeight="bold" tag="p">{`${r.label} : ${r.title} (${day(r.date)})`}</Typography>
              <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
                {r.body}
              </Typography>
            </Box>
          ))}
        </Box>
      ) : null}

      <Box>
        <Typography variant="delta" tag="h3">
          {t('procedures.register', { count: procedure.observations })}
        </Typography>
        <Table colCount={5} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              {(['number', 'receivedAt', 'channel', 'status', 'text'] as const).map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`procedures.observation.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((o) => (
              <Tr key={o.number} data-testid="observation-row">
                <Td>
                  <Typography fontWeight="bold">{`n° ${o.number}`}</Typography>
                </Td>
                <Td>
                  <Typography>{dateTime(o.receivedAt)}</Typography>
                </Td>
                <Td>
                  <Typography>{t(`procedures.channel.${o.channel as 'web'}`)}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Badge>{t(`procedures.observation.status.${o.status as 'published'}`)}</Badge>
                  {o.moderationReason ? <Typography tag="p">{o.moderationReason}</Typography> : null}
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography fontWeight="bold" tag="p">
                    {o.title}
                  </Typography>
                  <Typography tag="p">{o.body}</Typography>
                  {o.scans.map((scan) => (
                    <Typography key={scan.sha256 + scan.name} tag="p" variant="pi" data-testid="observation-scan">
                      <a href={scan.url} target="_blank" rel="noreferrer">
                        {t('procedures.scan.link', { name: scan.name, size: Math.max(1, Math.round(scan.bytes / 1024)) })}
                      </a>
                      {` — ${t(scan.publishable ? 'procedures.scan.public' : 'procedures.scan.private')}`}
                    </Typography>
                  ))}
                  {procedure.actions.scan.allowed && o.channel !== 'web' ? (
                    <Button variant="tertiary" size="S" onClick={() => setScanning(o.number)}>
                      {t('procedures.scan.open', { number: o.number })}
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {pagination && pagination.pageCount > 1 ? (
          <Flex gap={2} paddingTop={2}>
            <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('procedures.previous')}
            </Button>
            <Typography>{`${page} / ${pagination.pageCount}`}</Typography>
            <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
              {t('procedures.next')}
            </Button>
          </Flex>
        ) : null}
      </Box>
      {scanning !== null ? (
        <ScanDialog
          documentId={documentId}
          number={scanning}
          onClose={(saved) => {
            setScanning(null);
            if (saved) void observations.reload();
          }}
        />
      ) : null}
      {publishing ? (
        <ReportDialog
          procedure={procedure}
          kind={publishing}
          onClose={(saved) => {
            setPublishing(null);
            if (saved) void sheet.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}
