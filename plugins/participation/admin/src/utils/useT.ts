import { useIntl } from 'react-intl';
import fr from '../translations/fr.json';
import { getTranslation } from './getTranslation';

type Key = keyof typeof fr;

/** Translates a plugin key; French is the default message, so the panel reads right before translations load. */
export function useT() {
  const { formatMessage } = useIntl();
  return (key: Key, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(key), defaultMessage: fr[key] }, values);
}
