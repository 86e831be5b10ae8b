/**
 * zod's `locales` namespace as the tests load it (test/support/runtime.mjs redirects zod's
 * `../locales/index.js` here): English only, the default zod sets for itself and the only locale
 * Group Steward uses. The real index loads 63 more locale modules into every test file that
 * imports zod (nearly all), for nothing.
 */
export { default as en } from '../../node_modules/zod/v4/locales/en.js';
