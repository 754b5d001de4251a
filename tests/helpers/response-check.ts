import fs from 'fs';
import path from 'path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ROOT } from './database';

type Checked = { api: 'public' | 'admin'; method: string; path: string; status: number; body: unknown };

let ajv: Ajv2020 | null = null;
const validators = new Map<string, ValidateFunction | null>();

/** The committed documents, loaded once per test file. */
function compiler() {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(ROOT, 'openapi.json'), 'utf8')), 'public');
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(ROOT, 'openapi.admin.json'), 'utf8')), 'admin');
  return ajv;
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks one JSON success against the schema its committed OpenAPI document gives for that operation and status:
 * the message of a violation, or null. Every response a suite provokes goes through here (see startApp).
 */
export function violation(response: Checked): string | null {
  const route = response.path.replace(/:(\w+)/g, '{$1}');
  const key = `${response.api} ${response.method} ${route} ${response.status}`;
  if (!validators.has(key)) {
    const pointer = `${response.api}#/paths/${escape(route)}/${response.method.toLowerCase()}/responses/${response.status}`;
    const ajv = compiler();
    const operation = ajv.getSchema(pointer.replace(/\/responses\/\d+$/, ''));
    if (!operation) return `${key} : opération absente du document ${response.api}`;
    const documented = (ajv.getSchema(pointer)?.schema ?? null) as { content?: Record<string, unknown> } | null;
    if (!documented) return `${key} : statut que le document ne prévoit pas`;
    validators.set(key, documented.content?.['application/json'] ? ajv.compile({ $ref: `${pointer}/content/application~1json/schema` }) : null);
  }
  const validate = validators.get(key);
  if (!validate || validate(response.body)) return null;
  return `${key} ne suit pas le contrat : ${ajv!.errorsText(validate.errors)}\n${JSON.stringify(response.body).slice(0, 400)}`;
}
