/**
 * A person's own presence in a window, from the index: the itinerary shown on a case's page, and the
 * case visits that link cases into clusters (chains/clusters.ts). Households have no time.
 */
import { TRIP_KIND, VENUE_KIND, STAY_KIND, exposureKinds } from './contact-set.js';
import type { IntervalTable } from './interval-table.js';
import { TRIP_CARRIAGE, TRIP_ROW } from './presence-index.js';
import type { PresenceIndex } from './presence-index.js';
import type { ExposureKind } from './rules.js';
import { NO_ZONE } from './venue-places.js';
import type { TimeWindow } from './window.js';

export interface PresenceRecord {
  kind: ExposureKind;
  /** Venue id, trip id, `hotel_id#room` or household id. */
  placeId: string;
  /** Epoch ms as recorded (not clipped); null for households. */
  start: number | null;
  end: number | null;
  /** The zone of a venue check-in, or the carriage of a trip, when recorded. */
  zone: string | null;
  /** The seat row on a trip, when recorded. */
  row: number | null;
}

/** Everything `personId` was present at that overlaps `window`, by start (households last). */
export function personPresence(index: PresenceIndex, personId: string, window: TimeWindow): PresenceRecord[] {
  const person = index.persons.find(personId);
  if (person === undefined) return [];
  const records: PresenceRecord[] = [];
  const collect = (table: IntervalTable, kind: number) => {
    for (const segment of table.segments()) {
      if (segment.base >= window.to || segment.maxEnd <= window.from) continue;
      const slot = segment.personSlot(person);
      if (slot < 0) continue;
      for (let k = segment.personOffsets[slot]!; k < segment.personOffsets[slot + 1]!; k++) {
        const position = segment.personOrder[k]!;
        const start = segment.base + segment.startOffset[position]!;
        const end = segment.base + segment.endOffset[position]!;
        if (start >= window.to || end <= window.from) continue;
        const group = segment.groupAt(position);
        let place = group;
        let zone: string | null = null;
        let row: number | null = null;
        if (kind === VENUE_KIND) {
          place = index.venuePlaces.venueOf(group);
          const zoneId = index.venuePlaces.zoneOf(group);
          zone = zoneId === NO_ZONE ? null : index.venuePlaces.zones.name(zoneId);
        } else if (kind === TRIP_KIND) {
          const carriage = segment.extra[TRIP_CARRIAGE]![position]!;
          const seatRow = segment.extra[TRIP_ROW]![position]!;
          zone = carriage < 0 ? null : index.tripPlaces.carriages.name(carriage);
          row = seatRow < 0 ? null : seatRow;
        }
        const kindName = exposureKinds[kind]!;
        records.push({ kind: kindName, placeId: index.placeId(kindName, place), start, end, zone, row });
      }
    }
  };
  collect(index.checkIns, VENUE_KIND);
  collect(index.trips, TRIP_KIND);
  collect(index.stays, STAY_KIND);
  records.sort((a, b) => a.start! - b.start! || a.end! - b.end! || (a.placeId < b.placeId ? -1 : 1));
  for (const household of index.households.householdsOf(person)) {
    records.push({
      kind: 'household',
      placeId: index.households.ids.name(household),
      start: null,
      end: null,
      zone: null,
      row: null,
    });
  }
  return records;
}
