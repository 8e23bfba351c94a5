/**
 * The person page's timeline (hub) shows where the person was: venue visits, trips, hotel stays, read from
 * the live presence index — the data tracing uses, kept only for the retention period (MISSION B3).
 */
import type { Clock } from '@shuzhi/core';
import type { TimelineContributor } from '@shuzhi/hub';
import { personPresence } from '../core/index.js';
import type { LivePresenceIndex } from './live-presence-index.js';

/** A person's latest entries; a timeline is read by a person, not exported. */
const MAX_ENTRIES = 500;

export function presenceTimeline(deps: {
  live: Pick<LivePresenceIndex, 'index'>;
  /** Platform person id → the id they are filed under in the index (`TraceService.indexNamesOf`). */
  indexNamesOf: (personIds: readonly string[]) => Promise<Map<string, string>>;
  clock: Clock;
}): TimelineContributor {
  return async ({ personIds }) => {
    const names = await deps.indexNamesOf(personIds);
    if (names.size === 0) return [];
    const index = await deps.live.index();
    const window = { from: 0, to: deps.clock.now().getTime() + 86_400_000 };
    const entries = [...names].flatMap(([personId, name]) =>
      personPresence(index, name, window)
        // Household membership has no time; the household is a place, not an event of the timeline.
        .filter((p) => p.start !== null)
        .map((p) => ({
          at: new Date(p.start!).toISOString(),
          kind: 'presence',
          id: `${p.kind}:${p.placeId}:${p.start}`,
          sourceId: null,
          personId,
          detail: {
            presenceKind: p.kind,
            placeId: p.placeId,
            zone: p.zone,
            row: p.row,
            end: p.end === null ? null : new Date(p.end).toISOString(),
          },
        })),
    );
    return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, MAX_ENTRIES);
  };
}
