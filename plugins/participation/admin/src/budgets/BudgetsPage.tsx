import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit } from '../components/FormFields';
import { PERMISSIONS } from '../permissions';
import { dateTime } from '../utils/dates';
import { saveDownload } from '../utils/saveDownload';
import { useT } from '../utils/useT';
import { DateTimeText } from '../fields/DateTimeText';
import { CommuneField } from '../components/CommuneField';
import { usePermissions } from '../utils/usePermissions';

type Errors = Record<string, string | undefined>;
type Stage = 'upcoming' | 'filing' | 'admissibility' | 'vote' | 'results' | 'follow_up';
type Settings = {
  envelope: number;
  territoryEnvelopes: { territoryCode: string; amount: number }[];
  groupingKey: string | null;
  minProjectCost: number;
  maxProjectCost: number;
  method: 'approval' | 'knapsack';
  minChoices: number;
  maxChoices: number;
  minimumAge: number;
  eligibilityLinks: ('live' | 'work' | 'study')[];
  oneWinnerPerTerritory: boolean;
  blankVoteAllowed: boolean;
  showLiveCounts: boolean;
  comments: 'closed' | 'a_priori' | 'a_posteriori';
};
type Process = {
  documentId: string;
  slug: string;
  name: string;
  description: string | null;
  stage: Stage;
  filingOpensAt: string;
  filingClosesAt: string;
  voteOpensAt: string;
  voteClosesAt: string;
  followUpAt: string | null;
  settings: Settings;
};
type Project = {
  documentId: string;
  title: string;
  description: string;
  cost: number;
  communeCode: string;
  communeName: string;
  territoryName: string | null;
  authorName: string;
  channel: 'web' | 'paper';
  provenance: string | null;
  status: 'submitted' | 'published' | 'rejected' | 'admissible' | 'inadmissible' | 'merged';
  assignedService: string | null;
  analysis: string | null;
  decisionReason: string | null;
  isWinner: boolean;
  followUpStatus: string | null;
  milestones: { date: string; label: string; done: boolean }[];
  votes: number | null;
  /** The decisions the server's rules allow on this project now. */
  decisions: { decision: 'publish' | 'reject' | 'admissible' | 'inadmissible' | 'merge'; reasonRequired: boolean }[];
};
type Detail = {
  documentId: string;
  slug: string;
  name: string;
  stage: Stage;
  settings: Settings;
  participation: { web: number; paper: number; blank: number; total: number; rejectedPaperBallots: number };
  countsVisible: boolean;
  results: null | { spent: number; remaining: number; winners: { documentId: string; title: string; cost: number; votes: number; reason: string }[] };
  projects: Project[];
};

const euros = (n: number) => `${n.toLocaleString('fr-FR')} €`;
/** What a date field holds (an instant, or what was typed and not understood) as the API reads it: the server refuses the latter on its field. */
const toIso = (typed: string) => {
  if (!typed) return '';
  const date = new Date(typed);
  return Number.isNaN(date.getTime()) ? typed : date.toISOString();
};

function ProcessDialog({ process, onClose }: { process: Process | null; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const s = process?.settings;
  const [v, setV] = React.useState({
    name: process?.name ?? '',
    slug: process?.slug ?? '',
    description: process?.description ?? '',
    filingOpensAt: process?.filingOpensAt ?? '',
    filingClosesAt: process?.filingClosesAt ?? '',
    voteOpensAt: process?.voteOpensAt ?? '',
    voteClosesAt: process?.voteClosesAt ?? '',
    followUpAt: process?.followUpAt ?? '',
    envelope: String(s?.envelope ?? 2_000_000),
    minProjectCost: String(s?.minProjectCost ?? 1_000),
    maxProjectCost: String(s?.maxProjectCost ?? 50_000),
    method: s?.method ?? 'approval',
    minChoices: String(s?.minChoices ?? 3),
    maxChoices: String(s?.maxChoices ?? 10),
    minimumAge: String(s?.minimumAge ?? 16),
    groupingKey: s?.groupingKey ?? 'epci',
    territoryEnvelopes: (s?.territoryEnvelopes ?? []).map((e) => `${e.territoryCode} = ${e.amount}`).join('\n'),
    comments: s?.comments ?? 'closed',
  });
  const [flags, setFlags] = React.useState({
    oneWinnerPerTerritory: s?.oneWinnerPerTerritory ?? false,
    blankVoteAllowed: s?.blankVoteAllowed ?? true,
    showLiveCounts: s?.showLiveCounts ?? false,
  });
  const [links, setLinks] = React.useState<string[]>(s?.eligibilityLinks ?? ['live', 'work', 'study']);
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () => {
    const body = {
      name: v.name.trim(),
      slug: v.slug.trim(),
      description: v.description.trim() || null,
      filingOpensAt: toIso(v.filingOpensAt),
      filingClosesAt: toIso(v.filingClosesAt),
      voteOpensAt: toIso(v.voteOpensAt),
      voteClosesAt: toIso(v.voteClosesAt),
      followUpAt: v.followUpAt ? toIso(v.followUpAt) : null,
      settings: {
        envelope: Number(v.envelope),
        territoryEnvelopes: v.territoryEnvelopes
          .split('\n')
          .map((line) => line.split('=').map((x) => x.trim()))
          .filter(([code]) => !!code)
          .map(([code, amount]) => ({ territoryCode: code, amount: Number(String(amount ?? '').replace(/\s/g, '')) })),
        groupingKey: v.groupingKey || null,
        minProjectCost: Number(v.minProjectCost),
        maxProjectCost: Number(v.maxProjectCost),
        method: v.method,
        minChoices: Number(v.minChoices),
        maxChoices: Number(v.maxChoices),
        minimumAge: Number(v.minimumAge),
        eligibilityLinks: links,
        comments: v.comments,
        ...flags,
      },
    };
    run(() => (process ? put(`/participation/budgets/${process.documentId}`, body) : post('/participation/budgets', body)), t('budgets.saved'));
  };
  const flag = (k: keyof typeof flags) => (
    <Checkbox checked={flags[k]} onCheckedChange={(c: boolean | 'indeterminate') => setFlags((x) => ({ ...x, [k]: c === true }))}>
      {t(`budgets.settings.${k}`)}
    </Checkbox>
  );
  return (
    <FormDialog
      title={t(process ? 'budgets.edit' : 'budgets.new')}
      submitLabel={t('budgets.save')}
      busy={busy}
      error={errors.form ?? errors.settings}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField name="name" label={t('budgets.field.name')} value={v.name} onChange={set('name')} error={errors.name} required />
      <TextField
        name="slug"
        label={t('budgets.field.slug')}
        hint={t('petitions.scheme.slug.hint')}
        value={v.slug}
        onChange={set('slug')}
        error={errors.slug}
        required
      />
      <TextField name="description" label={t('budgets.field.description')} value={v.description} onChange={set('description')} multiline />
      <Typography variant="delta" tag="h3">
        {t('budgets.calendar')}
      </Typography>
      <Flex gap={2} wrap="wrap">
        {(['filingOpensAt', 'filingClosesAt', 'voteOpensAt', 'voteClosesAt', 'followUpAt'] as const).map((k) => (
          <Box key={k} minWidth="16rem" flex="1">
            <DateTimeText
              name={k}
              label={t(`budgets.field.${k}`)}
              value={v[k] || null}
              onChange={(next) => set(k)(next ?? '')}
              error={errors[k]}
              required={k !== 'followUpAt'}
            />
          </Box>
        ))}
      </Flex>
      <Typography variant="delta" tag="h3">
        {t('budgets.rules')}
      </Typography>
      <Flex gap={2} wrap="wrap">
        <TextField name="envelope" type="number" label={t('budgets.settings.envelope')} value={v.envelope} onChange={set('envelope')} required />
        <TextField
          name="minProjectCost"
          type="number"
          label={t('budgets.settings.minProjectCost')}
          value={v.minProjectCost}
          onChange={set('minProjectCost')}
          required
        />
        <TextField
          name="maxProjectCost"
          type="number"
          label={t('budgets.settings.maxProjectCost')}
          value={v.maxProjectCost}
          onChange={set('maxProjectCost')}
          required
        />
      </Flex>
      <Field.Root name="method">
        <Field.Label>{t('budgets.settings.method')}</Field.Label>
        <SingleSelect value={v.method} onChange={(x: string | number) => set('method')(String(x))}>
          <SingleSelectOption value="approval">{t('budgets.method.approval')}</SingleSelectOption>
          <SingleSelectOption value="knapsack">{t('budgets.method.knapsack')}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <Flex gap={2} wrap="wrap">
        <TextField name="minChoices" type="number" label={t('budgets.settings.minChoices')} value={v.minChoices} onChange={set('minChoices')} required />
        <TextField name="maxChoices" type="number" label={t('budgets.settings.maxChoices')} value={v.maxChoices} onChange={set('maxChoices')} required />
        <TextField name="minimumAge" type="number" label={t('budgets.settings.minimumAge')} value={v.minimumAge} onChange={set('minimumAge')} required />
      </Flex>
      <Box>
        <Typography variant="pi" fontWeight="bold" tag="p">
          {t('budgets.settings.eligibilityLinks')}
        </Typography>
        {(['live', 'work', 'study'] as const).map((l) => (
          <Checkbox
            key={l}
            checked={links.includes(l)}
            onCheckedChange={(c: boolean | 'indeterminate') => setLinks((x) => (c === true ? [...new Set([...x, l])] : x.filter((y) => y !== l)))}
          >
            {t(`budgets.link.${l}`)}
          </Checkbox>
        ))}
      </Box>
      <TextField
        name="groupingKey"
        label={t('budgets.settings.groupingKey')}
        hint={t('budgets.settings.groupingKey.hint')}
        value={v.groupingKey}
        onChange={set('groupingKey')}
      />
      <TextField
        name="territoryEnvelopes"
        label={t('budgets.settings.territoryEnvelopes')}
        hint={t('budgets.settings.territoryEnvelopes.hint')}
        value={v.territoryEnvelopes}
        onChange={set('territoryEnvelopes')}
        multiline
      />
      {flag('oneWinnerPerTerritory')}
      {flag('blankVoteAllowed')}
      {flag('showLiveCounts')}
      <Field.Root name="comments" hint={t('budgets.settings.comments.hint')}>
        <Field.Label>{t('budgets.settings.comments')}</Field.Label>
        <SingleSelect value={v.comments} onChange={(x: string | number) => set('comments')(String(x))}>
          {(['closed', 'a_priori', 'a_posteriori'] as const).map((mode) => (
            <SingleSelectOption key={mode} value={mode}>
              {t(`budgets.comments.${mode}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
      </Field.Root>
    </FormDialog>
  );
}

function DecisionDialog({ project, others, onClose }: { project: Project; others: Project[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const options: string[] = project.decisions.map((d) => d.decision);
  const [v, setV] = React.useState({
    decision: options[0] ?? '',
    reason: '',
    revisedCost: '',
    mergeInto: '',
    assignedService: project.assignedService ?? '',
    analysis: project.analysis ?? '',
  });
  const [committee, setCommittee] = React.useState(false);
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post(`/participation/budget-projects/${project.documentId}/decisions`, {
          decision: v.decision,
          ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
          ...(v.revisedCost.trim() ? { revisedCost: Number(v.revisedCost) } : {}),
          ...(v.decision === 'merge' ? { mergeInto: v.mergeInto } : {}),
          ...(v.assignedService.trim() ? { assignedService: v.assignedService.trim() } : {}),
          ...(v.analysis.trim() ? { analysis: v.analysis.trim() } : {}),
          committee,
        }),
      t('budgets.decision.done')
    );
  return (
    <FormDialog
      title={t('budgets.decision.title')}
      submitLabel={t('budgets.decision.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Typography fontWeight="bold">{project.title}</Typography>
      <Typography variant="pi" tag="p">
        {project.description}
      </Typography>
      <Field.Root name="decision" required>
        <Field.Label>{t('budgets.decision.label')}</Field.Label>
        <SingleSelect value={v.decision} onChange={(x: string | number) => set('decision')(String(x))}>
          {options.map((o) => (
            <SingleSelectOption key={o} value={o}>
              {t(`budgets.decision.${o}` as 'budgets.decision.publish')}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {v.decision === 'merge' ? (
        <Field.Root name="mergeInto" required error={errors.mergeInto}>
          <Field.Label>{t('budgets.decision.mergeInto')}</Field.Label>
          <SingleSelect value={v.mergeInto} onChange={(x: string | number) => set('mergeInto')(String(x))}>
            {others.map((o) => (
              <SingleSelectOption key={o.documentId} value={o.documentId}>
                {o.title}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
      ) : null}
      <TextField name="assignedService" label={t('budgets.decision.assignedService')} value={v.assignedService} onChange={set('assignedService')} />
      <TextField
        name="analysis"
        label={t('budgets.decision.analysis')}
        hint={t('budgets.decision.analysis.hint')}
        value={v.analysis}
        onChange={set('analysis')}
        multiline
      />
      {v.decision === 'admissible' ? (
        <TextField
          name="revisedCost"
          type="number"
          label={t('budgets.decision.revisedCost')}
          value={v.revisedCost}
          onChange={set('revisedCost')}
          error={errors.revisedCost}
        />
      ) : null}
      <TextField
        name="reason"
        label={t('budgets.decision.reason')}
        hint={t('budgets.decision.reason.hint')}
        value={v.reason}
        onChange={set('reason')}
        error={errors.reason}
        multiline
        required={!!project.decisions.find((d) => d.decision === v.decision)?.reasonRequired}
      />
      <Checkbox checked={committee} onCheckedChange={(c: boolean | 'indeterminate') => setCommittee(c === true)}>
        {t('budgets.decision.committee')}
      </Checkbox>
    </FormDialog>
  );
}

function PaperBallotDialog({ detail, onClose }: { detail: Detail; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [v, setV] = React.useState({ pollingPlace: '', fullName: '', birthDate: '', communeCode: '', link: 'live', rejectionReason: '' });
  const [choices, setChoices] = React.useState<string[]>([]);
  const [blank, setBlank] = React.useState(false);
  const [errors, setErrors] = React.useState<Errors>({});
  const [busy, setBusy] = React.useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      const res = await post<{ data: { outcome: 'counted' | 'already_voted_online' | 'rejected'; reason: string | null } }>(
        `/participation/budgets/${detail.documentId}/paper-ballots`,
        {
          pollingPlace: v.pollingPlace.trim(),
          blank,
          choices: blank ? [] : choices,
          declaration: { fullName: v.fullName.trim(), birthDate: v.birthDate, communeCode: v.communeCode.trim(), link: v.link },
          ...(v.rejectionReason.trim() ? { rejectionReason: v.rejectionReason.trim() } : {}),
        }
      );
      const outcome = res.data.data.outcome;
      toggleNotification({ type: outcome === 'counted' ? 'success' : 'warning', message: t(`budgets.paper.outcome.${outcome}`) });
      onClose(true);
    } catch (error) {
      const details =
        (error as { response?: { data?: { error?: { details?: { errors?: { path: string[]; message: string }[] } } } } }).response?.data?.error?.details
          ?.errors ?? [];
      setErrors({ ...Object.fromEntries(details.map((e) => [String(e.path[e.path.length - 1]), e.message])), form: serverMessage(error) ?? t('error.load') });
      setBusy(false);
    }
  };
  const admissible = detail.projects.filter((p) => p.status === 'admissible');
  return (
    <FormDialog
      title={t('budgets.paper.ballot.title')}
      submitLabel={t('budgets.paper.ballot.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField
        name="pollingPlace"
        label={t('budgets.paper.pollingPlace')}
        value={v.pollingPlace}
        onChange={set('pollingPlace')}
        error={errors.pollingPlace}
        required
      />
      <TextField name="fullName" label={t('petitions.paper.name')} value={v.fullName} onChange={set('fullName')} error={errors.fullName} required />
      <TextField
        name="birthDate"
        type="date"
        label={t('petitions.paper.birthDate')}
        value={v.birthDate}
        onChange={set('birthDate')}
        error={errors.birthDate}
        required
      />
      <CommuneField
        name="communeCode"
        label={t('petitions.paper.communeCode')}
        value={v.communeCode}
        onChange={set('communeCode')}
        error={errors.communeCode}
        required
      />
      <Field.Root name="link">
        <Field.Label>{t('budgets.settings.eligibilityLinks')}</Field.Label>
        <SingleSelect value={v.link} onChange={(x: string | number) => set('link')(String(x))}>
          {(['live', 'work', 'study'] as const).map((l) => (
            <SingleSelectOption key={l} value={l}>
              {t(`budgets.link.${l}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Checkbox checked={blank} onCheckedChange={(c: boolean | 'indeterminate') => setBlank(c === true)}>
        {t('budgets.paper.blank')}
      </Checkbox>
      {!blank ? (
        <Box>
          <Typography variant="pi" fontWeight="bold" tag="p">
            {t('budgets.paper.choices')}
          </Typography>
          {admissible.map((p) => (
            <Checkbox
              key={p.documentId}
              checked={choices.includes(p.documentId)}
              onCheckedChange={(c: boolean | 'indeterminate') => setChoices((x) => (c === true ? [...x, p.documentId] : x.filter((y) => y !== p.documentId)))}
            >
              {`${p.title} (${euros(p.cost)})`}
            </Checkbox>
          ))}
          {errors.choices ? (
            <Typography role="alert" variant="pi" textColor="danger600">
              {errors.choices}
            </Typography>
          ) : null}
        </Box>
      ) : null}
      <TextField
        name="rejectionReason"
        label={t('budgets.paper.rejectionReason')}
        hint={t('budgets.paper.rejectionReason.hint')}
        value={v.rejectionReason}
        onChange={set('rejectionReason')}
      />
    </FormDialog>
  );
}

function PaperProjectDialog({ detail, onClose }: { detail: Detail; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({ title: '', description: '', estimatedCost: '', communeCode: '', authorName: '', provenance: '' });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));
  const submit = () =>
    run(
      () =>
        post(`/participation/budgets/${detail.documentId}/paper-projects`, {
          title: v.title.trim(),
          description: v.description.trim(),
          estimatedCost: Number(v.estimatedCost),
          communeCode: v.communeCode.trim(),
          authorName: v.authorName.trim(),
          provenance: v.provenance.trim(),
        }),
      t('budgets.paper.project.done')
    );
  return (
    <FormDialog
      title={t('budgets.paper.project.title')}
      submitLabel={t('budgets.paper.project.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <TextField name="title" label={t('petitions.field.title')} value={v.title} onChange={set('title')} error={errors.title} required />
      <TextField
        name="description"
        label={t('budgets.field.description')}
        value={v.description}
        onChange={set('description')}
        error={errors.description}
        multiline
        required
      />
      <TextField
        name="estimatedCost"
        type="number"
        label={t('budgets.paper.project.cost')}
        value={v.estimatedCost}
        onChange={set('estimatedCost')}
        error={errors.estimatedCost}
        required
      />
      <CommuneField
        name="communeCode"
        label={t('petitions.paper.communeCode')}
        value={v.communeCode}
        onChange={set('communeCode')}
        error={errors.communeCode}
        required
      />
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
    </FormDialog>
  );
}

function FollowUpDialog({ project, onClose }: { project: Project; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { put } = useFetchClient();
  const [status, setStatus] = React.useState(project.followUpStatus ?? 'planned');
  const [milestones, setMilestones] = React.useState(project.milestones);
  const [next, setNext] = React.useState({ date: '', label: '' });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  const submit = () => {
    const all = next.date && next.label.trim() ? [...milestones, { date: next.date, label: next.label.trim(), done: false }] : milestones;
    run(() => put(`/participation/budget-projects/${project.documentId}/follow-up`, { status, milestones: all }), t('budgets.followUp.saved'));
  };
  return (
    <FormDialog
      title={t('budgets.followUp.title')}
      submitLabel={t('budgets.followUp.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Typography fontWeight="bold">{project.title}</Typography>
      <Field.Root name="status">
        <Field.Label>{t('budgets.followUp.status')}</Field.Label>
        <SingleSelect value={status} onChange={(x: string | number) => setStatus(String(x))}>
          {(['planned', 'in_study', 'in_progress', 'delivered', 'abandoned'] as const).map((s) => (
            <SingleSelectOption key={s} value={s}>
              {t(`budgets.followUp.${s}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {milestones.map((m, i) => (
        <Checkbox
          key={i}
          checked={m.done}
          onCheckedChange={(c: boolean | 'indeterminate') => setMilestones((x) => x.map((y, j) => (j === i ? { ...y, done: c === true } : y)))}
        >
          {`${m.date} — ${m.label}`}
        </Checkbox>
      ))}
      <Flex gap={2}>
        <TextField
          name="milestoneDate"
          type="date"
          label={t('budgets.followUp.milestoneDate')}
          value={next.date}
          onChange={(x) => setNext((y) => ({ ...y, date: x }))}
        />
        <TextField
          name="milestoneLabel"
          label={t('budgets.followUp.milestoneLabel')}
          value={next.label}
          onChange={(x) => setNext((y) => ({ ...y, label: x }))}
        />
      </Flex>
    </FormDialog>
  );
}

function BudgetDetail({ documentId, onBack }: { documentId: string; onBack: () => void }) {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [detail, setDetail] = React.useState<Detail | null>(null);
  const [dialog, setDialog] = React.useState<{ kind: 'decision' | 'followUp'; project: Project } | { kind: 'ballot' | 'paperProject' } | null>(null);
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  const load = React.useCallback(async () => {
    setDetail((await get<{ data: Detail }>(`/participation/budgets/${documentId}`)).data.data);
  }, [get, documentId]);
  React.useEffect(() => {
    load().then(() => headingRef.current?.focus());
  }, [load]);
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

/** « Budgets participatifs » in the Participation area: processes, their projects' moderation and analysis, paper ballots, results, follow-up. */
export function BudgetsPage() {
  const t = useT();
  const { get } = useFetchClient();
  const { allowedActions, isLoading } = usePermissions({ budgets: PERMISSIONS.budgets });
  const [list, setList] = React.useState<Process[] | null>(null);
  const [open, setOpen] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<Process | 'new' | null>(null);
  const load = React.useCallback(async () => {
    setList((await get<{ data: Process[] }>('/participation/budgets')).data.data);
  }, [get]);
  React.useEffect(() => {
    if (allowedActions.canBudgets) load();
  }, [load, allowedActions.canBudgets]);
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
