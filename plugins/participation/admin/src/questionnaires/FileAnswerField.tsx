import * as React from 'react';
import { Button, Field, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';
import { serverMessage } from '../api/types';
import { FILE_ANSWERS, type Question } from '../../../shared/questionnaire';

/** A file of the paper form: its id (the answer) and its name (shown). */
export type Joined = { id: string; name: string };

/**
 * A file question on paper: the agent joins the scan or photo (sent at once, recognised by the server by its bytes),
 * as many as the question takes. In the preview, nothing is sent: the file is only named.
 */
export function FileAnswerField({
  q,
  label,
  documentId,
  value,
  onChange,
}: {
  q: Extract<Question, { type: 'file' }>;
  label: string;
  documentId: string | null;
  value: Joined[];
  onChange: (v: Joined[]) => void;
}) {
  const t = useT();
  const { post } = useFetchClient();
  const [error, setError] = React.useState<string | null>(null);
  const join = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (!documentId) {
      // The preview names the file with an id of the right form; nothing leaves the browser.
      const id = `f_${Array.from(crypto.getRandomValues(new Uint8Array(22)), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;
      onChange([...value, { id, name: file.name }]);
      return;
    }
    const form = new FormData();
    form.append('question', q.key);
    form.append('file', file);
    try {
      const res = await post<{ data: Joined }>(`/participation/questionnaires/${documentId}/paper-files`, form);
      onChange([...value, { id: res.data.data.id, name: res.data.data.name }]);
    } catch (failure) {
      setError(serverMessage(failure) ?? t('error.load'));
    }
  };
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} role="group" aria-label={q.label}>
      <Field.Root name={q.key} id={`file-${q.key}`} error={error ?? undefined} hint={t('questionnaires.question.maxFilesHint')}>
        <Field.Label>{`${label} — ${t('questionnaires.paper.file')}`}</Field.Label>
        <input
          id={`file-${q.key}`}
          type="file"
          accept={FILE_ANSWERS.accept}
          disabled={value.length >= q.maxFiles}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            void join(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      {value.map((f) => (
        <Flex key={f.id} gap={2} alignItems="center">
          <Typography>{t('questionnaires.paper.fileSent', { name: f.name })}</Typography>
          <Button variant="tertiary" size="S" onClick={() => onChange(value.filter((x) => x.id !== f.id))}>
            {t('questionnaires.paper.fileRemove', { name: f.name })}
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}
