/** LOG_LEVEL: error | warn | info | http (default: every request logged) | verbose | debug. */
export default {
  level: process.env.LOG_LEVEL || 'http',
};
