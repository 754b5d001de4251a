import { Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { ModerationQueue } from './ModerationQueue';

export function ModerationPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.moderate}>
      <ModerationQueue />
    </Page.Protect>
  );
}
