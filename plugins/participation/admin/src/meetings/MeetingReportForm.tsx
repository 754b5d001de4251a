import * as React from 'react';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverFieldErrors, serverMessage } from '../api/types';
import { TextField, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { AdminMeeting } from './data';

/** Media links typed one per line, « Titre | https://… » (a bare address is its own title). */
const linksOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [title, url] = line.includes('|') ? line.split('|').map((x) => x.trim()) : [line, line];
      return { title: title || url, url };
    });

/**
 * « Bilan » once the meeting has started: how many came (the arrivals checked in unless staff count otherwise), who
 * came by commune, organisations present, minutes and media; published on the meeting's page when staff say so.
 */
export function MeetingReportForm({ meeting, onSaved }: { meeting: AdminMeeting; onSaved: () => void }) {
  const t = useT();
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const r = meeting.report;
  const [form, setForm] = React.useState({
    attendees: r.attendeesEntered === null ? '' : String(r.attendeesEntered),
    organisations: r.organisations.join('\n'),
    minutes: r.minutes ?? '',
    mediaLinks: r.mediaLinks.map((l) => (l.title === l.url ? l.url : `${l.title} | ${l.url}`)).join('\n'),
    published: r.published,
  });
  const [errors, setErrors] = React.useState<Errors>({});
  const [busy, setBusy] = React.useState(false);
  const set = (k: 'attendees' | 'organisations' | 'minutes' | 'mediaLinks') => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      await put(`/participation/meetings/${meeting.documentId}/report`, {
        attendees: form.attendees.trim() === '' ? null : Number(form.attendees),
        organisations: form.organisations
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
        minutes: form.minutes.trim() || null,
        mediaLinks: linksOf(form.mediaLinks),
        published: form.published,
      });
      toggleNotification({ type: 'success', message: t('meetings.report.saved') });
      onSaved();
    } catch (error) {
      setErrors({ ...serverFieldErrors(error), form: serverMessage(error) ?? t('error.load') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box padding={4} background="neutral100" hasRadius tag="section" aria-labelledby="bilan">
      <Flex direction="column" alignItems="stretch" gap={4} tag="form" onSubmit={(e: React.FormEvent) => (e.preventDefault(), void save())}>
        <Typography variant="delta" tag="h2" id="bilan">
          {t('meetings.report.title')}
        </Typography>
        <Typography tag="p">
          {t('meetings.report.checkedIn', { count: r.checkedIn })}
          {r.byCommune.length ? ` — ${r.byCommune.map((c) => `${c.name} (${c.count})`).join(', ')}` : ''}
        </Typography>
        {errors.form ? (
          <Typography role="alert" textColor="danger600">
            {errors.form}
          </Typography>
        ) : null}
        <TextField
          name="attendees"
          type="number"
          label={t('meetings.report.attendees')}
          hint={t('meetings.report.attendeesHint', { count: r.checkedIn })}
          value={form.attendees}
          onChange={set('attendees')}
          error={errors.attendees}
        />
        <TextField
          name="organisations"
          label={t('meetings.report.organisations')}
          hint={t('meetings.report.organisationsHint')}
          value={form.organisations}
          onChange={set('organisations')}
          error={errors.organisations}
          multiline
        />
        <TextField name="minutes" label={t('meetings.report.minutes')} value={form.minutes} onChange={set('minutes')} error={errors.minutes} multiline />
        <TextField
          name="mediaLinks"
          label={t('meetings.report.mediaLinks')}
          hint={t('meetings.report.mediaLinksHint')}
          value={form.mediaLinks}
          onChange={set('mediaLinks')}
          error={errors.mediaLinks}
          multiline
        />
        <Checkbox checked={form.published} onCheckedChange={(c: boolean | 'indeterminate') => setForm((f) => ({ ...f, published: c === true }))}>
          {t('meetings.report.published')}
        </Checkbox>
        <Flex>
          <Button type="submit" loading={busy}>
            {t('meetings.report.save')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
}
