import * as React from 'react';
import { useForm } from '@strapi/strapi/admin';

type Values = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const versionOf = (values: Values | undefined) => String(values?.updatedAt ?? '');

/**
 * A refused save keeps what was typed. Strapi's Content Manager saves optimistically, and when the server refuses
 * (a field error, a role's limit, a state conflict) it rolls its cache back, which re-initialises the form from the
 * last saved version: everything typed since — a synthesis, « Et ensuite », a long text — was lost. Here, when the
 * form is re-initialised after a save that did not land (the document's `updatedAt` did not move), the values that
 * were sent are put back; the refusal's message and the field's error stay as Strapi shows them. Used by an
 * edit-view side panel that shows nothing, so it runs on every type's edit view.
 */
function useKeepTypedWork() {
  const values = useForm('KeepTypedWork', (state) => state.values) as Values;
  const initialValues = useForm('KeepTypedWork', (state) => state.initialValues) as Values;
  const isSubmitting = useForm('KeepTypedWork', (state) => state.isSubmitting);
  const setValues = useForm('KeepTypedWork', (state) => state.setValues);
  const sent = React.useRef<{ values: Values; version: string } | null>(null);

  // What a save or a publication sends, and the version it starts from.
  React.useEffect(() => {
    if (isSubmitting) sent.current = { values, version: versionOf(initialValues) };
    // Only at the moment a submission starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isSubmitting]);

  React.useEffect(() => {
    const attempt = sent.current;
    if (!attempt || isSubmitting) return;
    if (versionOf(initialValues) !== attempt.version) {
      // Saved: the form shows the version the server kept.
      sent.current = null;
      return;
    }
    if (!same(values, attempt.values) && same(values, initialValues)) {
      // Refused, and the form went back to the last saved version: what was typed comes back.
      sent.current = null;
      setValues(attempt.values);
    }
  }, [initialValues, values, isSubmitting, setValues]);
}

/** The Content Manager calls a side panel's function while it renders (hooks allowed); null shows no panel. */
export const KeepTypedWorkPanel = () => {
  useKeepTypedWork();
  return null;
};
KeepTypedWorkPanel.type = 'keep-typed-work';
