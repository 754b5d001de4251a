import { Navigate, Route, Routes } from 'react-router-dom';
import { Page, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { DashboardPage } from './DashboardPage';
import { ModerationPage } from './ModerationPage';

/** Moderators land on their queue, agents and communication staff on the dashboard. */
function Home() {
  const { allowedActions, isLoading } = useRBAC({ moderate: PERMISSIONS.moderate });
  if (isLoading) return <Page.Loading />;
  return <Navigate to={allowedActions.canModerate ? 'moderation' : 'dashboard'} replace />;
}

export default function App() {
  return (
    <Routes>
      <Route index element={<Home />} />
      <Route path="moderation" element={<ModerationPage />} />
      <Route path="dashboard" element={<DashboardPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  );
}
