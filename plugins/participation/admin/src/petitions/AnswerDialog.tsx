import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { FormDialog } from '../components/FormDialog';
import { TextField, useSubmit, type Errors } from '../components/FormFields';
import { useT } from '../utils/useT';
import type { PetitionDetail as Detail } from './types';

export function AnswerDialog({ petition, onClose }: { petition: Detail; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { put } = useFetchClient();
  const [text, setText] = React.useState(petition.answer ?? '');
  const [errors, setErrors] = React.useState<Errors>({});
  const { busy, run } = useSubmit(setErrors, () => onClose(true));
  return (
    <FormDialog
      title={t('petitions.answer.title')}
      submitLabel={t('petitions.answer.submit')}
      busy={busy}
      error={errors.form}
      onSubmit={() => run(() => put(`/participation/petitions/${petition.documentId}/answer`, { text: text.trim() }), t('petitions.answer.done'))}
      onClose={() => onClose(false)}
    >
      <Typography fontWeight="bold">{petition.title}</Typography>
      <TextField
        name="text"
        label={t('petitions.answer.text')}
        hint={t('petitions.answer.hint')}
        value={text}
        onChange={setText}
        error={errors.text}
        multiline
        required
      />
    </FormDialog>
  );
}
