/**
 * The `venues` import kind: the venue list through its CSV template; a venue listed twice in one file is
 * an error on the second line; a venue imported again is updated. A changed venue type is published as
 * `tracing.venues.changed`, after which each process rebuilds its index (check-ins are filed by type).
 */
import type { Clock } from '@shuzhi/core';
import { importIssue, type ChangeFeed, type ImportHandler } from '@shuzhi/hub';
import { parseWithTemplate, templateOf } from './presence-import.handler.js';
import { venuesTemplate, ZONE_SEPARATOR, type VenueRecord } from './venues-template.js';
import type { VenueInput, VenuesRepository } from './venues.repository.js';

export const VENUES_CHANGED = 'tracing.venues.changed';

interface VenueLine {
  line: number;
  venue: VenueInput;
}

export function parseVenuesCsv(text: string) {
  const parsed = parseWithTemplate(
    venuesTemplate,
    text,
    { defaultDwellMinutes: 60 },
    (line, r: VenueRecord) => ({
      line,
      venue: venueInputOf(r),
    }),
  );
  const firstLine = new Map<string, number>();
  const records: VenueLine[] = [];
  for (const record of parsed.records) {
    const earlier = firstLine.get(record.venue.venue_id);
    if (earlier !== undefined) {
      parsed.issues.push(
        importIssue({ line: record.line, field: 'venue_id' }, 'venue-repeated', { line: earlier }),
      );
      continue;
    }
    firstLine.set(record.venue.venue_id, record.line);
    records.push(record);
  }
  parsed.issues.sort((a, b) => a.line - b.line);
  return { records, issues: parsed.issues, total: parsed.total };
}

function venueInputOf(r: VenueRecord): VenueInput {
  return {
    venue_id: r.sourceRecordId,
    name: r.name,
    type: r.venueType,
    area_code: r.areaCode ?? null,
    zones: r.zones.length === 0 ? null : r.zones.join(ZONE_SEPARATOR),
    lat: r.latitude ?? null,
    lon: r.longitude ?? null,
    capacity: r.capacity ?? null,
  };
}

export function venuesImportHandler(deps: {
  venues: VenuesRepository;
  feed: Pick<ChangeFeed, 'publish'>;
  clock: Clock;
  afterCommit: () => Promise<void>;
}): ImportHandler<VenueLine> {
  return {
    kind: 'venues',
    description: `${venuesTemplate.title.en}: ${venuesTemplate.description.en}`,
    descriptionZh: `${venuesTemplate.title['zh-CN']}：${venuesTemplate.description['zh-CN']}`,
    template: templateOf(venuesTemplate, 'venues'),
    parse: (text) => parseVenuesCsv(text),
    async apply(executor, records, context) {
      const now = deps.clock.now().toISOString();
      const result = await deps.venues.upsert(
        executor,
        records.map((r) => r.venue),
        now,
      );
      context.progress(records.length, records.length);
      if (result.changed > 0)
        await deps.feed.publish(executor, [
          {
            topic: VENUES_CHANGED,
            entityType: 'VenueList',
            entityId: 'venues',
            payload: { changed: result.changed, typeChanged: result.typeChanged },
          },
        ]);
      return { accepted: result.changed, unchanged: result.unchanged };
    },
    afterCommit: deps.afterCommit,
  };
}
