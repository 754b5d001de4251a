import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { Outbox } from './Outbox';

export function OutboxPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.outbox, ...PERMISSIONS.webhooks]}>
      <Outbox />
    </Page.Protect>
  );
}
