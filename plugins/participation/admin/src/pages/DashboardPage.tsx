import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { Dashboard } from './Dashboard';

export function DashboardPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.consultationRead}>
      <Dashboard />
    </Page.Protect>
  );
}
