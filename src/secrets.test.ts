import { assertProductionSecrets, REQUIRED_SECRETS } from './secrets';

const strong = () => 'k' + 'x'.repeat(31);
const productionEnv = (overrides: Record<string, string | undefined> = {}) => ({
  NODE_ENV: 'production',
  ...Object.fromEntries(REQUIRED_SECRETS.map((name) => [name, name === 'APP_KEYS' ? `${strong()},${strong()}` : strong()])),
  ...overrides,
});

describe('production secrets', () => {
  it('accepts strong secrets', () => {
    expect(() => assertProductionSecrets(productionEnv())).not.toThrow();
  });

  it.each(REQUIRED_SECRETS)('refuses to start without %s, naming it', (name) => {
    expect(() => assertProductionSecrets(productionEnv({ [name]: undefined }))).toThrow(new RegExp(`${name} est manquant`));
  });

  it('refuses a generated development secret, even as one of several app keys', () => {
    expect(() => assertProductionSecrets(productionEnv({ JWT_SECRET: 'dev-abcdefghijklmnopqrstuvwxyz' }))).toThrow(/JWT_SECRET/);
    expect(() => assertProductionSecrets(productionEnv({ APP_KEYS: `${strong()},dev-abcdefghijklmnopqrstuvwxyz` }))).toThrow(/APP_KEYS/);
    expect(() => assertProductionSecrets(productionEnv({ ADMIN_JWT_SECRET: 'tobemodified' }))).toThrow(/ADMIN_JWT_SECRET/);
  });

  it('does not check outside production', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
  });
});

describe('production CORS', () => {
  // Imported here so this file keeps testing the start-up checks of config/server.ts together.
  const { assertProductionCors } = jest.requireActual('./security') as typeof import('./security');
  it.each([undefined, '', '*', 'https://www.loire-atlantique.fr,*', 'https://site.example/chemin'])('refuses to start with CORS_ORIGINS=%j', (value) => {
    expect(() => assertProductionCors({ NODE_ENV: 'production', ...(value === undefined ? {} : { CORS_ORIGINS: value }) })).toThrow(/CORS_ORIGINS/);
  });
  it('starts with a list of origins, and checks nothing outside production', () => {
    expect(() =>
      assertProductionCors({ NODE_ENV: 'production', CORS_ORIGINS: 'https://www.loire-atlantique.fr, https://participer.loire-atlantique.fr' })
    ).not.toThrow();
    expect(() => assertProductionCors({ NODE_ENV: 'development' })).not.toThrow();
  });
});
