import { Typography } from '@strapi/design-system';
import { useT } from '../utils/useT';

export function UnsavedNotice() {
  const t = useT();
  return <Typography variant="pi">{t('lifecycle.unsaved')}</Typography>;
}
