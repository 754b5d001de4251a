import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { saveDownload } from '../utils/saveDownload';
import { useT } from '../utils/useT';
import { useQuestionnaireFiles, useQuestionnaireResults, useQuestionnaireTexts, type QuestionnaireResults as Results } from './data';
import { Bars } from './Bars';

/** A size as people read it: « 312 ko », « 2,4 Mo ». */
const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} ko` : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/**
 * « Résultats » of a questionnaire, at any time: respondents by channel, each question's counts (choices, ranks with
 * their score, grid cells, notes), filtered by channel or declared age band; the charts to publish; free texts to
 * read; the export in CSV or XLSX.
 */
export function QuestionnaireResults({ documentId, slug }: { documentId: string; slug: string }) {
  const t = useT();
  const { put, get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [channel, setChannel] = React.useState('');
  const [ageBand, setAgeBand] = React.useState('');
  const query = new URLSearchParams({ ...(channel ? { channel } : {}), ...(ageBand ? { ageBand } : {}) }).toString();
  const { data, reload } = useQuestionnaireResults(documentId, query ? `?${query}` : '');
  const [charts, setCharts] = React.useState<string[] | null>(null);
  const [reading, setReading] = React.useState<string | null>(null);
  const texts = useQuestionnaireTexts(documentId, reading);
  const [opening, setOpening] = React.useState<string | null>(null);
  const files = useQuestionnaireFiles(documentId, opening);
  const results: Results | undefined = data?.data;
  if (!results) return <Typography>{t('questionnaires.loading')}</Typography>;
  const chosen = charts ?? results.publishedCharts;

  const publish = async () => {
    try {
      await put(`/participation/questionnaires/${documentId}/charts`, { questions: chosen });
      toggleNotification({ type: 'success', message: t('questionnaires.charts.done') });
      setCharts(null);
      void reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('error.load') });
    }
  };
  const openFile = async (file: { id: string; name: string }) => {
    try {
      const res = await get(`/participation/questionnaires/${documentId}/files/${file.id}`, { responseType: 'blob' });
      saveDownload(res, file.name);
    } catch (error) {
      toggleNotification({ type: 'danger', message: serverMessage(error) ?? t('error.load') });
    }
  };
  const download = async (format: 'csv' | 'xlsx') => {
    const res = await get(`/participation/questionnaires/${documentId}/export?format=${format}`, { responseType: 'blob' });
    saveDownload(res, `reponses-${slug}.${format}`);
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} wrap="wrap" alignItems="flex-end">
        <Typography variant="delta" tag="p" data-testid="respondents">
          {t('questionnaires.results.respondents', { total: results.respondents.total, online: results.respondents.online, paper: results.respondents.paper })}
        </Typography>
        <Field.Root name="channel">
          <Field.Label>{t('questionnaires.results.channel')}</Field.Label>
          <SingleSelect value={channel} onChange={(v: string | number) => setChannel(String(v))}>
            <SingleSelectOption value="">{t('questionnaires.results.all')}</SingleSelectOption>
            <SingleSelectOption value="online">{t('questionnaires.channel.online')}</SingleSelectOption>
            <SingleSelectOption value="paper">{t('questionnaires.channel.paper')}</SingleSelectOption>
          </SingleSelect>
        </Field.Root>
        <Field.Root name="ageBand">
          <Field.Label>{t('questionnaires.results.ageBand')}</Field.Label>
          <SingleSelect value={ageBand} onChange={(v: string | number) => setAgeBand(String(v))}>
            <SingleSelectOption value="">{t('questionnaires.results.all')}</SingleSelectOption>
            {results.ageBands.map((b) => (
              <SingleSelectOption key={b.key} value={b.key}>
                {b.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Button variant="secondary" onClick={() => void download('csv')}>
          {t('questionnaires.export.csv')}
        </Button>
        <Button variant="secondary" onClick={() => void download('xlsx')}>
          {t('questionnaires.export.xlsx')}
        </Button>
      </Flex>
      {results.repeatedSources.length ? (
        <Typography textColor="warning600" tag="p">
          {t('questionnaires.results.repeated', { n: results.repeatedSources.length, max: Math.max(...results.repeatedSources.map((s) => s.count)) })}
        </Typography>
      ) : null}
      {results.questions.map((q) => (
        <Box key={q.key} padding={4} background="neutral100" hasRadius tag="section" aria-label={q.label}>
          <Flex justifyContent="space-between" wrap="wrap" gap={2}>
            <Typography variant="omega" fontWeight="bold" tag="h3">
              {q.label}
            </Typography>
            <Typography>{t('questionnaires.results.answered', { n: q.answered })}</Typography>
          </Flex>
          {q.options ? <Bars bars={q.options} of={q.answered} /> : null}
          {q.ranking ? (
            <Bars
              bars={q.ranking.map((r) => ({
                key: r.key,
                label: `${r.label} — ${t('questionnaires.results.score', { score: r.score })}`,
                count: r.positions[0] ?? 0,
              }))}
              of={q.answered}
            />
          ) : null}
          {q.rows?.map((row) => (
            <Box key={row.key} paddingTop={2}>
              <Typography fontWeight="semiBold">{row.label}</Typography>
              <Bars bars={row.columns} of={q.answered} />
            </Box>
          ))}
          {q.stats ? <Typography tag="p">{t('questionnaires.results.stats', { mean: q.stats.mean, min: q.stats.min, max: q.stats.max })}</Typography> : null}
          <Flex gap={4} paddingTop={2}>
            {q.chart !== 'none' ? (
              <Checkbox
                checked={chosen.includes(q.key)}
                onCheckedChange={(c: boolean | 'indeterminate') => setCharts(c === true ? [...chosen, q.key] : chosen.filter((k) => k !== q.key))}
              >
                {t('questionnaires.charts.publish')}
              </Checkbox>
            ) : null}
            {q.type === 'short_text' || q.type === 'long_text' || (q.options ?? []).some((o) => o.key === 'autre') ? (
              <Button variant="tertiary" size="S" onClick={() => setReading(reading === q.key ? null : q.key)}>
                {t('questionnaires.texts.read')}
              </Button>
            ) : null}
            {q.type === 'file' ? (
              <Button variant="tertiary" size="S" onClick={() => setOpening(opening === q.key ? null : q.key)}>
                {t('questionnaires.files.read')}
              </Button>
            ) : null}
          </Flex>
          {opening === q.key ? (
            <Box tag="ul" paddingTop={2} data-testid="files">
              {(files.data?.data ?? []).map((f) => (
                <Box tag="li" key={f.id} paddingTop={1}>
                  <Flex gap={2} alignItems="center">
                    <Typography>
                      {t('questionnaires.files.row', {
                        name: f.name,
                        size: sizeOf(f.bytes),
                        response: f.response,
                        channel: t(`questionnaires.channel.${f.channel}`),
                      })}
                    </Typography>
                    <Button variant="secondary" size="S" onClick={() => void openFile(f)} aria-label={t('questionnaires.files.openNamed', { name: f.name })}>
                      {t('questionnaires.files.open')}
                    </Button>
                  </Flex>
                </Box>
              ))}
              {files.data && !files.data.data.length ? <Typography>{t('questionnaires.files.none')}</Typography> : null}
            </Box>
          ) : null}
          {reading === q.key ? (
            <Box tag="ul" paddingTop={2} data-testid="texts">
              {(texts.data?.data ?? []).map((x, i) => (
                <Box tag="li" key={`${x.at}-${i}`}>
                  <Typography>
                    « {x.text} » ({t(`questionnaires.channel.${x.channel}`)})
                  </Typography>
                </Box>
              ))}
              {texts.data && !texts.data.data.length ? <Typography>{t('questionnaires.texts.none')}</Typography> : null}
            </Box>
          ) : null}
        </Box>
      ))}
      <Box>
        <Button onClick={() => void publish()} disabled={charts === null}>
          {t('questionnaires.charts.save')}
        </Button>
      </Box>
    </Flex>
  );
}
