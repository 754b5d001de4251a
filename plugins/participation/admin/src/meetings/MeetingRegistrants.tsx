import * as React from 'react';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { dateTime as formatDateTime } from '../utils/dates';
import { saveDownload } from '../utils/saveDownload';
import { useT } from '../utils/useT';
import { useRegistrants, type AdminMeeting, type Registrant } from './data';
import { MinutesReview, RoomContributions } from './MeetingAfterwards';
import { MeetingReportForm } from './MeetingReportForm';

type Detector = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** A check-in made while the network was down, sent when it is back: the code and when the person arrived. */
type Pending = { code: string; at: string; name: string };

/** A code as the server reads it: spaces and dashes dropped, upper case. */
const normalised = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/** A refusal from the server (it answered), as opposed to no answer at all (the network is down). */
const answered = (error: unknown) => !!(error as { response?: { data?: { error?: unknown } } }).response?.data?.error;

/**
 * « Accueil » at the door, from a phone or a laptop: the code typed (spaces and case forgiven) or read from the QR
 * code by the camera where the browser can (BarcodeDetector); each answer said at once, a second scan refused. When
 * the network drops (a village hall's Wi-Fi), the door goes on with the list already loaded: each code is checked
 * against it, the arrival kept in this tab (sessionStorage) with its time, and sent as soon as the network is back.
 */
function CheckInPanel({ documentId, roster, onChecked }: { documentId: string; roster: Registrant[]; onChecked: () => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [code, setCode] = React.useState('');
  const [answer, setAnswer] = React.useState<{ ok: boolean; text: string } | null>(null);
  const [scanning, setScanning] = React.useState(false);
  const video = React.useRef<HTMLVideoElement>(null);
  const Barcode = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  const storageKey = `participer.accueil.${documentId}`;
  const [pending, setPending] = React.useState<Pending[]>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) ?? '[]') as Pending[];
    } catch {
      return [];
    }
  });
  const keep = React.useCallback(
    (next: Pending[]) => {
      sessionStorage.setItem(storageKey, JSON.stringify(next));
      setPending(next);
    },
    [storageKey]
  );

  /** Offline: the code checked against the list loaded, the arrival kept to be sent. */
  const checkInOffline = (typed: string) => {
    const wanted = normalised(typed);
    const person = roster.find((r) => r.code === wanted);
    if (!person) return setAnswer({ ok: false, text: t('meetings.checkIn.offlineUnknown') });
    if (person.status !== 'registered') return setAnswer({ ok: false, text: t('meetings.checkIn.offlineNotCheckable') });
    if (person.checkedInAt || pending.some((p) => p.code === wanted)) return setAnswer({ ok: false, text: t('meetings.checkIn.offlineAlready') });
    const name = person.organisation ? `${person.name} (${person.organisation})` : person.name;
    keep([...pending, { code: wanted, at: new Date().toISOString(), name }]);
    setAnswer({ ok: true, text: t('meetings.checkIn.offlineDone', { name }) });
    setCode('');
  };

  const checkIn = React.useCallback(
    async (typed: string) => {
      if (!typed.trim()) return;
      if (!navigator.onLine) return checkInOffline(typed);
      try {
        const res = await post(`/participation/meetings/${documentId}/check-in`, { code: typed });
        const d = (res.data as { data: { name: string; organisation: string | null; checkedIn: number } }).data;
        setAnswer({ ok: true, text: t('meetings.checkIn.done', { name: d.organisation ? `${d.name} (${d.organisation})` : d.name, count: d.checkedIn }) });
        setCode('');
        onChecked();
      } catch (error) {
        if (!answered(error)) return checkInOffline(typed);
        setAnswer({ ok: false, text: serverMessage(error) ?? t('error.load') });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- checkInOffline reads the latest list and queue
    [documentId, onChecked, post, t, roster, pending]
  );

  /** Sends the arrivals kept offline, in order; one already checked in by another door counts as sent. */
  const flush = React.useCallback(async () => {
    if (!pending.length || !navigator.onLine) return;
    const left: Pending[] = [];
    for (const p of pending) {
      try {
        await post(`/participation/meetings/${documentId}/check-in`, { code: p.code, at: p.at });
      } catch (error) {
        if (!answered(error)) left.push(p);
      }
    }
    keep(left);
    if (left.length < pending.length) {
      setAnswer({ ok: true, text: t('meetings.checkIn.sent', { count: pending.length - left.length }) });
      onChecked();
    }
  }, [pending, post, documentId, keep, onChecked, t]);

  React.useEffect(() => {
    const back = () => void flush();
    window.addEventListener('online', back);
    const timer = setInterval(back, 15_000);
    return () => {
      window.removeEventListener('online', back);
      clearInterval(timer);
    };
  }, [flush]);

  React.useEffect(() => {
    if (!scanning || !Barcode || !video.current) return undefined;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Barcode({ formats: ['qr_code'] });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        video.current!.srcObject = stream;
        await video.current!.play();
        let last = '';
        while (!stopped) {
          const [found] = await detector.detect(video.current!).catch(() => []);
          if (found && found.rawValue !== last) {
            last = found.rawValue;
            await checkIn(found.rawValue);
          }
          await new Promise((r) => setTimeout(r, 300));
        }
      } catch {
        setAnswer({ ok: false, text: t('meetings.checkIn.noCamera') });
        setScanning(false);
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning, Barcode, checkIn, t]);

  return (
    <Box padding={4} background="neutral100" hasRadius tag="section" aria-labelledby="accueil">
      <Typography variant="delta" tag="h2" id="accueil">
        {t('meetings.checkIn.title')}
      </Typography>
      <Flex tag="form" gap={2} alignItems="flex-end" paddingTop={2} onSubmit={(e: React.FormEvent) => (e.preventDefault(), void checkIn(code))}>
        <TextField name="code" label={t('meetings.checkIn.code')} hint={t('meetings.checkIn.hint')} value={code} onChange={setCode} />
        <Button type="submit">{t('meetings.checkIn.submit')}</Button>
        {Barcode ? (
          <Button variant="secondary" onClick={() => setScanning((s) => !s)}>
            {scanning ? t('meetings.checkIn.stopScan') : t('meetings.checkIn.scan')}
          </Button>
        ) : null}
      </Flex>
      {pending.length ? (
        <Typography tag="p" textColor="warning600" data-testid="pending-arrivals">
          {t('meetings.checkIn.pending', { count: pending.length })}
        </Typography>
      ) : null}
      {scanning ? <video ref={video} muted playsInline style={{ maxWidth: 320, marginTop: 8 }} aria-label={t('meetings.checkIn.camera')} /> : null}
      <div role="status" aria-live="polite">
        {answer ? (
          <Typography tag="p" textColor={answer.ok ? 'success600' : 'danger600'} fontWeight="bold">
            {answer.text}
          </Typography>
        ) : null}
      </div>
    </Box>
  );
}

function InvitationDialog({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [values, setValues] = React.useState({ name: '', email: '', organisation: '' });
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, onClose);
  const set = (k: keyof typeof values) => (v: string) => setValues((x) => ({ ...x, [k]: v }));
  return (
    <FormDialog
      title={t('meetings.invite.title')}
      submitLabel={t('meetings.invite.submit')}
      busy={busy}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        run(
          () =>
            post(`/participation/meetings/${documentId}/invitations`, {
              name: values.name.trim(),
              email: values.email.trim() || null,
              organisation: values.organisation.trim() || null,
            }),
          t('meetings.invite.done')
        )
      }
    >
      <TextField name="name" label={t('meetings.invite.name')} value={values.name} onChange={set('name')} error={errors.name} required />
      <TextField
        name="email"
        type="email"
        label={t('meetings.invite.email')}
        hint={t('meetings.invite.emailHint')}
        value={values.email}
        onChange={set('email')}
        error={errors.email}
      />
      <TextField
        name="organisation"
        label={t('meetings.invite.organisation')}
        value={values.organisation}
        onChange={set('organisation')}
        error={errors.organisation}
      />
    </FormDialog>
  );
}

function CancelDialog({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const [reason, setReason] = React.useState('');
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, onClose);
  return (
    <FormDialog
      title={t('meetings.cancel.title')}
      submitLabel={t('meetings.cancel.submit')}
      busy={busy}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => run(() => post(`/participation/meetings/${documentId}/cancel`, { reason: reason.trim() }), t('meetings.cancel.done'))}
    >
      <Typography>{t('meetings.cancel.warning')}</Typography>
      <TextField name="reason" label={t('meetings.cancel.reason')} value={reason} onChange={setReason} error={errors.reason} multiline required />
    </FormDialog>
  );
}

/** A meeting's registrants in queue order (places, invitations, waitlist with ranks), the door, invitations and cancellation. */
export function MeetingRegistrants({ meeting, onBack, onChanged }: { meeting: AdminMeeting; onBack: () => void; onChanged: () => void }) {
  const t = useT();
  const { get } = useFetchClient();
  const list = useRegistrants(meeting.documentId);
  const download = async (format: 'csv' | 'xlsx') => {
    const res = await get(`/participation/meetings/${meeting.documentId}/registrations/export?format=${format}`, { responseType: 'blob' });
    saveDownload(res, `inscrits-${meeting.slug}.${format}`);
  };
  const [dialog, setDialog] = React.useState<'invite' | 'cancel' | null>(null);
  const rows = list.data?.data ?? [];
  const close = () => {
    setDialog(null);
    void list.reload();
    onChanged();
  };
  const checkedIn = rows.filter((r) => r.checkedInAt).length;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2} wrap="wrap">
        <Button variant="tertiary" onClick={onBack}>
          {t('meetings.back')}
        </Button>
        <Button variant="secondary" onClick={() => setDialog('invite')} disabled={meeting.state === 'cancelled' || meeting.state === 'past'}>
          {t('meetings.invite.open')}
        </Button>
        <Button variant="secondary" onClick={() => void download('csv')} disabled={rows.length === 0}>
          {t('meetings.export.csv')}
        </Button>
        <Button variant="secondary" onClick={() => void download('xlsx')} disabled={rows.length === 0}>
          {t('meetings.export.xlsx')}
        </Button>
        <Button
          variant="danger-light"
          onClick={() => setDialog('cancel')}
          disabled={meeting.state === 'cancelled' || meeting.state === 'past' || meeting.state === 'draft'}
        >
          {t('meetings.cancel.open')}
        </Button>
      </Flex>
      <Typography tag="p">{t('meetings.counts', { registered: meeting.registered, invited: meeting.invited, waiting: meeting.waiting, checkedIn })}</Typography>
      {meeting.state === 'ongoing' || meeting.state === 'past' ? (
        <MeetingReportForm
          key={meeting.report.publishedAt ?? 'draft'}
          meeting={meeting}
          onSaved={() => {
            void list.reload();
            onChanged();
          }}
        />
      ) : null}
      {meeting.state === 'ongoing' || meeting.state === 'past' ? <RoomContributions meeting={meeting} /> : null}
      {meeting.state === 'past' ? <MinutesReview key={meeting.report.remarksWindow} meeting={meeting} onChanged={onChanged} /> : null}
      {meeting.state !== 'cancelled' ? <CheckInPanel documentId={meeting.documentId} roster={rows} onChecked={() => void list.reload()} /> : null}
      {list.data && rows.length === 0 ? <Typography tag="p">{t('meetings.registrants.empty')}</Typography> : null}
      <Table colCount={6} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            {(['name', 'email', 'status', 'code', 'checkedIn', 'registeredAt'] as const).map((c) => (
              <Th key={c}>
                <Typography variant="sigma">{t(`meetings.registrants.column.${c}`)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((r) => (
            <Tr key={r.id} data-testid="registrant-row">
              <Td style={{ whiteSpace: 'normal' }}>
                <Typography fontWeight="bold">{r.name}</Typography>
                {r.organisation ? <Typography variant="pi"> — {r.organisation}</Typography> : null}
              </Td>
              <Td>
                <Typography>{r.email ?? '—'}</Typography>
              </Td>
              <Td>
                <Badge>
                  {r.status === 'waitlisted'
                    ? t('meetings.status.waitlisted', { position: r.position ?? 0 })
                    : t(`meetings.status.${r.invited && r.status === 'registered' ? 'invited' : r.status}`)}
                </Badge>
              </Td>
              <Td>
                <Typography style={{ fontFamily: 'monospace' }}>{r.status === 'cancelled' ? '—' : r.code}</Typography>
              </Td>
              <Td>
                <Typography>{r.checkedInAt ? formatDateTime(r.checkedInAt) : '—'}</Typography>
              </Td>
              <Td>
                <Typography>{formatDateTime(r.registeredAt)}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {dialog === 'invite' ? <InvitationDialog documentId={meeting.documentId} onClose={close} /> : null}
      {dialog === 'cancel' ? <CancelDialog documentId={meeting.documentId} onClose={close} /> : null}
    </Flex>
  );
}
