import * as React from 'react';
import { Badge, Box, Button, Flex, ProgressBar, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { usePetition } from './data';
import { PERMISSIONS } from '../permissions';
import { dateTime } from '../utils/dates';
import { saveDownload } from '../utils/saveDownload';
import { useT } from '../utils/useT';
import type { PetitionDetail as Detail } from './types';
import { usePermissions } from '../utils/usePermissions';
import { AnswerDialog } from './AnswerDialog';
import { PaperSignatureDialog } from './PaperSignatureDialog';
import { PetitionDecisionDialog } from './PetitionDecisionDialog';

const STATE_BADGE = { in_progress: 'neutral', reached: 'success', missed: 'danger' } as const;

/** One petition as an agent handles it: text, decision, progress by stage and territory, paper checks, answer, history. */
export function PetitionDetail({ documentId, onBack }: { documentId: string; onBack: () => void }) {
  const t = useT();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = usePermissions({ exportSignatures: PERMISSIONS.petitionSignaturesExport });
  const [dialog, setDialog] = React.useState<'decision' | 'answer' | 'paper' | null>(null);
  const [exporting, setExporting] = React.useState(false);
  const headingRef = React.useRef<HTMLHeadingElement>(null);

  const { data, reload: load } = usePetition(documentId);
  const petition: Detail | null = data?.data ?? null;
  // The heading takes the focus once the petition is there, for keyboard and screen reader users.
  const arrived = petition !== null;
  React.useEffect(() => {
    if (arrived) headingRef.current?.focus();
  }, [arrived]);

  const closeDialog = (saved: boolean) => {
    setDialog(null);
    if (saved) load();
  };

  const verify = async (id: number, verified: boolean) => {
    try {
      await put(`/participation/petitions/${documentId}/paper-signatures/${id}`, { verified });
      toggleNotification({ type: 'success', message: t(verified ? 'petitions.paper.verified' : 'petitions.paper.rejected') });
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('error.load') });
    }
  };

  const exportSignatures = async () => {
    if (!petition || !window.confirm(t('petitions.export.confirm'))) return;
    setExporting(true);
    try {
      saveDownload(await get(`/participation/petitions/${documentId}/signatures.csv`, { responseType: 'blob' }), `signatures-${petition.slug}.csv`);
      toggleNotification({ type: 'success', message: t('petitions.export.done') });
    } catch {
      toggleNotification({ type: 'danger', message: t('exports.failed') });
    } finally {
      setExporting(false);
    }
  };

  if (!petition) return <Typography>{t('petitions.loading')}</Typography>;
  const decidable = petition.decisions.length > 0;
  const answerable = ['open', 'closed', 'answered'].includes(petition.status);

  return (
    <Flex direction="column" alignItems="stretch" gap={6} data-testid="petition-detail">
      <Box>
        <Button variant="tertiary" onClick={onBack}>
          {t('petitions.back')}
        </Button>
      </Box>
      <Box>
        <Typography variant="beta" tag="h2" ref={headingRef} tabIndex={-1}>
          {petition.title}
        </Typography>
        <Flex gap={2} paddingTop={2} wrap="wrap">
          <Badge data-testid="petition-status">{t(`petitions.status.${petition.status}` as 'petitions.status.open')}</Badge>
          <Typography variant="pi">{`${petition.scheme.name} · ${t(`petitions.authorKind.${petition.authorKind}` as 'petitions.authorKind.citizen')} : ${petition.authorName} · ${t(`petitions.channel.${petition.channel}` as 'petitions.channel.web')}`}</Typography>
          {petition.provenance ? <Typography variant="pi">{`${t('petitions.paper.provenance')} : ${petition.provenance}`}</Typography> : null}
        </Flex>
        <Box paddingTop={4}>
          <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
            {petition.body}
          </Typography>
        </Box>
      </Box>

      <Flex gap={2} wrap="wrap">
        {decidable ? (
          <Button onClick={() => setDialog('decision')}>{t(petition.status === 'under_appeal' ? 'petitions.action.appeal' : 'petitions.action.decide')}</Button>
        ) : null}
        {petition.status === 'open' ? (
          <Button variant="secondary" onClick={() => setDialog('paper')}>
            {t('petitions.action.paperSignature')}
          </Button>
        ) : null}
        {answerable ? (
          <Button variant="secondary" onClick={() => setDialog('answer')}>
            {t(petition.answer ? 'petitions.action.editAnswer' : 'petitions.action.answer')}
          </Button>
        ) : null}
        {allowedActions.canExportSignatures ? (
          <Button variant="tertiary" loading={exporting} onClick={exportSignatures}>
            {t('petitions.action.export')}
          </Button>
        ) : null}
      </Flex>

      {petition.decisionReason || petition.appealReason || petition.forwardedTo ? (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('petitions.decision.heading')}
          </Typography>
          {petition.forwardedTo ? <Typography tag="p">{`${t('petitions.decision.forwardedTo')} : ${petition.forwardedTo}`}</Typography> : null}
          {petition.decisionReason ? <Typography tag="p">{`${t('petitions.decision.reason')} : ${petition.decisionReason}`}</Typography> : null}
          {petition.appealReason ? <Typography tag="p">{`${t('petitions.appeal.reason')} : ${petition.appealReason}`}</Typography> : null}
          {petition.appealDecisionReason ? <Typography tag="p">{`${t('petitions.appeal.decision')} : ${petition.appealDecisionReason}`}</Typography> : null}
        </Box>
      ) : null}

      {petition.progress.length ? (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('petitions.progress', { count: petition.signaturesCount })}
          </Typography>
          {petition.paperPendingCount ? (
            <Typography tag="p" variant="pi">
              {t('petitions.paper.pendingCount', { count: petition.paperPendingCount })}
            </Typography>
          ) : null}
          {petition.progress.map((s) => (
            <Box key={s.key} paddingTop={3} data-testid="stage-progress">
              <Flex gap={2} alignItems="center">
                <Typography fontWeight="bold">{s.label}</Typography>
                <Badge backgroundColor={`${STATE_BADGE[s.state]}100`} textColor={`${STATE_BADGE[s.state]}700`}>
                  {t(`petitions.stage.${s.state}` as 'petitions.stage.reached')}
                </Badge>
              </Flex>
              <Typography variant="pi" tag="p">
                {t('petitions.stage.count', { count: s.count, required: s.required, deadline: dateTime(s.deadline) })}
              </Typography>
              <ProgressBar value={Math.min(100, Math.round((100 * s.count) / Math.max(1, s.required)))} aria-label={s.label} />
              {s.territories ? (
                <Typography variant="pi" tag="p">
                  {t('petitions.stage.territories', { reached: s.territories.reachedCount, required: s.territories.minTerritories })}
                  {s.territories.reached.length ? ` — ${s.territories.reached.map((x) => `${x.name} (${x.count})`).join(', ')}` : ''}
                </Typography>
              ) : null}
            </Box>
          ))}
        </Box>
      ) : null}

      {petition.pendingPaperSignatures.length ? (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('petitions.paper.pending')}
          </Typography>
          <Table colCount={5} rowCount={petition.pendingPaperSignatures.length + 1}>
            <Thead>
              <Tr>
                {(['name', 'communeCode', 'provenance', 'note', 'actions'] as const).map((c) => (
                  <Th key={c}>
                    <Typography variant="sigma">{t(`petitions.paper.column.${c}`)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {petition.pendingPaperSignatures.map((s) => (
                <Tr key={s.id} data-testid="paper-signature-row">
                  <Td>
                    <Typography>{s.name}</Typography>
                  </Td>
                  <Td>
                    <Typography>{s.territoryCode ? `${s.communeCode} (${s.territoryCode})` : s.communeCode}</Typography>
                  </Td>
                  <Td>
                    <Typography>{s.provenance ?? ''}</Typography>
                  </Td>
                  <Td>
                    <Typography>{s.note ?? ''}</Typography>
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <Button size="S" onClick={() => verify(s.id, true)} aria-label={t('petitions.paper.verify.of', { name: s.name })}>
                        {t('petitions.paper.verify')}
                      </Button>
                      <Button size="S" variant="danger-light" onClick={() => verify(s.id, false)} aria-label={t('petitions.paper.reject.of', { name: s.name })}>
                        {t('petitions.paper.reject')}
                      </Button>
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ) : null}

      {petition.answer ? (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('petitions.answer.heading', { date: dateTime(petition.answeredAt) })}
          </Typography>
          <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
            {petition.answer}
          </Typography>
        </Box>
      ) : null}

      <Box>
        <Typography variant="delta" tag="h3">
          {t('petitions.history')}
        </Typography>
        <Table colCount={4} rowCount={petition.history.length + 1}>
          <Thead>
            <Tr>
              {(['at', 'kind', 'actor', 'reason'] as const).map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`petitions.history.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {petition.history.map((h, i) => (
              <Tr key={i}>
                <Td>
                  <Typography>{dateTime(h.at)}</Typography>
                </Td>
                <Td>
                  <Typography>{`${t(`petitions.event.${h.kind}` as 'petitions.event.filed')}${h.stageKey ? ` (${petition.scheme.stages.find((s) => s.key === h.stageKey)?.label ?? h.stageKey})` : ''}`}</Typography>
                </Td>
                <Td>
                  <Typography>{h.actorName ?? '—'}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{h.reason ?? ''}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>

      {dialog === 'decision' ? <PetitionDecisionDialog petition={petition} onClose={closeDialog} /> : null}
      {dialog === 'answer' ? <AnswerDialog petition={petition} onClose={closeDialog} /> : null}
      {dialog === 'paper' ? <PaperSignatureDialog petition={petition} onClose={closeDialog} /> : null}
    </Flex>
  );
}
