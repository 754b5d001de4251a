import * as React from 'react';
import { Button, Dialog, Field, Flex, SingleSelect, SingleSelectOption, Textarea, TextInput } from '@strapi/design-system';
import { useT } from '../utils/useT';

import type { Decision } from '../api/types';

/** Reasons moderators pick most; the author reads the chosen one. */
export const REASON_PRESETS = [
  'Hors du sujet de la consultation',
  'Propos injurieux ou irrespectueux',
  'Contient des données personnelles',
  'Publicité ou spam',
  "Doublon d'une autre contribution",
  'Contraire à la charte de participation',
];
const OTHER = '__other__';

type Props = {
  decision: Decision | null;
  count: number;
  onCancel: () => void;
  onConfirm: (reason: string, note: string) => void;
};

/** Asks the reason of a reject or hide decision (and an optional note to the author). */
export function DecisionDialog({ decision, count, onCancel, onConfirm }: Props) {
  const t = useT();
  const [preset, setPreset] = React.useState<string>('');
  const [custom, setCustom] = React.useState('');
  const [note, setNote] = React.useState('');
  React.useEffect(() => {
    setPreset('');
    setCustom('');
    setNote('');
  }, [decision]);
  const reason = preset === OTHER ? custom.trim() : preset;

  return (
    <Dialog.Root open={decision !== null} onOpenChange={(open) => (!open ? onCancel() : undefined)}>
      <Dialog.Content>
        <Dialog.Header>{decision ? t('decision.dialog.title', { decision: t(`decision.${decision}`), count }) : ''}</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" gap={4} alignItems="stretch" width="100%">
            <Field.Root name="reason" required>
              <Field.Label>{t('decision.reason')}</Field.Label>
              <SingleSelect
                placeholder={t('decision.reason.placeholder')}
                value={preset}
                onChange={(v) => setPreset(String(v))}
                aria-label={t('decision.reason')}
              >
                {REASON_PRESETS.map((r) => (
                  <SingleSelectOption key={r} value={r}>
                    {r}
                  </SingleSelectOption>
                ))}
                <SingleSelectOption value={OTHER}>{t('decision.reason.other')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
            {preset === OTHER ? (
              <Field.Root name="customReason" required>
                <Field.Label>{t('decision.reason.custom')}</Field.Label>
                <TextInput value={custom} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setCustom(e.target.value)} />
              </Field.Root>
            ) : null}
            <Field.Root name="note">
              <Field.Label>{t('decision.note')}</Field.Label>
              <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />
            </Field.Root>
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('decision.cancel')}</Button>
          </Dialog.Cancel>
          <Button variant="danger-light" disabled={!reason} onClick={() => onConfirm(reason, note.trim())}>
            {t('decision.confirm')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}
