/**
 * The one-sentence reason of a verdict, for facilitators: absolute UTC dates, spans in whole days
 * (rounded down) and the window. It depends on `now`, so it belongs in reports and comments,
 * never in an issue body that is compared from run to run.
 */
import { RETIRED_ON_UNKNOWN } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import { dateStartMs, DAY_MS, days, utcDate, wholeDays } from './dates.js';
import type { LastActivity, Verdict } from './verdict.js';
import type { SourceCoverage } from './coverage.js';
import type { DeliverableState } from './group-work.js';

export interface ReasonFacts {
  verdict: Verdict;
  charter: Charter;
  /** UTC ms. */
  now: number;
  inactivityDays: number;
  last: LastActivity | null;
  itemsCounted: number;
  deliverables: readonly DeliverableState[];
  /** Each source of the group's work, judged for the window. */
  coverage: readonly SourceCoverage[];
  /** The snapshot's `since`, when it only holds items updated on or after it (`YYYY-MM-DD`). */
  dataSince?: string;
  /** An interest group's SEP-1302 expectation on what was read (`met: …`, `not met: …`, `unknown: …`). */
  expectation?: { state: 'met' | 'not met' | 'unknown'; text: string };
}

/** `comment on o/n#12`, `meeting "Auth IG"`, `message in #auth-ig`: what the latest activity was. */
export function activityWhat(last: LastActivity): string {
  switch (last.kind) {
    case 'meeting':
      return `meeting "${last.title}"`;
    case 'message':
      return `message in #${last.channel}`;
    default:
      return `${last.kind} on ${last.repo}#${last.number}`;
  }
}

/** Most unread sources a reason names; the rest are counted. */
const MAX_NAMED_SOURCES = 3;

/** `repository acme/ghost: not found or not readable by this installation; …`, or '' when all were read. */
export function unreadSources(coverage: readonly SourceCoverage[]): string {
  const unread = coverage.filter((c) => c.status !== 'read');
  const named = unread.slice(0, MAX_NAMED_SOURCES).map((c) => `${c.source}: ${c.why ?? c.status}`);
  const more = unread.length - named.length;
  return [...named, ...(more > 0 ? [`${more} more ${more === 1 ? 'source' : 'sources'}`] : [])].join('; ');
}

/** E.g. `no human activity since 2026-07-10 (72 days, window 30 days)`. */
export function verdictReason(f: ReasonFacts): string {
  const window = `window ${days(f.inactivityDays)}`;
  const since = (ms: number) => days(Math.max(0, wholeDays(f.now - ms)));
  const formed = dateStartMs(f.charter.formed);
  switch (f.verdict) {
    case 'retired':
      return retiredOnText(f.charter.retired?.on);
    case 'completed':
      return `every listed deliverable is closed or merged (${f.deliverables.map((d) => `${d.repo}#${d.number} ${d.state}`).join(', ')})`;
    case 'active': {
      const last = f.last as LastActivity;
      const at = Date.parse(last.at);
      // An interest group's counts are its `expectation`'s (shown beside the reason): a count read newest first is only a lower bound.
      return `last human activity on ${utcDate(at)} (${activityWhat(last)}, ${since(at)} ago; ${window})`;
    }
    case 'grace': {
      const start = formed as number;
      const activity = f.last ? `last human activity on ${utcDate(Date.parse(f.last.at))}` : 'no human activity yet';
      return `formed on ${utcDate(start)}, ${since(start)} ago: in its grace period until ${utcDate(start + f.inactivityDays * DAY_MS)}; ${activity}`;
    }
    case 'unknown': {
      const seen = f.last ? `no human activity seen since ${utcDate(Date.parse(f.last.at))} (${since(Date.parse(f.last.at))}, ${window})` : `no human activity seen (${window})`;
      // SEP-1302 § IG Lifecycle on what was read: every source read and nothing in the window is "not met".
      if (f.charter.type === 'interest' && f.expectation?.state === 'not met') return `${f.expectation.text} (${window}; every source read)`;
      const unread = unreadSources(f.coverage);
      if (!unread) return seen;
      return `cannot be judged: ${seen} in what was read, but not everything was read — ${unread}`;
    }
    case 'idle': {
      if (f.last) return `no human activity since ${utcDate(Date.parse(f.last.at))} (${since(Date.parse(f.last.at))}, ${window})`;
      const where = f.itemsCounted === 0 ? 'no work found (nothing labelled, in its repositories or among its deliverables)' : `no human activity on its ${f.itemsCounted} ${f.itemsCounted === 1 ? 'item' : 'items'}`;
      // Older work may exist beyond what the snapshot collected: say only what was looked at.
      const sinceMs = dateStartMs(f.dataSince);
      if (sinceMs !== null && (formed === null || sinceMs > formed)) return `${where} updated since ${utcDate(sinceMs)} (${since(sinceMs)}, ${window})`;
      return formed === null
        ? `${where}, and no formation date recorded (${window})`
        : `${where} since it was formed on ${utcDate(formed)} (${since(formed)}, ${window})`;
    }
  }
}

/** How a retired group's reason reads: its date, or that no record dates it (`on: unknown`), or that none was recorded. */
function retiredOnText(on: string | undefined): string {
  if (on === undefined) return 'retired (no date recorded); not evaluated';
  return on === RETIRED_ON_UNKNOWN ? 'retired (no record dates it); not evaluated' : `retired on ${on}; not evaluated`;
}
