import { describe, expect, it } from '@jest/globals';
import { DASHBOARD_TITLE, dashboardBody, planDashboard } from '../../src/activity/dashboard.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import { DASHBOARD_LABEL, DASHBOARD_MARKER, hasDashboardMarker } from '../../src/activity/markers.js';
import { NOW, daysAgo, event, interestGroup, fullCoverage, item, snapshot, workingGroup } from './helpers.js';

const REPO = 'modelcontextprotocol/modelcontextprotocol';
const charters = [
  interestGroup(),
  workingGroup({ id: 'streaming', name: 'Streaming | Steering WG', status: 'retired', retired: { reason: 'Folded into transports.' } }),
  workingGroup(),
];
const verdicts = evaluateActivity({
  charters,
  snapshot: snapshot([item({ repo: 'modelcontextprotocol/registry', number: 391, events: [event(daysAgo(50), 'rdimitrov')] })], fullCoverage(charters)),
  now: NOW,
  inactivityDays: 30,
});
const body = dashboardBody(verdicts, charters, new Map([['registry', '[open](https://example.com)']]), 30);

describe('the health dashboard', () => {
  it('tables every group: active working groups, interest groups, then retired groups', () => {
    const rows = body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| group') && !l.startsWith('| ---'));
    expect(rows).toEqual([
      `| Registry Working Group | working group | active | \`wg:registry\` | [${daysAgo(50).slice(0, 10)}](https://github.com/modelcontextprotocol/registry/issues/391) | **idle** | all 3 sources read | [open](https://example.com) |`,
      '| Security Interest Group | interest group | active | `ig:security` | none found | unknown | unknown: no thread or conversation on GitHub in what was read; 1 of 2 sources read | — |',
      '| Streaming \\| Steering WG | working group | retired | `wg:streaming` | — | retired | — | — |',
    ]);
    expect(body.startsWith(`${DASHBOARD_MARKER}\n# ${DASHBOARD_TITLE}`)).toBe(true);
    expect(body).toContain('**3 groups:** 1 idle · 1 unknown · 1 retired');
    // Every GitHub source was read: only the interest group's unconfigured Discord channel is listed (issue 23).
    const unjudged = body.slice(body.indexOf('## Groups Group Steward cannot judge'), body.indexOf('## Meetings and conversations'));
    expect(unjudged.split('\n').filter((l) => l.startsWith('- '))).toEqual(['- **Security Interest Group** (`ig:security`)']);
    expect(hasDashboardMarker(body)).toBe(true);
  });

  it('is created when missing, with its label', () => {
    expect(planDashboard(null, body, REPO)).toEqual([
      { kind: 'create-issue', repo: REPO, title: DASHBOARD_TITLE, body, labels: [DASHBOARD_LABEL], why: 'no health dashboard issue exists yet' },
    ]);
  });

  it('is left alone when unchanged (line endings aside), and updated in place when changed', () => {
    expect(planDashboard({ number: 9, body }, body, REPO)).toEqual([]);
    expect(planDashboard({ number: 9, body: body.replace(/\n/g, '\r\n') }, body, REPO)).toEqual([]);
    expect(planDashboard({ number: 9, body: body.replace('**idle**', 'active') }, body, REPO)).toEqual([
      { kind: 'update-issue', repo: REPO, number: 9, body, why: 'the health dashboard changed' },
    ]);
  });
});
