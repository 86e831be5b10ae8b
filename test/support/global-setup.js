import { generateKeyPairSync } from 'node:crypto';

/**
 * Once per `jest` run, before the workers start (they inherit the environment): the RSA key the
 * tests sign App JWTs with (test/support/keys.ts). Generating a 2048-bit key takes 0.1–0.5 s; a
 * dozen test files each made their own. A PEM string, read only.
 */
export default function globalSetup() {
  // The name test/support/keys.ts reads.
  process.env.JEST_GROUP_STEWARD_TEST_RSA_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
}
