/**
 * The RSA private key (PKCS #1 PEM, 2048 bits) the tests give the App, the CLI and the Action to
 * sign their JWTs with: the benches' (bench/app-key.ts), which test/support/global-setup.js makes
 * once per `jest` run before the workers start — the same key for the tests and the benches'
 * modules they import; when that did not run (a test file run another way), the process's own.
 */
export { appPrivateKey as testPrivateKey } from '../../bench/app-key.js';
