import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverMessage } from '../api/types';
import { TextField } from '../components/FormFields';
import { useT } from '../utils/useT';
import { definitionIssues, type Definition, type Question } from '../../../shared/questionnaire';
import type { AdminQuestionnaire } from './data';
import { PaperResponseDialog } from './PaperResponseDialog';
import { QuestionEditor, keyOf, newQuestion } from './QuestionEditor';

type Form = {
  title: string;
  slug: string;
  description: string;
  audience: 'signed_in' | 'anonymous';
  editable: boolean;
  published: boolean;
  opensAt: string;
  closesAt: string;
  receiptNote: string;
  definition: Definition;
};

const local = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const formOf = (q: AdminQuestionnaire | null): Form => ({
  title: q?.title ?? '',
  slug: q?.slug ?? '',
  description: q?.description ?? '',
  audience: q?.audience ?? 'signed_in',
  editable: q?.editable ?? false,
  published: q?.published ?? false,
  opensAt: local(q?.opensAt ?? new Date(Date.now() + 86_400_000).toISOString()),
  closesAt: local(q?.closesAt ?? new Date(Date.now() + 31 * 86_400_000).toISOString()),
  receiptNote: q?.receiptNote ?? '',
  definition: (q?.definition as Definition | undefined) ?? { pages: [{ key: 'page_1', title: 'Page 1', questions: [] }] },
});

/**
 * « Constructeur » of a questionnaire: its title, dates and who may answer, then its pages and questions — type,
 * choices one per line, required, display condition chosen among the earlier questions — moved up or down. The
 * definition is checked by the same function as the server's before it is sent; the server's refusals are said
 * in place and what was typed stays.
 */
export function QuestionnaireBuilder({ questionnaire, onDone }: { questionnaire: AdminQuestionnaire | null; onDone: (documentId: string | null) => void }) {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [form, setForm] = React.useState<Form>(() => formOf(questionnaire));
  const [errors, setErrors] = React.useState<string[]>([]);
  const [busy, setBusy] = React.useState(false);
  const [preview, setPreview] = React.useState(false);
  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const pages = form.definition.pages;
  const setPages = (next: Definition['pages']) => setForm((f) => ({ ...f, definition: { pages: next } }));
  const allKeys = () => new Set(pages.flatMap((p) => p.questions.map((q) => q.key)));
  const updateQuestion = (p: number, i: number, next: Question) =>
    setPages(pages.map((page, x) => (x === p ? { ...page, questions: page.questions.map((q, y) => (y === i ? next : q)) } : page)));
  const move = <T,>(list: T[], from: number, to: number) => {
    if (to < 0 || to >= list.length) return list;
    const copy = [...list];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item);
    return copy;
  };

  const save = async () => {
    const local = definitionIssues(form.definition).map((i) => i.message);
    if (local.length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setErrors([]);
    const body = {
      title: form.title.trim(),
      slug: form.slug.trim(),
      description: form.description.trim() || null,
      definition: form.definition,
      audience: form.audience,
      editable: form.editable,
      published: form.published,
      opensAt: new Date(form.opensAt).toISOString(),
      closesAt: new Date(form.closesAt).toISOString(),
      receiptNote: form.receiptNote.trim() || null,
    };
    try {
      const res = questionnaire
        ? await put(`/participation/questionnaires/${questionnaire.documentId}`, body)
        : await post('/participation/questionnaires', body);
      toggleNotification({ type: 'success', message: t('questionnaires.saved') });
      onDone((res.data as { data: { documentId: string } }).data.documentId);
    } catch (error) {
      const details = (error as { response?: { data?: { error?: { details?: { errors?: { path: unknown[]; message: string }[] } } } } }).response?.data?.error
        ?.details;
      setErrors(details?.errors?.map((e) => `${e.path.join(' › ')} : ${e.message}`) ?? [serverMessage(error) ?? t('error.load')]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2}>
        <Button variant="tertiary" onClick={() => onDone(null)}>
          {t('questionnaires.back')}
        </Button>
        <Button onClick={save} loading={busy}>
          {t('questionnaires.save')}
        </Button>
        <Button variant="secondary" onClick={() => setPreview(true)}>
          {t('questionnaires.preview.open')}
        </Button>
      </Flex>
      {preview ? <PaperResponseDialog documentId={null} definition={form.definition} preview onClose={() => setPreview(false)} /> : null}
      {questionnaire?.locked ? <Typography textColor="warning600">{t('questionnaires.locked')}</Typography> : null}
      {errors.length ? (
        <Box role="alert" padding={3} background="danger100">
          {errors.map((e) => (
            <Typography key={e} tag="p" textColor="danger600">
              {e}
            </Typography>
          ))}
        </Box>
      ) : null}
      <Flex gap={4} wrap="wrap" alignItems="flex-start">
        <TextField name="title" label={t('questionnaires.field.title')} value={form.title} onChange={set('title')} required />
        <TextField
          name="slug"
          label={t('questionnaires.field.slug')}
          hint={t('questionnaires.field.slugHint')}
          value={form.slug}
          onChange={set('slug')}
          required
        />
        <TextField name="opensAt" type="datetime-local" label={t('questionnaires.field.opensAt')} value={form.opensAt} onChange={set('opensAt')} required />
        <TextField name="closesAt" type="datetime-local" label={t('questionnaires.field.closesAt')} value={form.closesAt} onChange={set('closesAt')} required />
      </Flex>
      <TextField name="description" label={t('questionnaires.field.description')} value={form.description} onChange={set('description')} multiline />
      <TextField name="receiptNote" label={t('questionnaires.field.receiptNote')} value={form.receiptNote} onChange={set('receiptNote')} multiline />
      <Flex gap={6} wrap="wrap">
        <Field.Root name="audience">
          <Field.Label>{t('questionnaires.field.audience')}</Field.Label>
          <SingleSelect value={form.audience} onChange={(v: string | number) => set('audience')(v as Form['audience'])}>
            <SingleSelectOption value="signed_in">{t('questionnaires.audience.signed_in')}</SingleSelectOption>
            <SingleSelectOption value="anonymous">{t('questionnaires.audience.anonymous')}</SingleSelectOption>
          </SingleSelect>
        </Field.Root>
        <Checkbox checked={form.editable} onCheckedChange={(c: boolean | 'indeterminate') => set('editable')(c === true)}>
          {t('questionnaires.field.editable')}
        </Checkbox>
        <Checkbox checked={form.published} onCheckedChange={(c: boolean | 'indeterminate') => set('published')(c === true)}>
          {t('questionnaires.field.published')}
        </Checkbox>
      </Flex>

      {pages.map((page, p) => {
        const earlier = pages.slice(0, p).flatMap((x) => x.questions);
        return (
          <Box key={page.key} padding={4} background="neutral100" hasRadius tag="section" aria-label={t('questionnaires.page.of', { title: page.title })}>
            <Flex gap={2} alignItems="flex-end" wrap="wrap">
              <TextField
                name={`page-${p}`}
                label={t('questionnaires.page.title', { n: p + 1 })}
                value={page.title}
                onChange={(v) => setPages(pages.map((x, i) => (i === p ? { ...x, title: v } : x)))}
              />
              <Button variant="tertiary" size="S" onClick={() => setPages(move(pages, p, p - 1))} disabled={p === 0}>
                {t('questionnaires.up')}
              </Button>
              <Button variant="tertiary" size="S" onClick={() => setPages(move(pages, p, p + 1))} disabled={p === pages.length - 1}>
                {t('questionnaires.down')}
              </Button>
              <Button variant="danger-light" size="S" onClick={() => setPages(pages.filter((_, i) => i !== p))} disabled={pages.length === 1}>
                {t('questionnaires.page.remove')}
              </Button>
            </Flex>
            {page.questions.map((q, i) => (
              <QuestionEditor
                key={q.key}
                question={q}
                earlier={[...earlier, ...page.questions.slice(0, i)]}
                onChange={(next) => updateQuestion(p, i, next)}
                onMove={(to) => setPages(pages.map((x, k) => (k === p ? { ...x, questions: move(x.questions, i, to) } : x)))}
                onRemove={() => setPages(pages.map((x, k) => (k === p ? { ...x, questions: x.questions.filter((_, y) => y !== i) } : x)))}
                index={i}
                count={page.questions.length}
              />
            ))}
            <Box paddingTop={3}>
              <Button
                variant="secondary"
                onClick={() => {
                  const label = t('questionnaires.question.new');
                  const next = newQuestion('single_choice', keyOf(`question_${allKeys().size + 1}`, allKeys()), label, false);
                  setPages(pages.map((x, k) => (k === p ? { ...x, questions: [...x.questions, next] } : x)));
                }}
              >
                {t('questionnaires.question.add')}
              </Button>
            </Box>
          </Box>
        );
      })}
      <Box>
        <Button
          variant="secondary"
          onClick={() => {
            const keys = new Set(pages.map((x) => x.key));
            setPages([...pages, { key: keyOf(`page_${pages.length + 1}`, keys), title: `Page ${pages.length + 1}`, questions: [] }]);
          }}
        >
          {t('questionnaires.page.add')}
        </Button>
      </Box>
    </Flex>
  );
}
