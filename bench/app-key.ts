/**
 * The RSA private key (PKCS #1 PEM, 2048 bits) the benches' App signs its JWTs with: the
 * environment's `GROUP_STEWARD_BENCH_RSA_KEY` (jest's global setup makes one for the whole run:
 * each test file gets its own copy of the environment, so a key a test file kept there would not
 * reach the next), else generated once per process (0.1–0.5 s), when first asked for, and kept
 * there.
 */
import { generateKeyPairSync } from 'node:crypto';

const KEY_ENV = 'GROUP_STEWARD_BENCH_RSA_KEY';

export function appPrivateKey(): string {
  const kept = process.env[KEY_ENV];
  if (kept) return kept;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  process.env[KEY_ENV] = privateKey;
  return privateKey;
}
