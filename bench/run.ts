/** `npm run bench`: every benchmark of the project, printed as plain lines. */
import { benchCharterValidation } from './charters.js';

console.log(benchCharterValidation(1000, 5).join('\n'));
console.log((await import('./labels.js').then((m) => m.benchLabelsAndLinking())).join('\n'));
console.log((await import('./activity.js').then((m) => m.benchActivity())).join('\n'));
