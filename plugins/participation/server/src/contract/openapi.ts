import * as z from 'zod/v4';
import { statusOf, type ErrorCode } from '../platform/errors';
import { ADMIN_ROUTES, adminRouteErrors, COMMON_ERRORS, PUBLIC_ROUTES, routeErrors, type AdminRoute, type PublicRoute } from './routes';
import { ErrorEnvelope } from './schemas';

// JSON Schema documents are open-ended trees: `unknown` leaves, narrowed where read.
export type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; required?: string[]; $defs?: Record<string, JsonSchema> };

const ERROR_TEXT: Record<number, string> = {
  400: 'Entrée invalide (erreurs par champ dans `details.errors`).',
  401: 'Connexion requise, ou jeton invalide.',
  403: 'Action non permise à cette personne.',
  404: 'Introuvable ou non public (même réponse dans les deux cas).',
  409: "Conflit avec l'état (consultation close, déjà signalé…).",
  413: 'Corps de requête trop volumineux.',
  415: 'Corps non JSON.',
  429: 'Trop de requêtes : voir `Retry-After`.',
};

/**
 * Turns zod schemas into JSON Schema 2020-12 (what OpenAPI 3.1 uses), hoisting every named schema (`.meta({ id })`)
 * into `components.schemas` so the document names each shape once.
 */
function collector() {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
    delete json.$schema;
    const defs = json.$defs ?? {};
    delete json.$defs;
    for (const [name, def] of Object.entries(defs)) components[name] = def as JsonSchema;
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node && typeof node === 'object') {
        return Object.fromEntries(
          Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewrite(v)])
        );
      }
      return node;
    };
    for (const name of Object.keys(components)) components[name] = rewrite(components[name]) as JsonSchema;
    return rewrite(json) as JsonSchema;
  };
  return { components, convert };
}

const FEED_TYPES = {
  rss: { type: 'application/rss+xml', description: 'Flux RSS 2.0' },
  atom: { type: 'application/atom+xml', description: 'Flux Atom 1.0' },
  ics: { type: 'text/calendar', description: 'Agenda iCalendar (RFC 5545)' },
} as const;

const AUTH_TEXT: Record<PublicRoute['auth'], string> = {
  none: 'Sans compte.',
  optional: 'Compte facultatif : avec un jeton, la réponse dit aussi ce que la personne connectée peut faire.',
  required: 'Compte citoyen requis (jeton JWT) ; 401 sans lui.',
};
const CACHE_TEXT = {
  true: 'Réponse avec ETag : `If-None-Match` donne 304 quand rien n’a changé. Sans jeton, servie depuis un cache partagé que toute écriture rend caduc avant que sa réponse parte (`X-Cache`).',
  streamed: 'Réponse envoyée au fil de l’eau, avec Cache-Control.',
} as const;

/** What the operation is for (its summary) and how to call it: account, caching, alternative formats. */
function operationDescription(route: PublicRoute) {
  return [
    `${route.summary.replace(/\.$/, '')}.`,
    AUTH_TEXT[route.auth],
    route.cache ? CACHE_TEXT[String(route.cache) as keyof typeof CACHE_TEXT] : null,
    route.csv ? 'Aussi en CSV avec `format=csv`.' : null,
    route.method !== 'GET' ? 'Les erreurs de saisie reviennent en 400 avec une erreur par champ ; rien n’est écrit.' : null,
  ]
    .filter(Boolean)
    .join(' ');
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(route: PublicRoute | AdminRoute, convert: (s: z.ZodType, io: 'input' | 'output') => JsonSchema) {
  const params: Record<string, unknown>[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = convert(schema, 'input');
    for (const [name, property] of Object.entries<JsonSchema>(json.properties ?? {})) {
      const isArray = JSON.stringify(property).includes('"type":"array"');
      params.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        schema: property,
        ...(isArray ? { style: 'form', explode: true } : {}),
      });
    }
  }
  return params;
}

/** The error responses of an operation, one per status, each listing its `details.code` values. */
function errorResponses(errorCodes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  const responses: Record<string, JsonSchema> = {};
  for (const [status, codes] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `${ERROR_TEXT[status] ?? 'Erreur.'} Codes : ${codes.join(', ')}.`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
    };
  }
  return responses;
}

const sortedComponents = (components: Record<string, JsonSchema>) => Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));

export function buildOpenApiDocument() {
  const { components, convert } = collector();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const allCodes = new Set<ErrorCode>(COMMON_ERRORS);

  for (const route of PUBLIC_ROUTES) {
    const errorCodes = routeErrors(route);
    errorCodes.forEach((c) => allCodes.add(c));

    const success =
      route.response === 'openapi'
        ? { description: 'Document OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } }
        : route.response === 'csv'
          ? { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }
          : route.response === 'redirect'
            ? { description: 'Redirection vers le fichier', headers: { Location: { schema: { type: 'string' } } } }
            : typeof route.response === 'string'
              ? {
                  description: FEED_TYPES[route.response].description,
                  content: { [FEED_TYPES[route.response].type]: { schema: { type: 'string' } } },
                  headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
                }
              : {
                  description: 'Succès',
                  content: {
                    'application/json': { schema: convert(route.response, 'output') },
                    ...(route.csv ? { 'text/csv; charset=utf-8': { schema: { type: 'string' } } } : {}),
                    ...(route.pdf ? { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } : {}),
                  },
                  ...(route.cache
                    ? {
                        headers: {
                          ...(route.cache === true
                            ? {
                                ETag: { schema: { type: 'string' } },
                                'X-Cache': {
                                  description: 'Lecture anonyme : `hit` servie depuis le cache partagé, `miss` calculée à l’instant.',
                                  schema: { type: 'string', enum: ['hit', 'miss'] },
                                },
                              }
                            : {}),
                          'Cache-Control': { schema: { type: 'string' } },
                        },
                      }
                    : {}),
                };

    const responses: Record<string, JsonSchema> = { [String(route.success)]: success };
    if (route.cache === true) responses['304'] = { description: 'Inchangé depuis `If-None-Match`.' };
    Object.assign(responses, errorResponses(errorCodes));

    const operation: JsonSchema = {
      operationId: route.handler.replace('.', '_'),
      summary: route.summary,
      description: operationDescription(route),
      tags: [route.tag],
      parameters: parameters(route, convert),
      ...requestBodyOf(route, convert),
      ...(route.form
        ? {
            requestBody: {
              required: false,
              content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { 'List-Unsubscribe': { const: 'One-Click' } } } } },
            },
          }
        : {}),
      responses,
      // Public operations say so: an empty requirement, not an absent one.
      security: route.auth === 'required' ? [{ citizenJwt: [] }] : route.auth === 'optional' ? [{}, { citizenJwt: [] }] : [],
    };
    const path = openApiPath(route.path);
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }

  // The error envelope is referenced by every route: it is a component of its own.
  const { id: _id, ...errorSchema } = convert(ErrorEnvelope, 'output');
  components.Error = errorSchema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Participer — API publique',
      version: '1.0.0',
      description:
        "API publique de la plateforme de participation citoyenne (plugin Strapi `participation`). Réponses `{ data, meta }`, erreurs dans l'enveloppe de Strapi avec un `details.code` stable. Codes d'erreur : " +
        [...allCodes].sort().join(', ') +
        '.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      contact: { name: 'Participer — plateforme de participation citoyenne' },
    },
    servers: [{ url: '/api/participation' }],
    tags: [
      { name: 'Taxonomies', description: 'Thèmes et territoires' },
      { name: 'Consultations', description: 'Consultations publiques' },
      {
        name: 'Procédures',
        description:
          'Procédures légales (concertation préalable, participation par voie électronique, enquête publique…) : registre numéroté et infalsifiable des observations',
      },
      { name: 'Contributions', description: 'Contributions, soutiens, commentaires, signalements' },
      {
        name: 'Pétitions',
        description: "Pétitions et droit d'interpellation : dépôt, recevabilité, recours, signatures, seuils par étape et par territoire, réponses",
      },
      {
        name: 'Budgets participatifs',
        description: 'Projets, recevabilité, vote en un bulletin (blanc possible), récépissé, résultats calculés selon les règles, suivi des lauréats',
      },
      {
        name: 'Questionnaires',
        description: 'Questionnaires à pages et conditions d’affichage : réponse connectée ou anonyme, brouillon à reprendre, récépissé, graphiques publiés',
      },
      {
        name: 'Réunions',
        description: 'Réunions publiques sur place, en ligne ou les deux : inscription, liste d’attente dans l’ordre, code d’entrée, calendrier',
      },
      { name: 'Compte', description: 'Données de la personne connectée' },
      { name: 'Suivi', description: 'Suivre, préférences de notification, désabonnement' },
      { name: 'Flux', description: 'RSS, Atom et iCalendar' },
      { name: 'Données ouvertes', description: 'Fichiers sous Licence Ouverte 2.0, décrits par des Data Packages frictionless' },
      { name: 'Contrat', description: 'Ce document' },
    ],
    paths,
    components: {
      schemas: sortedComponents(components),
      securitySchemes: {
        citizenJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Jeton obtenu par POST /api/auth/local (users-permissions).' },
      },
    },
  };
}

const ADMIN_SUCCESS: Record<'csv' | 'file' | 'document' | 'empty', JsonSchema> = {
  csv: { description: 'Fichier CSV (UTF-8), en pièce jointe', content: { 'text/csv': { schema: { type: 'string' } } } },
  file: {
    description: 'Fichier XLSX ou CSV selon `format`, en pièce jointe',
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
      'text/csv': { schema: { type: 'string' } },
    },
  },
  document: {
    description: 'Le document (PDF, JPEG ou PNG, type lu à ses premiers octets), en pièce jointe',
    content: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
  },
  empty: { description: 'Fait ; pas de corps.' },
};

/** A route's request body: a file form where it takes a file, else its JSON body (none without one). */
function requestBodyOf(route: PublicRoute | AdminRoute, convert: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema): Record<string, unknown> {
  if (route.upload)
    return {
      requestBody: {
        required: true,
        content: { 'multipart/form-data': { schema: uploadSchema(route.upload, route.body ? convert(route.body, 'input') : null) } },
      },
    };
  return route.body ? { requestBody: { required: true, content: { 'application/json': { schema: convert(route.body, 'input') } } } } : {};
}

/** A file upload's form: the file, and the route's other fields (form fields are text). */
function uploadSchema(upload: NonNullable<AdminRoute['upload']>, fields: JsonSchema | null): JsonSchema {
  const properties = (fields?.properties ?? {}) as Record<string, JsonSchema>;
  return {
    type: 'object',
    required: [upload.field, ...((fields?.required as string[] | undefined) ?? [])],
    properties: { [upload.field]: { type: 'string', format: 'binary', description: upload.description }, ...properties },
  };
}

/**
 * The admin API's document (the routes the admin panel calls, prefix /participation), from the admin route registry:
 * the admin panel's types are generated from it (`npm run admin:types`), so its screens read what the server sends.
 */
export function buildAdminOpenApiDocument() {
  const { components, convert } = collector();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ADMIN_ROUTES) {
    const success =
      typeof route.response === 'string'
        ? ADMIN_SUCCESS[route.response]
        : { description: 'Succès', content: { 'application/json': { schema: convert(route.response, 'output') } } };
    const operation: JsonSchema = {
      operationId: route.handler.replace('.', '_').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
      summary: route.summary,
      description: `${route.summary.replace(/\.$/, '')}. Permission : \`${route.permission}\` (vérifiée par le serveur, quoi qu’affiche l’interface).${
        route.method !== 'GET' ? ' Les erreurs de saisie reviennent en 400 avec une erreur par champ ; rien n’est écrit.' : ''
      }`,
      tags: [route.tag],
      parameters: parameters(route, convert),
      ...requestBodyOf(route, convert),
      responses: { [String(route.success)]: success, ...errorResponses(adminRouteErrors(route)) },
      security: [{ adminJwt: [] }],
    };
    const path = openApiPath(route.path);
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  const { id: _id, ...errorSchema } = convert(ErrorEnvelope, 'output');
  components.Error = errorSchema;
  const tags = [...new Set(ADMIN_ROUTES.map((r) => r.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Participer — API d’administration',
      version: '1.0.0',
      description:
        'Les routes que le panneau d’administration appelle (plugin Strapi `participation`), pour les agents, modérateurs et administrateurs. Jeton d’administration Strapi ; chaque route vérifie sa permission. Réponses `{ data, meta }`, erreurs dans l’enveloppe de Strapi avec un `details.code` stable.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      contact: { name: 'Participer — plateforme de participation citoyenne' },
    },
    servers: [{ url: '/participation' }],
    tags: tags.map((name) => ({ name, description: ADMIN_TAGS[name] })),
    paths,
    components: {
      schemas: sortedComponents(components),
      securitySchemes: {
        adminJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Session d’administration Strapi (ou jeton d’API d’administration).',
        },
      },
    },
  };
}

const ADMIN_TAGS: Record<AdminRoute['tag'], string> = {
  'Tableau de bord': 'Chiffres et activité des consultations',
  Consultations: 'Liste, état et changements d’état des consultations',
  Procédures: 'Procédures légales : calendrier, registre complet, bilan ou rapport du garant ou du commissaire enquêteur, réponse du maître d’ouvrage',
  Modération: 'File de modération, décisions, réponses officielles, attribution, saisie papier',
  Exports: 'Exports des contributions et leur journal',
  Pétitions: 'Dispositifs, recevabilité et recours, signatures papier, réponses, regroupements',
  'Budgets participatifs': 'Calendrier et règles, projets, bulletins papier, résultats, suivi',
  Questionnaires: 'Constructeur, publication, questionnaires papier, résultats en direct, réponses libres, graphiques publiés, export',
  Réunions: 'Réunions publiques : création, publication, annulation, inscrits et liste d’attente, invitations, pointage à l’entrée',
  'Envois et webhooks': 'Boîte d’envoi et webhooks',
};
