import * as React from 'react';
import { Box, Button, Flex, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';
import { PetitionDetail } from './PetitionDetail';
import { type Grouping, type Scheme } from './types';
import { usePetitionSchemes, useTerritoryGroupings } from './data';
import { usePermissions } from '../utils/usePermissions';
import { GroupingImport } from './GroupingImport';
import { PetitionList } from './PetitionList';
import { SchemeDialog } from './SchemeDialog';

/** « Pétitions » in the Participation area: the admissibility and appeal queue, a petition's handling, schemes, groupings. */
export function PetitionsPage() {
  const t = useT();
  const { allowedActions, isLoading } = usePermissions({ petitions: PERMISSIONS.petitions });
  const [open, setOpen] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<Scheme | 'new' | null>(null);

  const schemeList = usePetitionSchemes(!!allowedActions.canPetitions);
  const groupingList = useTerritoryGroupings(!!allowedActions.canPetitions);
  const schemes: Scheme[] = schemeList.data?.data ?? [];
  const groupings: Grouping[] = groupingList.data?.data ?? [];
  const { reload: reloadSchemes } = schemeList;
  const { reload: reloadGroupings } = groupingList;
  const loadSettings = React.useCallback(async () => {
    await Promise.all([reloadSchemes(), reloadGroupings()]);
  }, [reloadSchemes, reloadGroupings]);

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canPetitions) return <Page.NoPermissions />;

  return (
    <Page.Main>
      <Page.Title>{t('petitions.title')}</Page.Title>
      <Layouts.Header title={t('petitions.title')} subtitle={t('petitions.subtitle')} />
      <Layouts.Content>
        <Tabs.Root defaultValue="petitions">
          <Tabs.List aria-label={t('petitions.title')}>
            <Tabs.Trigger value="petitions">{t('petitions.tab.petitions')}</Tabs.Trigger>
            <Tabs.Trigger value="schemes">{t('petitions.tab.schemes')}</Tabs.Trigger>
            <Tabs.Trigger value="groupings">{t('petitions.tab.groupings')}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="petitions">
            <Box paddingTop={4}>
              {open ? <PetitionDetail documentId={open} onBack={() => setOpen(null)} /> : <PetitionList schemes={schemes} onOpen={setOpen} />}
            </Box>
          </Tabs.Content>
          <Tabs.Content value="schemes">
            <Box paddingTop={4}>
              <Flex justifyContent="flex-end" paddingBottom={4}>
                <Button onClick={() => setEditing('new')}>{t('petitions.scheme.new')}</Button>
              </Flex>
              <Table colCount={5} rowCount={schemes.length + 1}>
                <Thead>
                  <Tr>
                    {(['name', 'grouping', 'stages', 'retentionDays', 'actions'] as const).map((c) => (
                      <Th key={c}>
                        <Typography variant="sigma">{t(`petitions.scheme.column.${c}`)}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {schemes.map((s) => (
                    <Tr key={s.documentId} data-testid="scheme-row">
                      <Td style={{ whiteSpace: 'normal' }}>
                        <Typography fontWeight="bold">{s.name}</Typography>
                      </Td>
                      <Td>
                        <Typography>{groupings.find((g) => g.key === s.groupingKey)?.name ?? '—'}</Typography>
                      </Td>
                      <Td style={{ whiteSpace: 'normal' }}>
                        <Typography>{s.stages.map((st) => st.label).join(' ; ')}</Typography>
                      </Td>
                      <Td>
                        <Typography>{t('petitions.scheme.days', { count: s.retentionDays })}</Typography>
                      </Td>
                      <Td>
                        <Button size="S" variant="tertiary" onClick={() => setEditing(s)} aria-label={t('petitions.scheme.edit.of', { name: s.name })}>
                          {t('petitions.scheme.edit')}
                        </Button>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          </Tabs.Content>
          <Tabs.Content value="groupings">
            <Box paddingTop={4}>
              <Table colCount={3} rowCount={groupings.length + 1}>
                <Thead>
                  <Tr>
                    {(['name', 'source', 'territories'] as const).map((c) => (
                      <Th key={c}>
                        <Typography variant="sigma">{t(`petitions.grouping.column.${c}`)}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {groupings.map((g) => (
                    <Tr key={g.key} data-testid="grouping-row">
                      <Td>
                        <Typography fontWeight="bold">{`${g.name} (${g.key})`}</Typography>
                      </Td>
                      <Td>
                        <Typography>{t(`petitions.grouping.source.${g.source}`)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{g.territoriesCount}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <GroupingImport onDone={loadSettings} />
            </Box>
          </Tabs.Content>
        </Tabs.Root>
        {editing ? (
          <SchemeDialog
            scheme={editing === 'new' ? null : editing}
            groupings={groupings}
            onClose={(saved) => {
              setEditing(null);
              if (saved) loadSettings();
            }}
          />
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
}
