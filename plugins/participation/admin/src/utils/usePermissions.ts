import * as React from 'react';
import { useAuth, useRBAC } from '@strapi/strapi/admin';

type Checked = Parameters<typeof useRBAC>[0];

/**
 * Strapi's useRBAC, checked again whenever the signed-in user's permissions change. Strapi's hook checks once, when
 * the screen mounts: on a page loaded straight from its address, that can be before the user's permissions have
 * arrived, and the screen then said « Vous n'avez pas les permissions » to an agent who has them (seen on a loaded
 * machine). The list of the user's permission ids is passed as the check's context, so a new list means a new check,
 * and the screen waits for it.
 */
export function usePermissions(checked: Checked) {
  const userPermissions = useAuth('Participation', (state) => state.permissions) as { id?: number | string; action: string }[] | undefined;
  // As a query string, the form Strapi's RBAC middlewares read their context in (they find nothing of theirs here).
  const version = React.useMemo(() => `participationPermissions=${(userPermissions ?? []).map((p) => p.id ?? p.action).join('.')}`, [userPermissions]);
  const result = useRBAC(checked, undefined, version);
  // The render in which the permissions change still carries the answer for the old ones: loading until the new
  // check has run (Strapi's hook sets its own loading flag in the effect that follows).
  const [settled, setSettled] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (!result.isLoading) setSettled(version);
  }, [result.isLoading, version]);
  return { ...result, isLoading: result.isLoading || settled !== version };
}
