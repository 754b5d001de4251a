import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import type { Pagination } from '../api/types';
import { FormDialog } from '../components/FormDialog';
import { PERMISSIONS } from '../permissions';
import { dateTime } from '../utils/dates';
import { useT } from '../utils/useT';
import { TextField, useSubmit } from '../components/FormFields';
import { PetitionDetail } from './PetitionDetail';
import { PETITION_STATUSES, TRIGGERS, type Grouping, type PetitionRow, type PetitionStatus, type Scheme, type Stage } from './types';
import { CommuneField } from '../components/CommuneField';
import { usePermissions } from '../utils/usePermissions';

type Errors = Record<string, string | undefined>;

function PaperPetitionDialog({ schemes, onClose }: { schemes: Scheme[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({
    scheme: schemes[0]?.slug ?? '',
    title: '',
    body: '',
    authorKind: 'citizen',
    authorName: '',
    provenance: '',
    communeCode: '',
  });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post('/participation/petitions', {
          scheme: v.scheme,
          title: v.title.trim(),
          body: v.body.trim(),
          authorKind: v.authorKind,
          authorName: v.authorName.trim(),
          provenance: v.provenance.trim(),
          ...(v.communeCode.trim() ? { communeCode: v.communeCode.trim() } : {}),
        }),
      t('petitions.paper.petition.done')
    );
  return (
    <FormDialog
      title={t('petitions.paper.petition.title')}
      submitLabel={t('petitions.paper.petition.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Field.Root name="scheme" required error={errors.scheme}>
        <Field.Label>{t('petitions.column.scheme')}</Field.Label>
        <SingleSelect value={v.scheme} onChange={(x: string | number) => set('scheme')(String(x))}>
          {schemes.map((s) => (
            <SingleSelectOption key={s.slug} value={s.slug}>
              {s.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
      </Field.Root>
      <TextField name="title" label={t('petitions.field.title')} value={v.title} onChange={set('title')} error={errors.title} required />
      <TextField name="body" label={t('petitions.field.body')} value={v.body} onChange={set('body')} error={errors.body} multiline required />
      <Field.Root name="authorKind" required>
        <Field.Label>{t('petitions.field.authorKind')}</Field.Label>
        <SingleSelect value={v.authorKind} onChange={(x: string | number) => set('authorKind')(String(x))}>
          {(['citizen', 'association', 'collective'] as const).map((k) => (
            <SingleSelectOption key={k} value={k}>
              {t(`petitions.authorKind.${k}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <TextField
        name="authorName"
        label={t('petitions.field.authorName')}
        value={v.authorName}
        onChange={set('authorName')}
        error={errors.authorName}
        required
      />
      <TextField
        name="provenance"
        label={t('petitions.paper.provenance')}
        hint={t('petitions.paper.petition.provenance.hint')}
        value={v.provenance}
        onChange={set('provenance')}
        error={errors.provenance}
        required
      />
      <CommuneField
        name="communeCode"
        label={t('petitions.paper.communeCode')}
        value={v.communeCode}
        onChange={set('communeCode')}
        error={errors.communeCode}
      />
    </FormDialog>
  );
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));
type StageDraft = {
  key: string;
  label: string;
  mode: 'count' | 'ratio';
  amount: string;
  withinDays: string;
  minTerritories: string;
  perTerritory: string;
  triggers: string;
};
const draftOf = (s: Stage): StageDraft => ({
  key: s.key,
  label: s.label,
  mode: s.populationRatio ? 'ratio' : 'count',
  amount: String(s.populationRatio ?? s.signatures ?? ''),
  withinDays: String(s.withinDays),
  minTerritories: s.minTerritories ? String(s.minTerritories) : '',
  perTerritory: s.perTerritory ? String(s.perTerritory) : '',
  triggers: s.triggers,
});
const stageOf = (d: StageDraft) => ({
  key: d.key.trim(),
  label: d.label.trim(),
  ...(d.mode === 'ratio' ? { populationRatio: num(d.amount) } : { signatures: num(d.amount) }),
  withinDays: num(d.withinDays),
  ...(num(d.minTerritories) !== undefined ? { minTerritories: num(d.minTerritories) } : {}),
  ...(num(d.perTerritory) !== undefined ? { perTerritory: num(d.perTerritory) } : {}),
  triggers: d.triggers,
});

/** A scheme's settings: what the public reads (criteria), who may sign, its grouping, retention, and its threshold stages. */
function SchemeDialog({ scheme, groupings, onClose }: { scheme: Scheme | null; groupings: Grouping[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const [v, setV] = React.useState({
    name: scheme?.name ?? '',
    slug: scheme?.slug ?? '',
    kind: scheme?.kind ?? 'petition',
    description: scheme?.description ?? '',
    criteria: scheme?.criteria ?? '',
    minimumAge: String(scheme?.minimumAge ?? 16),
    groupingKey: scheme?.groupingKey ?? '',
    retentionDays: String(scheme?.retentionDays ?? 365),
    acceptsPetitions: scheme?.acceptsPetitions ?? true,
  });
  const [stages, setStages] = React.useState<StageDraft[]>(
    scheme?.stages.map(draftOf) ?? [
      { key: 'dialogue', label: '', mode: 'count', amount: '100', withinDays: '90', minTerritories: '', perTerritory: '', triggers: 'dialogue_meeting' },
    ]
  );
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const setStage = (i: number, k: keyof StageDraft) => (value: string) => setStages((all) => all.map((s, j) => (j === i ? { ...s, [k]: value } : s)));
  const submit = () => {
    const body = {
      name: v.name.trim(),
      slug: v.slug.trim(),
      kind: v.kind,
      description: v.description.trim() || null,
      criteria: v.criteria.trim() || null,
      minimumAge: num(v.minimumAge),
      groupingKey: v.groupingKey || null,
      retentionDays: num(v.retentionDays),
      acceptsPetitions: v.acceptsPetitions,
      stages: stages.map(stageOf),
    };
    run(
      () => (scheme ? put(`/participation/petition-schemes/${scheme.documentId}`, body) : post('/participation/petition-schemes', body)),
      t('petitions.scheme.saved')
    );
  };
  return (
    <FormDialog
      title={t(scheme ? 'petitions.scheme.edit' : 'petitions.scheme.new')}
      submitLabel={t('petitions.scheme.save')}
      busy={busy}
      error={errors.form ?? errors.stages}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField name="name" label={t('petitions.scheme.name')} value={v.name} onChange={set('name')} error={errors.name} required />
      <TextField
        name="slug"
        label={t('petitions.scheme.slug')}
        hint={t('petitions.scheme.slug.hint')}
        value={v.slug}
        onChange={set('slug')}
        error={errors.slug}
        required
      />
      <Field.Root name="kind" required>
        <Field.Label>{t('petitions.scheme.kind')}</Field.Label>
        <SingleSelect value={v.kind} onChange={(x: string | number) => set('kind')(String(x))}>
          <SingleSelectOption value="petition">{t('petitions.scheme.kind.petition')}</SingleSelectOption>
          <SingleSelectOption value="interpellation">{t('petitions.scheme.kind.interpellation')}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <TextField
        name="description"
        label={t('petitions.scheme.description')}
        value={v.description}
        onChange={set('description')}
        error={errors.description}
        multiline
      />
      <TextField
        name="criteria"
        label={t('petitions.scheme.criteria')}
        hint={t('petitions.scheme.criteria.hint')}
        value={v.criteria}
        onChange={set('criteria')}
        error={errors.criteria}
        multiline
      />
      <Flex gap={4}>
        <TextField
          name="minimumAge"
          type="number"
          label={t('petitions.scheme.minimumAge')}
          value={v.minimumAge}
          onChange={set('minimumAge')}
          error={errors.minimumAge}
          required
        />
        <TextField
          name="retentionDays"
          type="number"
          label={t('petitions.scheme.retentionDays')}
          hint={t('petitions.scheme.retentionDays.hint')}
          value={v.retentionDays}
          onChange={set('retentionDays')}
          error={errors.retentionDays}
          required
        />
      </Flex>
      <Field.Root name="groupingKey" error={errors.groupingKey} hint={t('petitions.scheme.grouping.hint')}>
        <Field.Label>{t('petitions.scheme.grouping')}</Field.Label>
        <SingleSelect value={v.groupingKey} onChange={(x: string | number) => set('groupingKey')(String(x))}>
          <SingleSelectOption value="">{t('petitions.scheme.grouping.none')}</SingleSelectOption>
          {groupings.map((g) => (
            <SingleSelectOption key={g.key} value={g.key}>{`${g.name} (${g.territoriesCount})`}</SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Checkbox checked={v.acceptsPetitions} onCheckedChange={(c: boolean | 'indeterminate') => setV((x) => ({ ...x, acceptsPetitions: c === true }))}>
        {t('petitions.scheme.accepts')}
      </Checkbox>
      <Typography variant="delta" tag="h3">
        {t('petitions.scheme.stages')}
      </Typography>
      {stages.map((s, i) => (
        <Box key={i} padding={3} hasRadius borderColor="neutral200" data-testid="stage-editor">
          <Flex justifyContent="space-between">
            <Typography fontWeight="bold">{t('petitions.scheme.stage', { n: i + 1 })}</Typography>
            <IconButton
              label={t('petitions.scheme.stage.remove', { n: i + 1 })}
              onClick={() => setStages((all) => all.filter((_, j) => j !== i))}
              disabled={stages.length === 1}
            >
              <Trash />
            </IconButton>
          </Flex>
          <Flex gap={2} wrap="wrap" alignItems="flex-start">
            <TextField name={`stages.${i}.key`} label={t('petitions.stage.key')} value={s.key} onChange={setStage(i, 'key')} required />
            <TextField name={`stages.${i}.label`} label={t('petitions.stage.label')} value={s.label} onChange={setStage(i, 'label')} required />
            <Field.Root name={`stages.${i}.mode`}>
              <Field.Label>{t('petitions.stage.mode')}</Field.Label>
              <SingleSelect value={s.mode} onChange={(x: string | number) => setStage(i, 'mode')(String(x))}>
                <SingleSelectOption value="count">{t('petitions.stage.mode.count')}</SingleSelectOption>
                <SingleSelectOption value="ratio">{t('petitions.stage.mode.ratio')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
            <TextField
              name={`stages.${i}.amount`}
              label={t(s.mode === 'ratio' ? 'petitions.stage.ratio' : 'petitions.stage.signatures')}
              value={s.amount}
              onChange={setStage(i, 'amount')}
              required
            />
            <TextField
              name={`stages.${i}.withinDays`}
              type="number"
              label={t('petitions.stage.withinDays')}
              value={s.withinDays}
              onChange={setStage(i, 'withinDays')}
              required
            />
            <TextField
              name={`stages.${i}.minTerritories`}
              type="number"
              label={t('petitions.stage.minTerritories')}
              value={s.minTerritories}
              onChange={setStage(i, 'minTerritories')}
            />
            <TextField
              name={`stages.${i}.perTerritory`}
              type="number"
              label={t('petitions.stage.perTerritory')}
              value={s.perTerritory}
              onChange={setStage(i, 'perTerritory')}
            />
            <Field.Root name={`stages.${i}.triggers`}>
              <Field.Label>{t('petitions.stage.triggers')}</Field.Label>
              <SingleSelect value={s.triggers} onChange={(x: string | number) => setStage(i, 'triggers')(String(x))}>
                {TRIGGERS.map((tr) => (
                  <SingleSelectOption key={tr} value={tr}>
                    {t(`petitions.trigger.${tr}`)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Flex>
        </Box>
      ))}
      <Box>
        <Button
          variant="secondary"
          onClick={() =>
            setStages((all) => [
              ...all,
              {
                key: `etape-${all.length + 1}`,
                label: '',
                mode: 'count',
                amount: '',
                withinDays: '365',
                minTerritories: '',
                perTerritory: '',
                triggers: 'official_answer',
              },
            ])
          }
        >
          {t('petitions.scheme.stage.add')}
        </Button>
      </Box>
    </FormDialog>
  );
}

function GroupingImport({ onDone }: { onDone: () => void }) {
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
      const res = await post<{ data: { territoriesCount: number; communesCount: number; splitCommunes: string[]; missingCommunes: string[] } }>(
        '/participation/territory-groupings',
        v
      );
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

function PetitionList({ schemes, onOpen }: { schemes: Scheme[]; onOpen: (documentId: string) => void }) {
  const t = useT();
  const { get } = useFetchClient();
  const [status, setStatus] = React.useState<PetitionStatus | ''>('');
  const [page, setPage] = React.useState(1);
  const [result, setResult] = React.useState<{ data: PetitionRow[]; meta: { pagination: Pagination; counts: Record<PetitionStatus, number> } } | null>(null);
  const [entering, setEntering] = React.useState(false);
  const load = React.useCallback(async () => {
    const q = new URLSearchParams({ page: String(page), pageSize: '50', ...(status ? { status } : {}) });
    const res = await get<{ data: PetitionRow[]; meta: { pagination: Pagination; counts: Record<PetitionStatus, number> } }>(`/participation/petitions?${q}`);
    setResult(res.data);
  }, [get, status, page]);
  React.useEffect(() => {
    load();
  }, [load]);
  return (
    <Box>
      <Flex gap={4} alignItems="flex-end" paddingBottom={4} wrap="wrap" justifyContent="space-between">
        <Flex gap={2} wrap="wrap" alignItems="flex-end">
          {result ? (
            <>
              <Badge data-testid="petitions-to-review">{t('petitions.count.submitted', { count: result.meta.counts.submitted })}</Badge>
              <Badge>{t('petitions.count.under_appeal', { count: result.meta.counts.under_appeal })}</Badge>
            </>
          ) : null}
          <Field.Root name="status">
            <Field.Label>{t('petitions.filter.status')}</Field.Label>
            <SingleSelect
              value={status}
              onChange={(value: string | number) => {
                setPage(1);
                setStatus(value as PetitionStatus | '');
              }}
            >
              <SingleSelectOption value="">{t('outbox.filter.all')}</SingleSelectOption>
              {PETITION_STATUSES.map((s) => (
                <SingleSelectOption key={s} value={s}>
                  {t(`petitions.status.${s}` as 'petitions.status.open')}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Flex>
        <Button variant="secondary" onClick={() => setEntering(true)} disabled={!schemes.length}>
          {t('petitions.paper.petition.title')}
        </Button>
      </Flex>
      {!result ? (
        <Page.Loading />
      ) : result.data.length === 0 ? (
        <Typography tag="p">{t('petitions.empty')}</Typography>
      ) : (
        <Table colCount={6} rowCount={result.data.length + 1}>
          <Thead>
            <Tr>
              {(['title', 'scheme', 'status', 'signatures', 'createdAt', 'actions'] as const).map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`petitions.column.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {result.data.map((p) => (
              <Tr key={p.documentId} data-testid="petition-row">
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography fontWeight="bold">{p.title}</Typography>
                  <Typography variant="pi" tag="p">{`${p.authorName}${p.channel === 'paper' ? ` · ${t('petitions.channel.paper')}` : ''}`}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{p.scheme}</Typography>
                </Td>
                <Td>
                  <Badge>{t(`petitions.status.${p.status}` as 'petitions.status.open')}</Badge>
                </Td>
                <Td>
                  <Typography>{p.signaturesCount}</Typography>
                  {p.paperPendingCount ? (
                    <Typography variant="pi" tag="p">
                      {t('petitions.paper.pendingCount', { count: p.paperPendingCount })}
                    </Typography>
                  ) : null}
                </Td>
                <Td>
                  <Typography>{dateTime(p.createdAt)}</Typography>
                </Td>
                <Td>
                  <Button size="S" variant="tertiary" onClick={() => onOpen(p.documentId)} aria-label={t('petitions.open.of', { title: p.title })}>
                    {t('petitions.open')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {result && result.meta.pagination.pageCount > 1 ? (
        <Flex gap={2} paddingTop={4}>
          <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('petitions.previous')}
          </Button>
          <Typography>{`${page} / ${result.meta.pagination.pageCount}`}</Typography>
          <Button variant="tertiary" disabled={page >= result.meta.pagination.pageCount} onClick={() => setPage((p) => p + 1)}>
            {t('petitions.next')}
          </Button>
        </Flex>
      ) : null}
      {entering ? (
        <PaperPetitionDialog
          schemes={schemes}
          onClose={(saved) => {
            setEntering(false);
            if (saved) load();
          }}
        />
      ) : null}
    </Box>
  );
}

/** « Pétitions » in the Participation area: the admissibility and appeal queue, a petition's handling, schemes, groupings. */
export function PetitionsPage() {
  const t = useT();
  const { get } = useFetchClient();
  const { allowedActions, isLoading } = usePermissions({ petitions: PERMISSIONS.petitions });
  const [schemes, setSchemes] = React.useState<Scheme[]>([]);
  const [groupings, setGroupings] = React.useState<Grouping[]>([]);
  const [open, setOpen] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<Scheme | 'new' | null>(null);

  const loadSettings = React.useCallback(async () => {
    const [s, g] = await Promise.all([
      get<{ data: Scheme[] }>('/participation/petition-schemes'),
      get<{ data: Grouping[] }>('/participation/territory-groupings'),
    ]);
    setSchemes(s.data.data);
    setGroupings(g.data.data);
  }, [get]);
  React.useEffect(() => {
    if (allowedActions.canPetitions) loadSettings();
  }, [loadSettings, allowedActions.canPetitions]);

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
