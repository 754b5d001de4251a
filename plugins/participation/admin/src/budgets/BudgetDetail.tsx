import * as React from 'react';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { useBudget } from './data';
import { saveDownload } from '../utils/saveDownload';
import { useT } from '../utils/useT';
import { DecisionDialog } from './DecisionDialog';
import { FollowUpDialog } from './FollowUpDialog';
import { PaperBallotDialog } from './PaperBallotDialog';
import { PaperProjectDialog } from './PaperProjectDialog';
import { Detail, Project, euros } from './model';

export function BudgetDetail({ documentId, onBack }: { documentId: string; onBack: () => void }) {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [dialog, setDialog] = React.useState<{ kind: 'decision' | 'followUp'; project: Project } | { kind: 'ballot' | 'paperProject' } | null>(null);
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  const { data, reload: load } = useBudget(documentId);
  const detail: Detail | null = data?.data ?? null;
  // The heading takes the focus once the budget is there, for keyboard and screen reader users.
  const arrived = detail !== null;
  React.useEffect(() => {
    if (arrived) headingRef.current?.focus();
  }, [arrived]);
  const close = (saved: boolean) => {
    setDialog(null);
    if (saved) load();
  };
  const exportResults = async () => {
    try {
      saveDownload(await get(`/participation/budgets/${documentId}/results.csv`, { responseType: 'blob' }), `resultats-${detail?.slug}.csv`);
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('exports.failed') });
    }
  };
  if (!detail) return <Typography>{t('petitions.loading')}</Typography>;
  const p = detail.participation;
  return (
    <Flex direction="column" alignItems="stretch" gap={6} data-testid="budget-detail">
      <Box>
        <Button variant="tertiary" onClick={onBack}>
          {t('petitions.back')}
        </Button>
      </Box>
      <Box>
        <Typography variant="beta" tag="h2" ref={headingRef} tabIndex={-1}>
          {detail.name}
        </Typography>
        <Flex gap={2} paddingTop={2} wrap="wrap">
          <Badge data-testid="budget-stage">{t(`budgets.stage.${detail.stage}`)}</Badge>
          <Typography variant="pi">{t('budgets.participation', { web: p.web, paper: p.paper, blank: p.blank, rejected: p.rejectedPaperBallots })}</Typography>
        </Flex>
      </Box>
      <Flex gap={2} wrap="wrap">
        {['upcoming', 'filing', 'admissibility'].includes(detail.stage) ? (
          <Button variant="secondary" onClick={() => setDialog({ kind: 'paperProject' })}>
            {t('budgets.paper.project.title')}
          </Button>
        ) : null}
        {detail.stage === 'vote' ? (
          <Button variant="secondary" onClick={() => setDialog({ kind: 'ballot' })}>
            {t('budgets.paper.ballot.title')}
          </Button>
        ) : null}
        {detail.results ? (
          <Button variant="tertiary" onClick={exportResults}>
            {t('budgets.exportResults')}
          </Button>
        ) : null}
      </Flex>
      {!detail.countsVisible ? (
        <Typography variant="pi" textColor="neutral600">
          {t('budgets.countsHidden')}
        </Typography>
      ) : null}
      {detail.results ? (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('budgets.results', { spent: euros(detail.results.spent), remaining: euros(detail.results.remaining) })}
          </Typography>
          <ol>
            {detail.results.winners.map((w) => (
              <li key={w.documentId}>
                <Typography>{`${w.title} — ${w.votes} ${t('budgets.votes')} — ${euros(w.cost)} (${t(`budgets.reason.${w.reason}` as 'budgets.reason.general')})`}</Typography>
              </li>
            ))}
          </ol>
        </Box>
      ) : null}
      <Box>
        <Typography variant="delta" tag="h3">
          {t('budgets.projects')}
        </Typography>
        <Table colCount={6} rowCount={detail.projects.length + 1}>
          <Thead>
            <Tr>
              {(['title', 'cost', 'status', 'service', 'votes', 'actions'] as const).map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`budgets.column.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {detail.projects.map((project) => (
              <Tr key={project.documentId} data-testid="budget-project-row">
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography fontWeight="bold">{project.title}</Typography>
                  <Typography
                    variant="pi"
                    tag="p"
                  >{`${project.authorName} · ${project.communeName}${project.territoryName && project.territoryName !== project.communeName ? ` (${project.territoryName})` : ''}${project.channel === 'paper' ? ` · ${t('petitions.channel.paper')}` : ''}`}</Typography>
                </Td>
                <Td>
                  <Typography>{euros(project.cost)}</Typography>
                </Td>
                <Td>
                  <Badge>{t(`budgets.status.${project.status}`)}</Badge>
                  {project.isWinner ? (
                    <Badge backgroundColor="success100" textColor="success700">
                      {t('budgets.winner')}
                    </Badge>
                  ) : null}
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{project.assignedService ?? '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{project.votes ?? '—'}</Typography>
                </Td>
                <Td>
                  <Flex gap={1}>
                    {project.decisions.length ? (
                      <Button
                        size="S"
                        variant="tertiary"
                        onClick={() => setDialog({ kind: 'decision', project })}
                        aria-label={t('budgets.decide.of', { title: project.title })}
                      >
                        {t('budgets.decide')}
                      </Button>
                    ) : null}
                    {project.isWinner ? (
                      <Button
                        size="S"
                        variant="tertiary"
                        onClick={() => setDialog({ kind: 'followUp', project })}
                        aria-label={t('budgets.followUp.of', { title: project.title })}
                      >
                        {t('budgets.followUp')}
                      </Button>
                    ) : null}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
      {dialog?.kind === 'decision' ? (
        <DecisionDialog
          project={dialog.project}
          others={detail.projects.filter((x) => x.documentId !== dialog.project.documentId && x.status !== 'merged' && x.status !== 'rejected')}
          onClose={close}
        />
      ) : null}
      {dialog?.kind === 'followUp' ? <FollowUpDialog project={dialog.project} onClose={close} /> : null}
      {dialog?.kind === 'ballot' ? <PaperBallotDialog detail={detail} onClose={close} /> : null}
      {dialog?.kind === 'paperProject' ? <PaperProjectDialog detail={detail} onClose={close} /> : null}
    </Flex>
  );
}
