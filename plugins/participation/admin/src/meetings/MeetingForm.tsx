import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverFieldErrors, serverMessage } from '../api/types';
import { CommuneField } from '../components/CommuneField';
import { TextField, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { AdminMeeting } from './data';
import { useConsultationList } from '../consultations/data';
import { useQuestionnaireList } from '../questionnaires/data';
import { useBudgetList } from '../budgets/data';
import { LinkSelect } from './LinkSelect';

const KINDS = ['in_person', 'online', 'hybrid'] as const;

const SERVICES = ['wheelchair', 'hearing_loop', 'sign_language', 'transcription', 'childcare', 'easy_read'] as const;

type Form = {
  title: string;
  slug: string;
  description: string;
  kind: (typeof KINDS)[number];
  published: boolean;
  startsAt: string;
  endsAt: string;
  territoryCode: string;
  address: string;
  accessibility: string;
  services: string[];
  agenda: string;
  onlineUrl: string;
  onlineUrlRevealed: boolean;
  registrationEnabled: boolean;
  capacity: string;
  reservedPlaces: string;
  waitlistEnabled: boolean;
  registrationTerms: string;
  attendeesPublic: boolean;
  consultationDocumentId: string;
  budgetDocumentId: string;
  registrationQuestionnaireDocumentId: string;
};

const local = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The agenda as typed, one item per line, an optional « 18:30 » first. */
const agendaOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(\d{1,2})[:h](\d{2})\s*[-–—]?\s*(.*)$/.exec(line);
      return m ? { time: `${m[1].padStart(2, '0')}:${m[2]}`, title: m[3] || line } : { time: null, title: line };
    });

const formOf = (m: AdminMeeting | null): Form => {
  const start = m?.startsAt ?? new Date(Date.now() + 14 * 86_400_000).toISOString();
  return {
    title: m?.title ?? '',
    slug: m?.slug ?? '',
    description: m?.description ?? '',
    kind: m?.kind ?? 'in_person',
    published: m?.published ?? false,
    startsAt: local(start),
    endsAt: local(m?.endsAt ?? new Date(new Date(start).getTime() + 2 * 3_600_000).toISOString()),
    territoryCode: m?.territoryCode ?? '',
    address: m?.address ?? '',
    accessibility: m?.accessibility ?? '',
    services: m?.services ?? [],
    agenda: (m?.agenda ?? []).map((a) => (a.time ? `${a.time} ${a.title}` : a.title)).join('\n'),
    onlineUrl: m?.onlineUrl ?? '',
    onlineUrlRevealed: m?.onlineUrlRevealed ?? false,
    registrationEnabled: m?.registrationEnabled ?? true,
    capacity: m?.capacity == null ? '' : String(m.capacity),
    reservedPlaces: String(m?.reservedPlaces ?? 0),
    waitlistEnabled: m?.waitlistEnabled ?? true,
    registrationTerms: m?.registrationTerms ?? '',
    attendeesPublic: m?.attendeesPublic ?? false,
    consultationDocumentId: m?.consultationDocumentId ?? '',
    budgetDocumentId: m?.budgetDocumentId ?? '',
    registrationQuestionnaireDocumentId: m?.registrationQuestionnaireDocumentId ?? '',
  };
};

/**
 * « Réunion » form: what it is, when and where (commune by name, address, accessibility and services), its agenda,
 * then its registrations (places, places kept for invitations, waitlist, terms). The server's refusals are said under
 * their fields and everything typed stays.
 */
export function MeetingForm({ meeting, onDone }: { meeting: AdminMeeting | null; onDone: (documentId: string | null) => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [form, setForm] = React.useState<Form>(() => formOf(meeting));
  const [errors, setErrors] = React.useState<Errors>({});
  const [busy, setBusy] = React.useState(false);
  const consultations = useConsultationList('', '').data?.data ?? [];
  const questionnaires = useQuestionnaireList(true).data?.data ?? [];
  const budgets = useBudgetList(true).data?.data ?? [];
  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const check = (k: 'published' | 'onlineUrlRevealed' | 'registrationEnabled' | 'waitlistEnabled' | 'attendeesPublic') => (c: boolean | 'indeterminate') =>
    set(k)(c === true);
  const onSite = form.kind !== 'online';
  const online = form.kind !== 'in_person';

  const save = async () => {
    setBusy(true);
    setErrors({});
    const number = (v: string) => (v.trim() === '' ? null : Number(v));
    const body = {
      title: form.title.trim(),
      slug: form.slug.trim(),
      description: form.description.trim() || null,
      kind: form.kind,
      published: form.published,
      startsAt: new Date(form.startsAt).toISOString(),
      endsAt: new Date(form.endsAt).toISOString(),
      territoryCode: onSite ? form.territoryCode || null : null,
      address: onSite ? form.address.trim() || null : null,
      accessibility: form.accessibility.trim() || null,
      services: form.services,
      agenda: agendaOf(form.agenda),
      onlineUrl: online ? form.onlineUrl.trim() || null : null,
      onlineUrlRevealed: form.onlineUrlRevealed,
      registrationEnabled: form.registrationEnabled,
      capacity: number(form.capacity),
      reservedPlaces: number(form.reservedPlaces) ?? 0,
      waitlistEnabled: form.waitlistEnabled,
      registrationTerms: form.registrationTerms.trim() || null,
      attendeesPublic: form.attendeesPublic,
      consultationDocumentId: form.consultationDocumentId || null,
      budgetDocumentId: form.budgetDocumentId || null,
      registrationQuestionnaireDocumentId: form.registrationEnabled ? form.registrationQuestionnaireDocumentId || null : null,
    };
    try {
      const res = meeting ? await put(`/participation/meetings/${meeting.documentId}`, body) : await post('/participation/meetings', body);
      toggleNotification({ type: 'success', message: t('meetings.saved') });
      onDone((res.data as { data: { documentId: string } }).data.documentId);
    } catch (error) {
      setErrors({ ...serverFieldErrors(error), form: serverMessage(error) ?? t('error.load') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4} tag="form" onSubmit={(e: React.FormEvent) => (e.preventDefault(), void save())}>
      <Flex gap={2}>
        <Button variant="tertiary" onClick={() => onDone(null)}>
          {t('meetings.back')}
        </Button>
        <Button type="submit" loading={busy}>
          {t('meetings.save')}
        </Button>
      </Flex>
      {errors.form ? (
        <Box role="alert" padding={3} background="danger100">
          <Typography textColor="danger600">{errors.form}</Typography>
        </Box>
      ) : null}
      <Flex gap={4} wrap="wrap" alignItems="flex-start">
        <TextField name="title" label={t('meetings.field.title')} value={form.title} onChange={set('title')} error={errors.title} required />
        <TextField
          name="slug"
          label={t('meetings.field.slug')}
          hint={t('meetings.field.slugHint')}
          value={form.slug}
          onChange={set('slug')}
          error={errors.slug}
          required
        />
        <Field.Root name="kind" error={errors.kind}>
          <Field.Label>{t('meetings.field.kind')}</Field.Label>
          <SingleSelect value={form.kind} onChange={(v: string | number) => set('kind')(v as Form['kind'])}>
            {KINDS.map((k) => (
              <SingleSelectOption key={k} value={k}>
                {t(`meetings.kind.${k}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
      </Flex>
      <Flex gap={4} wrap="wrap" alignItems="flex-start">
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t('meetings.field.startsAt')}
          value={form.startsAt}
          onChange={set('startsAt')}
          error={errors.startsAt}
          required
        />
        <TextField
          name="endsAt"
          type="datetime-local"
          label={t('meetings.field.endsAt')}
          value={form.endsAt}
          onChange={set('endsAt')}
          error={errors.endsAt}
          required
        />
      </Flex>
      <LinkSelect
        name="consultationDocumentId"
        label={t('meetings.field.consultation')}
        hint={t('meetings.field.consultationHint')}
        value={form.consultationDocumentId}
        options={consultations.map((c) => ({ documentId: c.documentId, title: c.title }))}
        onChange={set('consultationDocumentId')}
        error={errors.consultationDocumentId}
      />
      <LinkSelect
        name="budgetDocumentId"
        label={t('meetings.field.budget')}
        hint={t('meetings.field.budgetHint')}
        value={form.budgetDocumentId}
        options={budgets.map((b) => ({ documentId: b.documentId, title: b.name }))}
        onChange={set('budgetDocumentId')}
        error={errors.budgetDocumentId}
      />
      <TextField
        name="description"
        label={t('meetings.field.description')}
        value={form.description}
        onChange={set('description')}
        error={errors.description}
        multiline
      />
      {onSite ? (
        <Flex gap={4} wrap="wrap" alignItems="flex-start">
          <CommuneField
            name="territoryCode"
            label={t('meetings.field.commune')}
            value={form.territoryCode}
            onChange={set('territoryCode')}
            error={errors.territoryCode}
            required
          />
          <TextField name="address" label={t('meetings.field.address')} value={form.address} onChange={set('address')} error={errors.address} required />
        </Flex>
      ) : null}
      <TextField
        name="accessibility"
        label={t('meetings.field.accessibility')}
        hint={t('meetings.field.accessibilityHint')}
        value={form.accessibility}
        onChange={set('accessibility')}
        error={errors.accessibility}
        multiline
      />
      <Box tag="fieldset" padding={0} borderStyle="none">
        <Typography tag="legend" variant="pi" fontWeight="bold">
          {t('meetings.field.services')}
        </Typography>
        <Flex gap={4} wrap="wrap" paddingTop={2}>
          {SERVICES.map((s) => (
            <Checkbox
              key={s}
              checked={form.services.includes(s)}
              onCheckedChange={(c: boolean | 'indeterminate') => set('services')(c === true ? [...form.services, s] : form.services.filter((x) => x !== s))}
            >
              {t(`meetings.service.${s}`)}
            </Checkbox>
          ))}
        </Flex>
      </Box>
      <TextField
        name="agenda"
        label={t('meetings.field.agenda')}
        hint={t('meetings.field.agendaHint')}
        value={form.agenda}
        onChange={set('agenda')}
        error={errors.agenda}
        multiline
      />
      {online ? (
        <Flex gap={4} wrap="wrap" alignItems="flex-end">
          <TextField
            name="onlineUrl"
            label={t('meetings.field.onlineUrl')}
            value={form.onlineUrl}
            onChange={set('onlineUrl')}
            error={errors.onlineUrl}
            required
          />
          <Checkbox checked={form.onlineUrlRevealed} onCheckedChange={check('onlineUrlRevealed')}>
            {t('meetings.field.onlineUrlRevealed')}
          </Checkbox>
        </Flex>
      ) : null}
      <Box padding={4} background="neutral100" hasRadius tag="section" aria-label={t('meetings.registration')}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="delta" tag="h2">
            {t('meetings.registration')}
          </Typography>
          <Checkbox checked={form.registrationEnabled} onCheckedChange={check('registrationEnabled')}>
            {t('meetings.field.registrationEnabled')}
          </Checkbox>
          {form.registrationEnabled ? (
            <>
              <Flex gap={4} wrap="wrap" alignItems="flex-start">
                <TextField
                  name="capacity"
                  type="number"
                  label={t('meetings.field.capacity')}
                  hint={t('meetings.field.capacityHint')}
                  value={form.capacity}
                  onChange={set('capacity')}
                  error={errors.capacity}
                />
                <TextField
                  name="reservedPlaces"
                  type="number"
                  label={t('meetings.field.reservedPlaces')}
                  hint={t('meetings.field.reservedPlacesHint')}
                  value={form.reservedPlaces}
                  onChange={set('reservedPlaces')}
                  error={errors.reservedPlaces}
                />
              </Flex>
              <Checkbox checked={form.waitlistEnabled} onCheckedChange={check('waitlistEnabled')}>
                {t('meetings.field.waitlistEnabled')}
              </Checkbox>
              <TextField
                name="registrationTerms"
                label={t('meetings.field.registrationTerms')}
                hint={t('meetings.field.registrationTermsHint')}
                value={form.registrationTerms}
                onChange={set('registrationTerms')}
                error={errors.registrationTerms}
                multiline
              />
              <Checkbox checked={form.attendeesPublic} onCheckedChange={check('attendeesPublic')}>
                {t('meetings.field.attendeesPublic')}
              </Checkbox>
              <LinkSelect
                name="registrationQuestionnaireDocumentId"
                label={t('meetings.field.questions')}
                hint={t('meetings.field.questionsHint')}
                value={form.registrationQuestionnaireDocumentId}
                options={questionnaires.filter((q) => q.audience === 'signed_in').map((q) => ({ documentId: q.documentId, title: q.title }))}
                onChange={set('registrationQuestionnaireDocumentId')}
                error={errors.registrationQuestionnaireDocumentId}
              />
            </>
          ) : null}
        </Flex>
      </Box>
      <Checkbox checked={form.published} onCheckedChange={check('published')}>
        {t('meetings.field.published')}
      </Checkbox>
      {errors.published ? <Typography textColor="danger600">{errors.published}</Typography> : null}
    </Flex>
  );
}
