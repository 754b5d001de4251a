import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { TextField } from '../components/FormFields';
import { useT } from '../utils/useT';
import { QUESTION_TYPES, type Choice, type Condition, type Question, type QuestionType } from '../../../shared/questionnaire';

/** A key from a label: lower case, no accents, underscores (« Vélo électrique » → velo_electrique). */
export const keyOf = (label: string, taken: Set<string>) => {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'q_$1')
      .slice(0, 30) || 'q';
  let key = base;
  for (let i = 2; taken.has(key) || key === 'autre'; i += 1) key = `${base}_${i}`;
  return key;
};

/** Choices typed one per line: a line keeps the key of the choice it was (by position), a new line gets a key from its label. */
const choicesFromLines = (text: string, before: Choice[]): Choice[] => {
  const taken = new Set<string>();
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label, i) => {
      const key = before[i] && !taken.has(before[i].key) ? before[i].key : keyOf(label, taken);
      taken.add(key);
      return { key, label };
    });
};

/** A new question of a type, with the limits that type needs. */
export function newQuestion(type: QuestionType, key: string, label: string, required: boolean, condition?: Condition | null): Question {
  const base = { key, label, required, condition: condition ?? null };
  const two = [
    { key: 'oui', label: 'Oui' },
    { key: 'non', label: 'Non' },
  ];
  switch (type) {
    case 'short_text':
      return { ...base, type, maxLength: 200 };
    case 'long_text':
      return { ...base, type, maxLength: 2000 };
    case 'single_choice':
      return { ...base, type, options: two, other: false };
    case 'multiple_choice':
      return { ...base, type, options: two, other: false, min: null, max: null };
    case 'ranking':
      return { ...base, type, options: two, positions: 2 };
    case 'matrix_single':
    case 'matrix_multiple':
      return { ...base, type, rows: [{ key: 'ligne_1', label: 'Ligne 1' }], columns: two };
    case 'scale':
      return { ...base, type, min: 0, max: 10, minLabel: null, maxLabel: null };
    case 'number':
      return { ...base, type, min: null, max: null, integer: true };
    case 'date':
      return { ...base, type, min: null, max: null };
    case 'commune':
      return { ...base, type };
    case 'file':
      return { ...base, type, maxFiles: 1 };
  }
}

type Leaf = { question: string; op: 'answered' | 'not_answered' | 'equals' | 'not_equals' | 'matches'; value?: string };

const leafOf = (c: Condition | null | undefined): Leaf | null => (c && 'question' in c ? (c as Leaf) : null);

const OPS: Leaf['op'][] = ['answered', 'not_answered', 'equals', 'not_equals', 'matches'];

/** One question: label, type, required, what its type needs, and when it shows. */
export function QuestionEditor({
  question: q,
  earlier,
  onChange,
  onMove,
  onRemove,
  index,
  count,
}: {
  question: Question;
  earlier: Question[];
  onChange: (q: Question) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  index: number;
  count: number;
}) {
  const t = useT();
  const leaf = leafOf(q.condition);
  const lines = (list: Choice[]) => list.map((c) => c.label).join('\n');
  const setCondition = (next: Leaf | null) =>
    onChange({
      ...q,
      condition: next
        ? next.op === 'answered' || next.op === 'not_answered'
          ? { question: next.question, op: next.op }
          : { ...next, value: next.value ?? '' }
        : null,
    } as Question);
  return (
    <Box marginTop={3} padding={3} background="neutral0" hasRadius data-testid="question-editor">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} alignItems="flex-end" wrap="wrap">
          <TextField
            name={`label-${q.key}`}
            label={t('questionnaires.question.label')}
            value={q.label}
            onChange={(label) => onChange({ ...q, label })}
            required
          />
          <Field.Root name={`type-${q.key}`}>
            <Field.Label>{t('questionnaires.question.type')}</Field.Label>
            <SingleSelect value={q.type} onChange={(v: string | number) => onChange(newQuestion(v as QuestionType, q.key, q.label, q.required, q.condition))}>
              {QUESTION_TYPES.map((type) => (
                <SingleSelectOption key={type} value={type}>
                  {t(`questionnaires.type.${type}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Checkbox checked={q.required} onCheckedChange={(c: boolean | 'indeterminate') => onChange({ ...q, required: c === true })}>
            {t('questionnaires.question.required')}
          </Checkbox>
          <Button variant="tertiary" size="S" onClick={() => onMove(index - 1)} disabled={index === 0}>
            {t('questionnaires.up')}
          </Button>
          <Button variant="tertiary" size="S" onClick={() => onMove(index + 1)} disabled={index === count - 1}>
            {t('questionnaires.down')}
          </Button>
          <Button variant="danger-light" size="S" onClick={onRemove}>
            {t('questionnaires.question.remove')}
          </Button>
        </Flex>
        {'options' in q ? (
          <TextField
            name={`options-${q.key}`}
            label={t('questionnaires.question.options')}
            hint={t('questionnaires.question.optionsHint')}
            value={lines(q.options)}
            onChange={(text) => onChange({ ...q, options: choicesFromLines(text, q.options) } as Question)}
            multiline
          />
        ) : null}
        {'rows' in q ? (
          <Flex gap={2} alignItems="flex-start">
            <TextField
              name={`rows-${q.key}`}
              label={t('questionnaires.question.rows')}
              value={lines(q.rows)}
              onChange={(text) => onChange({ ...q, rows: choicesFromLines(text, q.rows) })}
              multiline
            />
            <TextField
              name={`columns-${q.key}`}
              label={t('questionnaires.question.columns')}
              value={lines(q.columns)}
              onChange={(text) => onChange({ ...q, columns: choicesFromLines(text, q.columns) })}
              multiline
            />
          </Flex>
        ) : null}
        {q.type === 'single_choice' || q.type === 'multiple_choice' ? (
          <Checkbox checked={q.other} onCheckedChange={(c: boolean | 'indeterminate') => onChange({ ...q, other: c === true })}>
            {t('questionnaires.question.other')}
          </Checkbox>
        ) : null}
        {q.type === 'ranking' ? (
          <TextField
            name={`positions-${q.key}`}
            type="number"
            label={t('questionnaires.question.positions')}
            value={String(q.positions)}
            onChange={(v) => onChange({ ...q, positions: Number(v) || 1 })}
          />
        ) : null}
        {q.type === 'file' ? (
          <TextField
            name={`max-files-${q.key}`}
            type="number"
            label={t('questionnaires.question.maxFiles')}
            hint={t('questionnaires.question.maxFilesHint')}
            value={String(q.maxFiles)}
            onChange={(v) => onChange({ ...q, maxFiles: Number(v) || 1 })}
          />
        ) : null}
        {q.type === 'short_text' || q.type === 'long_text' ? (
          <TextField
            name={`max-${q.key}`}
            type="number"
            label={t('questionnaires.question.maxLength')}
            value={String(q.maxLength)}
            onChange={(v) => onChange({ ...q, maxLength: Number(v) || 1 })}
          />
        ) : null}
        {earlier.length ? (
          <Flex gap={2} alignItems="flex-end" wrap="wrap">
            <Field.Root name={`condition-${q.key}`}>
              <Field.Label>{t('questionnaires.condition.question')}</Field.Label>
              <SingleSelect
                value={leaf?.question ?? ''}
                onChange={(v: string | number) => setCondition(v ? { question: String(v), op: leaf?.op ?? 'answered', value: leaf?.value } : null)}
              >
                <SingleSelectOption value="">{t('questionnaires.condition.always')}</SingleSelectOption>
                {earlier.map((e) => (
                  <SingleSelectOption key={e.key} value={e.key}>
                    {e.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            {leaf ? (
              <Field.Root name={`op-${q.key}`}>
                <Field.Label>{t('questionnaires.condition.op')}</Field.Label>
                <SingleSelect value={leaf.op} onChange={(v: string | number) => setCondition({ ...leaf, op: v as Leaf['op'] })}>
                  {OPS.map((op) => (
                    <SingleSelectOption key={op} value={op}>
                      {t(`questionnaires.op.${op}`)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            ) : null}
            {leaf && leaf.op !== 'answered' && leaf.op !== 'not_answered' ? (
              <TextField
                name={`value-${q.key}`}
                label={t('questionnaires.condition.value')}
                value={leaf.value ?? ''}
                onChange={(value) => setCondition({ ...leaf, value })}
              />
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
}
