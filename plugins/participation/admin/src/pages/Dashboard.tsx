import { Badge, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { TimelineChart } from '../components/TimelineChart';
import { STATE_BADGE } from '../consultations/Consultations';
import type { DashboardOverview } from '../api/types';
import { useDashboard } from '../consultations/data';
import { useT } from '../utils/useT';
import { dateTime } from '../utils/dates';

type Overview = DashboardOverview;

export function Dashboard() {
  const t = useT();
  const dashboard = useDashboard(30);
  const data: Overview | null = dashboard.data?.data ?? null;
  const error = dashboard.failed;

  if (error) return <Page.Error />;
  if (!data) return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>{t('dashboard.title')}</Page.Title>
      <Layouts.Header title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Typography variant="pi" textColor="neutral600">
            {t('dashboard.countedAt', { time: data.generatedAt ? dateTime(data.generatedAt) : '' })}
          </Typography>
          <TimelineChart
            days={data.timeline}
            title={t('dashboard.chart.title', { days: data.timeline.length })}
            labels={{ contributions: t('dashboard.chart.contributions'), supports: t('dashboard.chart.supports'), comments: t('dashboard.chart.comments') }}
          />
          <Table colCount={7} rowCount={data.consultations.length + 1}>
            <Thead>
              <Tr>
                {(['consultation', 'status', 'contributions', 'participants', 'supports', 'followers', 'pending'] as const).map((c) => (
                  <Th key={c}>
                    <Typography variant="sigma">{t(`dashboard.column.${c}`)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {data.consultations.map((c) => (
                <Tr key={c.documentId} data-testid="dashboard-row">
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Link to={`/content-manager/collection-types/plugin::participation.consultation/${c.documentId}`}>
                      <Typography fontWeight="bold" textColor="primary700">
                        {c.title}
                      </Typography>
                    </Link>
                  </Td>
                  <Td>
                    <Badge backgroundColor={STATE_BADGE[c.status].background} textColor={STATE_BADGE[c.status].text}>
                      {t(`state.${c.status}`)}
                    </Badge>
                  </Td>
                  <Td>
                    <Typography>{c.counts.contributions}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.counts.participants}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.counts.supports}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.counts.followers}</Typography>
                  </Td>
                  <Td>
                    <Typography fontWeight={c.pending ? 'bold' : undefined}>{c.pending}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
