import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { Consultations } from './Consultations';

export function ConsultationsPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.consultationRead}>
      <Consultations />
    </Page.Protect>
  );
}
