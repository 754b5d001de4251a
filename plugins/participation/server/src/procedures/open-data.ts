import { CONTRIBUTION_CHANNELS } from '../contributions/domain/policy';

/**
 * The columns of the register's CSV export, as its open-data Data Package describes them (open-data/queries.ts). No
 * author name: a name is personal data, and the register's integrity does not rest on it.
 */
export const REGISTER_FIELDS = [
  { name: 'numero', type: 'integer', description: 'Numéro d’inscription au registre, de 1 sans trou, dans l’ordre de réception' },
  { name: 'recue_le', type: 'datetime', description: 'Date et heure de réception (UTC, ISO 8601)' },
  { name: 'canal', type: 'string', description: 'Comment l’observation est parvenue', constraints: { enum: [...CONTRIBUTION_CHANNELS] } },
  {
    name: 'visibilite',
    type: 'string',
    description: 'published : publiée ; pending : en modération ; withheld : retenue (texte absent)',
    constraints: { enum: ['published', 'pending', 'withheld'] },
  },
  { name: 'titre', type: 'string', description: 'Titre de l’observation publiée' },
  { name: 'texte', type: 'string', description: 'Texte de l’observation publiée, tel que reçu' },
  { name: 'commune', type: 'string', description: 'Code INSEE de la commune concernée' },
  { name: 'empreinte_texte', type: 'string', description: 'SHA-256 du texte tel que reçu' },
  { name: 'empreinte_precedente', type: 'string', description: 'Empreinte de l’observation précédente (chaîne)' },
  { name: 'empreinte', type: 'string', description: 'SHA-256 de l’inscription, chaînée à la précédente' },
] as const;
