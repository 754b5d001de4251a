import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import type { AdminAnswer } from '../api/types';

export function GroupingImport({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({ key: 'cantons', name: 'Cantons', csv: '' });
  const [errors, setErrors] = React.useState<Errors>({});
  const [report, setReport] = React.useState<string | null>(null);
  const { busy, run } = useSubmit(setErrors, onDone);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setV((x) => ({ ...x, csv: text }));
  };
  const submit = () =>
    run(async () => {
      const res = await post<AdminAnswer<'/territory-groupings', 'post'>>('/participation/territory-groupings', v);
      const d = res.data.data;
      setReport(
        t('petitions.grouping.report', {
          territories: d.territoriesCount,
          communes: d.communesCount,
          split: d.splitCommunes.length,
          missing: d.missingCommunes.length,
        })
      );
    }, t('petitions.grouping.imported'));
  return (
    <Box paddingTop={4}>
      <Typography variant="delta" tag="h3">
        {t('petitions.grouping.import')}
      </Typography>
      <Typography tag="p" variant="pi" textColor="neutral600">
        {t('petitions.grouping.import.hint')}
      </Typography>
      <Flex direction="column" alignItems="stretch" gap={3} paddingTop={2}>
        <Flex gap={4}>
          <TextField
            name="key"
            label={t('petitions.grouping.key')}
            value={v.key}
            onChange={(x) => setV((y) => ({ ...y, key: x }))}
            error={errors.key}
            required
          />
          <TextField
            name="name"
            label={t('petitions.grouping.name')}
            value={v.name}
            onChange={(x) => setV((y) => ({ ...y, name: x }))}
            error={errors.name}
            required
          />
        </Flex>
        <Box>
          <Typography tag="label" variant="pi" fontWeight="bold" htmlFor="grouping-file">
            {t('petitions.grouping.file')}
          </Typography>
          <Box paddingTop={1}>
            <input id="grouping-file" type="file" accept=".csv,text/csv" onChange={(e) => readFile(e.target.files?.[0])} />
          </Box>
        </Box>
        <TextField
          name="csv"
          label={t('petitions.grouping.csv')}
          value={v.csv}
          onChange={(x) => setV((y) => ({ ...y, csv: x }))}
          error={errors.csv}
          multiline
          required
        />
        {errors.form ? (
          <Typography role="alert" textColor="danger600">
            {errors.form}
          </Typography>
        ) : null}
        {report ? <Typography role="status">{report}</Typography> : null}
        <Box>
          <Button loading={busy} onClick={submit}>
            {t('petitions.grouping.submit')}
          </Button>
        </Box>
      </Flex>
    </Box>
  );
}
