/**
 * The entry of the GitHub Action (`action.yml` → `dist/action/index.js`, this file bundled by
 * `npm run build:action`): runs the scheduled job once with the step's inputs. Everything is in
 * `run-action.ts`; `runAction` never throws (a failure fails the step with a message).
 */
import { runAction } from './run-action.js';

await runAction();
