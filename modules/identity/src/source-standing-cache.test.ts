/** A source's standing, reused for a moment in one process and read afresh after a change made in it. */
import { describe, expect, it } from 'vitest';
import type { SourceStanding } from './source-standing.js';
import { SourceStandingCache } from './source-standing-cache.js';

function fakeHub(initial: Record<string, SourceStanding>) {
  const standings = new Map(Object.entries(initial));
  const reads: string[] = [];
  let clock = 0;
  return {
    standings,
    reads,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
    lookup: async (id: string) => {
      reads.push(id);
      return standings.get(id);
    },
  };
}

const enabled = { active: true, consumerOnly: false };
const disabled = { active: false, consumerOnly: false };

describe('the standing of a source, remembered briefly', () => {
  it('is read once for a burst of requests, and again when its time to live has passed', async () => {
    const hub = fakeHub({ lab: enabled });
    const cache = new SourceStandingCache(hub.lookup, 2_000, hub.now);
    for (let i = 0; i < 5; i++) expect(await cache.standingOf('lab')).toEqual(enabled);
    expect(hub.reads).toEqual(['lab']);
    // Changed by another process: seen once the entry is older than its time to live.
    hub.standings.set('lab', disabled);
    hub.advance(1_999);
    expect(await cache.standingOf('lab')).toEqual(enabled);
    hub.advance(1);
    expect(await cache.standingOf('lab')).toEqual(disabled);
    expect(hub.reads).toEqual(['lab', 'lab']);
  });

  it('is read afresh at once after a change made in this process', async () => {
    const hub = fakeHub({ lab: enabled, port: enabled });
    const cache = new SourceStandingCache(hub.lookup, 2_000, hub.now);
    await cache.standingOf('lab');
    await cache.standingOf('port');
    hub.standings.set('lab', disabled);
    cache.forget('lab');
    expect(await cache.standingOf('lab')).toEqual(disabled);
    expect(await cache.standingOf('port')).toEqual(enabled);
    expect(hub.reads).toEqual(['lab', 'port', 'lab']);
  });

  it('does not keep what a read begun before a change found', async () => {
    const hub = fakeHub({ lab: enabled });
    const cache = new SourceStandingCache(hub.lookup, 2_000, hub.now);
    const before = cache.standingOf('lab');
    hub.standings.set('lab', disabled);
    cache.forget('lab');
    expect(await before).toEqual(enabled);
    expect(await cache.standingOf('lab')).toEqual(disabled);
  });

  it('asks again about a source it does not know, and every time with no time to live', async () => {
    const hub = fakeHub({});
    const cache = new SourceStandingCache(hub.lookup, 2_000, hub.now);
    expect(await cache.standingOf('new')).toBeUndefined();
    hub.standings.set('new', enabled);
    expect(await cache.standingOf('new')).toEqual(enabled);
    const uncached = new SourceStandingCache(hub.lookup, 0, hub.now);
    await uncached.standingOf('new');
    await uncached.standingOf('new');
    expect(hub.reads).toEqual(['new', 'new', 'new', 'new']);
  });
});
