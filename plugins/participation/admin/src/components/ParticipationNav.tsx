import { SubNav } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { useT } from '../utils/useT';
import { usePermissions } from '../utils/usePermissions';

/** The Participation area's own menu; each entry shows only to roles that may open it (the server checks again). */
export function ParticipationNav() {
  const t = useT();
  const { allowedActions } = usePermissions({
    read: PERMISSIONS.consultationRead,
    moderate: PERMISSIONS.moderate,
    export: PERMISSIONS.export,
    outbox: PERMISSIONS.outbox,
    webhooks: PERMISSIONS.webhooks,
    petitions: PERMISSIONS.petitions,
    budgets: PERMISSIONS.budgets,
    procedures: PERMISSIONS.procedures,
    questionnaires: PERMISSIONS.questionnaires,
    meetings: PERMISSIONS.meetings,
  });
  const links = [
    { to: 'consultations', label: t('nav.consultations'), show: allowedActions.canRead },
    { to: 'procedures', label: t('nav.procedures'), show: allowedActions.canProcedures },
    { to: 'moderation', label: t('nav.moderation'), show: allowedActions.canModerate },
    { to: 'petitions', label: t('nav.petitions'), show: allowedActions.canPetitions },
    { to: 'budgets', label: t('nav.budgets'), show: allowedActions.canBudgets },
    { to: 'questionnaires', label: t('nav.questionnaires'), show: allowedActions.canQuestionnaires },
    { to: 'reunions', label: t('nav.meetings'), show: allowedActions.canMeetings },
    { to: 'dashboard', label: t('nav.dashboard'), show: allowedActions.canRead },
    { to: 'exports', label: t('nav.exports'), show: allowedActions.canExport },
    { to: 'outbox', label: t('nav.outbox'), show: allowedActions.canOutbox || allowedActions.canWebhooks },
  ].filter((l) => l.show);
  return (
    <SubNav.Main aria-label={t('plugin.name')}>
      <SubNav.Header label={t('plugin.name')} />
      <SubNav.Content>
        <SubNav.Sections>
          {links.map((l) => (
            <SubNav.Link key={l.to} to={l.to} label={l.label} />
          ))}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
}
