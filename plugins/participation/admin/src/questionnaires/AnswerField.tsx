import * as React from 'react';
import { Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { CommuneField } from '../components/CommuneField';
import { TextField } from '../components/FormFields';
import { useT } from '../utils/useT';
import { type Question } from '../../../shared/questionnaire';
import { FileAnswerField, Joined } from './FileAnswerField';

/** One question of the paper form, as its type asks: a list, boxes to tick, a number, a date, a commune, a file, a text. */
export function AnswerField({
  q,
  value,
  onChange,
  error,
  documentId,
}: {
  q: Question;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  documentId: string | null;
}) {
  const t = useT();
  const select = (name: string, label: string, current: string, options: { key: string; label: string }[], set: (v: string) => void) => (
    <Field.Root name={name} key={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={current} onChange={(v: string | number) => set(String(v))}>
        <SingleSelectOption value="">{t('questionnaires.paper.none')}</SingleSelectOption>
        {options.map((o) => (
          <SingleSelectOption key={o.key} value={o.key}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
  const label = `${q.label}${q.required ? ' *' : ''}`;
  let field: React.ReactNode;
  switch (q.type) {
    case 'single_choice':
      field = select(q.key, label, (value as string) ?? '', q.options, (v) => onChange(v || undefined));
      break;
    case 'multiple_choice': {
      const list = (value as string[] | undefined) ?? [];
      field = (
        <Flex direction="column" alignItems="flex-start" gap={1} role="group" aria-label={q.label}>
          <Typography fontWeight="semiBold">{label}</Typography>
          {q.options.map((o) => (
            <Checkbox
              key={o.key}
              checked={list.includes(o.key)}
              onCheckedChange={(c: boolean | 'indeterminate') => onChange(c === true ? [...list, o.key] : list.filter((k) => k !== o.key))}
            >
              {o.label}
            </Checkbox>
          ))}
        </Flex>
      );
      break;
    }
    case 'ranking': {
      const list = (value as string[] | undefined) ?? [];
      field = (
        <Flex direction="column" alignItems="stretch" gap={1} role="group" aria-label={q.label}>
          <Typography fontWeight="semiBold">{label}</Typography>
          {Array.from({ length: q.positions }, (_, i) =>
            select(`${q.key}-${i}`, t('questionnaires.paper.rank', { n: i + 1 }), list[i] ?? '', q.options, (v) => {
              const next = [...list];
              next[i] = v;
              onChange(next.filter(Boolean));
            })
          )}
        </Flex>
      );
      break;
    }
    case 'matrix_single':
    case 'matrix_multiple': {
      const grid = (value as Record<string, string | string[]> | undefined) ?? {};
      field = (
        <Flex direction="column" alignItems="stretch" gap={1} role="group" aria-label={q.label}>
          <Typography fontWeight="semiBold">{label}</Typography>
          {q.rows.map((r) =>
            q.type === 'matrix_single' ? (
              select(`${q.key}-${r.key}`, r.label, (grid[r.key] as string) ?? '', q.columns, (v) => onChange({ ...grid, [r.key]: v || undefined }))
            ) : (
              <Flex key={r.key} gap={2}>
                <Typography>{r.label}</Typography>
                {q.columns.map((c) => {
                  const cells = (grid[r.key] as string[] | undefined) ?? [];
                  return (
                    <Checkbox
                      key={c.key}
                      checked={cells.includes(c.key)}
                      onCheckedChange={(x: boolean | 'indeterminate') =>
                        onChange({ ...grid, [r.key]: x === true ? [...cells, c.key] : cells.filter((k) => k !== c.key) })
                      }
                    >
                      {c.label}
                    </Checkbox>
                  );
                })}
              </Flex>
            )
          )}
        </Flex>
      );
      break;
    }
    case 'commune':
      field = <CommuneField name={q.key} label={label} value={(value as string) ?? ''} onChange={(v: string) => onChange(v || undefined)} />;
      break;
    case 'file':
      field = (
        <FileAnswerField
          q={q}
          label={label}
          documentId={documentId}
          value={(value as Joined[] | undefined) ?? []}
          onChange={(files) => onChange(files.length ? files : undefined)}
        />
      );
      break;
    default:
      field = (
        <TextField
          name={q.key}
          label={label}
          type={q.type === 'date' ? 'date' : q.type === 'scale' || q.type === 'number' ? 'number' : 'text'}
          multiline={q.type === 'long_text'}
          value={value === undefined ? '' : String(value)}
          onChange={(v) => onChange(v === '' ? undefined : v)}
        />
      );
  }
  return (
    <div>
      {field}
      {error ? (
        <Typography textColor="danger600" tag="p">
          {error}
        </Typography>
      ) : null}
    </div>
  );
}
