/** A meeting as the calendar adapter reads it (`read-feed.ts` re-exports it): plain data, no I/O. */

/** One meeting of a feed, as read: instants ISO 8601 UTC. */
export interface CalendarMeeting {
  /** The event's page (Meetable's `URL`), the de-duplication key when present. */
  url?: string;
  uid: string;
  /** Plain text, at most 300 characters. */
  title: string;
  /** ISO UTC. */
  start: string;
  end?: string;
  /** `CREATED` (when the event was first published), for "announced ≥ 7 days ahead". */
  created?: string;
  /** `STATUS:CANCELLED`. */
  cancelled: boolean;
  /** A GitHub Discussions link the event names (agenda/notes), when any. */
  discussion?: string;
}
