import { createSecretKey } from 'crypto';
import jsonwebtoken from 'jsonwebtoken';

/** The claims of a verified token, as jsonwebtoken decodes them. */
export type TokenClaims = Record<string, unknown>;

/**
 * A JWT signature check for HMAC secrets with its key made once. Given the secret as a string, jsonwebtoken
 * first tries to read it as a public key on every call (an exception thrown and caught) before taking it as an
 * HMAC key: a cost on every signed-in request. Same secret, same algorithm, same refusals (bad signature,
 * expired, another algorithm, `alg: none`): the check answers null for any of them.
 *
 * Null when the configuration is not an HMAC one (no string secret, or an RS/ES algorithm): the caller keeps
 * the verifier of the plugin that owns the token (Strapi's session manager, users-permissions' JWT service).
 */
export function hmacTokenVerifier(
  secret: unknown,
  algorithm: string,
  options: Omit<jsonwebtoken.VerifyOptions, 'algorithms' | 'complete'> = {}
): ((token: string) => TokenClaims | null) | null {
  if (typeof secret !== 'string' || !secret || !/^HS(256|384|512)$/.test(algorithm)) return null;
  const key = createSecretKey(Buffer.from(secret));
  const verifyOptions: jsonwebtoken.VerifyOptions = { ...options, algorithms: [algorithm as jsonwebtoken.Algorithm] };
  return (token) => {
    try {
      const claims = jsonwebtoken.verify(token, key, verifyOptions);
      return typeof claims === 'object' && claims ? (claims as TokenClaims) : null;
    } catch {
      return null;
    }
  };
}
