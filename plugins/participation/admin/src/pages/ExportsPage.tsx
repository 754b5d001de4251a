import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { Exports } from './Exports';

export function ExportsPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.export}>
      <Exports />
    </Page.Protect>
  );
}
