import { CAPABILITIES } from './capabilities';
import type { PersonalData } from './platform/personal-data';

let registry: Record<string, PersonalData> | null = null;

/**
 * Every capability that holds a citizen's data, as it declares it in its capability.ts (platform/personal-data.ts).
 * `GET /me/export` gathers each one's part, in this order; `DELETE /me` erases each one's rows in one transaction, in
 * `erasureOrder()` — the account last. A capability that stores a citizen's id declares it; a test fails until it does.
 * Read on first use: the account capability, which walks the registry, is itself one of the capabilities listed.
 */
export function personalData(): Record<string, PersonalData> {
  registry ??= Object.assign({}, ...CAPABILITIES.map((c) => ('personalData' in c ? c.personalData : {})));
  return registry!;
}

/** The order of erasure: every capability's rows, then the account. */
export const erasureOrder = () => [...Object.keys(personalData()).filter((k) => k !== 'account'), 'account'];
