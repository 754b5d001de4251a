import * as React from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { usePermissions } from '../utils/usePermissions';
import { useT } from '../utils/useT';
import type { Definition } from '../../../shared/questionnaire';
import { useQuestionnaire, useQuestionnaireList } from './data';
import { PaperResponseDialog } from './PaperResponseDialog';
import { QuestionnaireBuilder } from './QuestionnaireBuilder';
import { QuestionnaireResults } from './QuestionnaireResults';

type View = { kind: 'list' } | { kind: 'build'; documentId: string | null } | { kind: 'results'; documentId: string };

/** « Questionnaires » in the Participation area: the list with responses by channel, the builder, the results, paper entry. */
export function QuestionnairesPage() {
  const t = useT();
  const { allowedActions, isLoading } = usePermissions({ questionnaires: PERMISSIONS.questionnaires });
  const list = useQuestionnaireList(!!allowedActions.canQuestionnaires);
  const [view, setView] = React.useState<View>({ kind: 'list' });
  const [paper, setPaper] = React.useState(false);
  const current = useQuestionnaire(view.kind === 'list' ? null : view.documentId);
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canQuestionnaires) return <Page.NoPermissions />;
  const rows = list.data?.data ?? [];
  const back = () => {
    setView({ kind: 'list' });
    void list.reload();
  };
  const detail = current.data?.data ?? null;
  return (
    <Page.Main>
      <Page.Title>{t('questionnaires.title')}</Page.Title>
      <Layouts.Header
        title={view.kind === 'list' ? t('questionnaires.title') : (detail?.title ?? t('questionnaires.new'))}
        subtitle={t('questionnaires.subtitle')}
        primaryAction={
          view.kind === 'list' ? <Button onClick={() => setView({ kind: 'build', documentId: null })}>{t('questionnaires.new')}</Button> : undefined
        }
      />
      <Layouts.Content>
        {view.kind === 'build' && (view.documentId === null || detail) ? (
          <QuestionnaireBuilder
            key={view.documentId ?? 'new'}
            questionnaire={view.documentId ? detail : null}
            onDone={(documentId) => {
              if (!documentId) back();
              else {
                setView({ kind: 'build', documentId });
                void current.reload();
              }
            }}
          />
        ) : null}
        {view.kind === 'results' && detail ? (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Flex gap={2}>
              <Button variant="tertiary" onClick={back}>
                {t('questionnaires.back')}
              </Button>
              <Button variant="secondary" onClick={() => setPaper(true)} disabled={detail.state === 'draft' || detail.state === 'upcoming'}>
                {t('questionnaires.paper.open')}
              </Button>
            </Flex>
            <QuestionnaireResults key={String(paper)} documentId={detail.documentId} slug={detail.slug} />
            {paper ? <PaperResponseDialog documentId={detail.documentId} definition={detail.definition as Definition} onClose={() => setPaper(false)} /> : null}
          </Flex>
        ) : null}
        {view.kind === 'list' ? (
          <Box>
            {list.data && rows.length === 0 ? <Typography tag="p">{t('questionnaires.empty')}</Typography> : null}
            <Table colCount={4} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {(['title', 'state', 'respondents', 'actions'] as const).map((c) => (
                    <Th key={c}>
                      <Typography variant="sigma">{t(`questionnaires.column.${c}`)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((q) => (
                  <Tr key={q.documentId} data-testid="questionnaire-row">
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography fontWeight="bold">{q.title}</Typography>
                    </Td>
                    <Td>
                      <Typography>{q.stateLabel}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {t('questionnaires.results.respondents', { total: q.respondents.total, online: q.respondents.online, paper: q.respondents.paper })}
                      </Typography>
                    </Td>
                    <Td>
                      <Flex gap={2}>
                        <Button
                          size="S"
                          variant="tertiary"
                          onClick={() => setView({ kind: 'build', documentId: q.documentId })}
                          aria-label={t('questionnaires.edit.of', { title: q.title })}
                        >
                          {t('questionnaires.edit')}
                        </Button>
                        <Button
                          size="S"
                          variant="tertiary"
                          onClick={() => setView({ kind: 'results', documentId: q.documentId })}
                          aria-label={t('questionnaires.results.of', { title: q.title })}
                        >
                          {t('questionnaires.results')}
                        </Button>
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
}
