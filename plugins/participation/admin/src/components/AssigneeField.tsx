import * as React from 'react';
import { Field, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';
import type { AdminAnswer } from '../api/types';

type Assignment = AdminAnswer<'/contributions/{id}/assignee', 'get'>['data'];

/** « Confiée à » : who answers this contribution; choosing a colleague tells them by mail (server side). */
export function AssigneeField({ documentId }: { documentId: string }) {
  const t = useT();
  const { get, put } = useFetchClient();
  const [assignment, setAssignment] = React.useState<Assignment | null>(null);
  const [message, setMessage] = React.useState<{ ok: boolean; text: string } | null>(null);

  React.useEffect(() => {
    get<{ data: Assignment }>(`/participation/contributions/${documentId}/assignee`)
      .then((res) => setAssignment(res.data.data))
      .catch(() => setAssignment(null));
  }, [get, documentId]);

  if (!assignment) return null;
  const choose = async (value: string | number) => {
    const assigneeId = value === 'none' ? null : Number(value);
    try {
      const res = await put<{ data: Assignment }>(`/participation/contributions/${documentId}/assignee`, { assigneeId });
      setAssignment(res.data.data);
      setMessage({ ok: true, text: assigneeId === null ? t('assign.cleared') : t('assign.done', { name: res.data.data.assignee?.name ?? '' }) });
    } catch {
      setMessage({ ok: false, text: t('assign.failed') });
    }
  };
  return (
    <Field.Root name="assignee" hint={t('assign.hint')}>
      <Field.Label>{t('assign.label')}</Field.Label>
      <SingleSelect value={assignment.assignee ? String(assignment.assignee.id) : 'none'} onChange={choose}>
        <SingleSelectOption value="none">{t('assign.nobody')}</SingleSelectOption>
        {assignment.candidates.map((c) => (
          <SingleSelectOption key={c.id} value={String(c.id)}>
            {c.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      {message ? (
        <Typography variant="pi" textColor={message.ok ? 'success600' : 'danger600'} role="status" data-testid="assign-message">
          {message.text}
        </Typography>
      ) : null}
    </Field.Root>
  );
}
