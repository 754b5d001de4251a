import * as React from 'react';
import { Box, Button, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { usePermissions } from '../utils/usePermissions';
import { useT } from '../utils/useT';
import { useProcedureList } from './data';
import { ProcedureDetail } from './ProcedureDetail';

/**
 * « Procédures » in the Participation area: the legal procedures the person follows (all of them for agents, those
 * they oversee for a garant or commissaire enquêteur), with what each waits for, and one procedure's register.
 */
export function ProceduresPage() {
  const t = useT();
  const { allowedActions, isLoading } = usePermissions({ procedures: PERMISSIONS.procedures });
  const [open, setOpen] = React.useState<string | null>(null);
  const list = useProcedureList(!!allowedActions.canProcedures);
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canProcedures) return <Page.NoPermissions />;
  const procedures = list.data?.data ?? [];
  return (
    <Page.Main>
      <Page.Title>{t('procedures.title')}</Page.Title>
      <Layouts.Header title={t('procedures.title')} subtitle={t('procedures.subtitle')} />
      <Layouts.Content>
        {open ? (
          <ProcedureDetail
            documentId={open}
            onBack={() => {
              setOpen(null);
              void list.reload();
            }}
          />
        ) : (
          <Box>
            {list.data && procedures.length === 0 ? <Typography tag="p">{t('procedures.empty')}</Typography> : null}
            <Table colCount={5} rowCount={procedures.length + 1}>
              <Thead>
                <Tr>
                  {(['title', 'procedure', 'status', 'observations', 'actions'] as const).map((c) => (
                    <Th key={c}>
                      <Typography variant="sigma">{t(`procedures.column.${c}`)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {procedures.map((p) => (
                  <Tr key={p.documentId} data-testid="procedure-row">
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography fontWeight="bold">{p.title}</Typography>
                      {p.blocker ? (
                        <Typography tag="p" textColor="danger600">
                          {p.blocker}
                        </Typography>
                      ) : null}
                    </Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography>{p.procedure.label}</Typography>
                    </Td>
                    <Td>
                      <Typography>{t(`procedures.status.${p.status as 'open'}`)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{p.observations}</Typography>
                    </Td>
                    <Td>
                      <Button size="S" variant="tertiary" onClick={() => setOpen(p.documentId)} aria-label={t('procedures.open.of', { title: p.title })}>
                        {t('procedures.open')}
                      </Button>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
