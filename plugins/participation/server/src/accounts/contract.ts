import { type PublicRoute } from '../platform/route';
import { eraseBody, noQuery } from '../contract/inputs';
import * as S from '../contract/schemas';

/** The public routes of the signed-in citizen’s account and data: one entry per route, assembled in contract/routes.ts. */
export const accountsRoutes: PublicRoute[] = [
  {
    method: 'GET',
    path: '/me/export',
    handler: 'account.export',
    summary: 'Tout ce que la plateforme détient sur moi (JSON)',
    tag: 'Compte',
    auth: 'required',
    query: noQuery,
    success: 200,
    response: S.one(S.AccountExport),
    errors: [],
  },
  {
    method: 'DELETE',
    path: '/me',
    handler: 'account.erase',
    summary:
      'Effacer mon compte (mot de passe demandé à nouveau) : données personnelles supprimées, sessions révoquées, contributions conservées sous « Participant·e supprimé·e »',
    tag: 'Compte',
    auth: 'required',
    body: eraseBody,
    success: 200,
    response: S.one(S.AccountErased),
    errors: ['password_mismatch'],
  },
  {
    method: 'DELETE',
    path: '/me/sessions',
    handler: 'account.signOutEverywhere',
    summary: 'Me déconnecter partout : tous mes jetons, celui-ci compris, cessent de fonctionner',
    tag: 'Compte',
    auth: 'required',
    query: noQuery,
    success: 200,
    response: S.one(S.SignedOut),
    errors: [],
  },
];
