import * as React from 'react';
import { useAuth, useRBAC } from '@strapi/strapi/admin';

type Checked = Parameters<typeof useRBAC>[0];

/**
 * Strapi's useRBAC, checked again whenever the signed-in user's permissions change. Strapi's hook checks once, when
 * the screen mounts: on a page loaded straight from its address, that can be before the user's permissions have
 * arrived, and the screen then said « Vous n'avez pas les permissions » to an agent who has them (seen on a loaded
 * machine). The list of the user's permission ids is passed as the check's context, so a new list means a new check.
 */
export function usePermissions(checked: Checked) {
  const userPermissions = useAuth('Participation', (state) => state.permissions) as { id?: number | string; action: string }[] | undefined;
  // As a query string, the form Strapi's RBAC middlewares read their context in (they find nothing of theirs here).
  const version = React.useMemo(() => `participationPermissions=${(userPermissions ?? []).map((p) => p.id ?? p.action).join('.')}`, [userPermissions]);
  return useRBAC(checked, undefined, version);
}
