'use strict';
const crypto = require('crypto');

/** Throw-away secrets for a production-mode server started by a benchmark (never written anywhere). */
function freshSecrets() {
  const secret = () => crypto.randomBytes(24).toString('hex');
  return {
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
}

module.exports = { freshSecrets };
