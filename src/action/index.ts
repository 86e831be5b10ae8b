/**
 * The Action's entry point (`action.yml` → `dist/action/index.js`, this file bundled by
 * `npm run build:action`): runs the step on load. The logic is `run()` in `main.ts`.
 */
import { run } from './main.js';

await run();
