import * as React from 'react';
import { Badge, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { dateTime } from '../utils/dates';
import { useT } from '../utils/useT';
import { usePermissions } from '../utils/usePermissions';
import { BudgetDetail } from './BudgetDetail';
import { ProcessDialog } from './ProcessDialog';
import type { Process } from './model';
import { useBudgetList } from './data';

/** « Budgets participatifs » in the Participation area: processes, their projects' moderation and analysis, paper ballots, results, follow-up. */
export function BudgetsPage() {
  const t = useT();
  const { allowedActions, isLoading } = usePermissions({ budgets: PERMISSIONS.budgets });
  const [open, setOpen] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<Process | 'new' | null>(null);
  const { data, reload: load } = useBudgetList(!!allowedActions.canBudgets);
  const list = data?.data ?? null;
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canBudgets) return <Page.NoPermissions />;
  return (
    <Page.Main>
      <Page.Title>{t('budgets.title')}</Page.Title>
      <Layouts.Header
        title={t('budgets.title')}
        subtitle={t('budgets.subtitle')}
        primaryAction={open ? undefined : <Button onClick={() => setEditing('new')}>{t('budgets.new')}</Button>}
      />
      <Layouts.Content>
        {open ? (
          <BudgetDetail documentId={open} onBack={() => setOpen(null)} />
        ) : !list ? (
          <Page.Loading />
        ) : (
          <Table colCount={4} rowCount={list.length + 1}>
            <Thead>
              <Tr>
                {(['name', 'stage', 'vote', 'actions'] as const).map((c) => (
                  <Th key={c}>
                    <Typography variant="sigma">{t(`budgets.list.${c}`)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {list.map((b) => (
                <Tr key={b.documentId} data-testid="budget-row">
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Typography fontWeight="bold">{b.name}</Typography>
                  </Td>
                  <Td>
                    <Badge>{t(`budgets.stage.${b.stage}`)}</Badge>
                  </Td>
                  <Td>
                    <Typography>{`${dateTime(b.voteOpensAt)} → ${dateTime(b.voteClosesAt)}`}</Typography>
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <Button size="S" variant="tertiary" onClick={() => setOpen(b.documentId)} aria-label={t('budgets.open.of', { name: b.name })}>
                        {t('petitions.open')}
                      </Button>
                      <Button size="S" variant="tertiary" onClick={() => setEditing(b)} aria-label={t('budgets.edit.of', { name: b.name })}>
                        {t('petitions.scheme.edit')}
                      </Button>
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {editing ? (
          <ProcessDialog
            process={editing === 'new' ? null : editing}
            onClose={(saved) => {
              setEditing(null);
              if (saved) load();
            }}
          />
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
}
