import nock from 'nock';
import { setDefaultSpacingBaseMs } from '../src/github/rate-limits.js';

// No test touches the network: any request nock does not expect fails the test.
nock.disableNetConnect();

// The throttling plugin spaces requests as against GitHub — a write a second apart, an issue 3 s —
// in every Octokit the tests build (the CLI's, the App's). Same order and gaps, in milliseconds.
setDefaultSpacingBaseMs(1);
