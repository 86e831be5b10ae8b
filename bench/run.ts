/** `npm run bench`: every benchmark of the project, printed as plain lines. Measurements, not tests. */
import { benchActivity } from './activity.js';
import { benchCalendar } from './calendar.js';
import { benchCharterCheck } from './charter-check.js';
import { benchCharterValidation } from './charters.js';
import { benchDiscord } from './discord.js';
import { benchGovernanceLoop } from './governance-loop.js';
import { benchHostileText } from './hostile-text.js';
import { benchLabelsAndLinking } from './labels.js';
import { benchPacing } from './pacing.js';
import { benchQueue } from './queue.js';
import { benchServer } from './server.js';

console.log(benchCharterValidation(1000, 5).join('\n'));
console.log((await benchCharterCheck()).join('\n'));
console.log((await benchLabelsAndLinking()).join('\n'));
console.log((await benchActivity()).join('\n'));
console.log((await benchGovernanceLoop()).join('\n'));
console.log(benchHostileText().join('\n'));
console.log((await benchPacing()).join('\n'));
console.log((await benchServer()).join('\n'));
console.log((await benchQueue()).join('\n'));
console.log((await benchCalendar()).join('\n'));
console.log((await benchDiscord()).join('\n'));
