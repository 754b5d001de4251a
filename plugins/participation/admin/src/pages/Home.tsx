import { Navigate } from 'react-router-dom';
import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { usePermissions } from '../utils/usePermissions';

/** Agents land on their consultations, moderators on their queue, garants on their procedures. */
export function Home() {
  const { allowedActions, isLoading } = usePermissions({
    read: PERMISSIONS.consultationRead,
    moderate: PERMISSIONS.moderate,
    petitions: PERMISSIONS.petitions,
    procedures: PERMISSIONS.procedures,
  });
  if (isLoading) return <Page.Loading />;
  return (
    <Navigate
      to={
        allowedActions.canRead
          ? 'consultations'
          : allowedActions.canModerate
            ? 'moderation'
            : allowedActions.canPetitions
              ? 'petitions'
              : allowedActions.canProcedures
                ? 'procedures'
                : 'dashboard'
      }
      replace
    />
  );
}
