import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { TextField } from '../components/FormFields';
import { useT } from '../utils/useT';
import { type Registrant } from './data';

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
export function CheckInPanel({ documentId, roster, onChecked }: { documentId: string; roster: Registrant[]; onChecked: () => void }) {
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
