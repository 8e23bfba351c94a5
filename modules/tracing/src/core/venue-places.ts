/**
 * Venues, their types and zones as dense place groups: a group is one (venue, zone) pair, or the venue
 * with no zone. The contact rule applies within a zone when both check-ins carry one, and at venue level
 * when either lacks one, so a check-in meets its own group, the venue's zoneless group and — when it has
 * no zone itself — every zone of the venue.
 */
import { invalidField } from '@shuzhi/core';
import { growInt32, growUint32 } from './growable-array.js';
import { Interner } from './interner.js';

export const NO_ZONE = -1;

export class VenuePlaces {
  readonly venues = new Interner();
  readonly types = new Interner();
  readonly zones = new Interner();
  readonly #venueType = growUint32();
  readonly #venueGroups: number[][] = [];
  readonly #zonelessGroup = growInt32();
  readonly #zoneGroups: (Map<number, number> | undefined)[] = [];
  readonly #groupVenue = growUint32();
  readonly #groupZone = growInt32();

  get groupCount(): number {
    return this.#groupVenue.length;
  }

  /** The group of a check-in, registering the venue, its type and the zone when new. */
  groupFor(venueId: string, venueType: string, zone: string | undefined): number {
    const venue = this.venues.intern(venueId);
    if (venue === this.#venueType.length) {
      this.#venueType.push(this.types.intern(venueType));
      this.#venueGroups.push([]);
      this.#zonelessGroup.push(-1);
      this.#zoneGroups.push(undefined);
    } else {
      const known = this.types.name(this.#venueType.get(venue));
      if (known !== venueType) {
        throw invalidField(
          `check-in at ${venueId}`,
          'venueType',
          `is ${venueType}, but the venue is a ${known}`,
        );
      }
    }
    if (zone === undefined) {
      const existing = this.#zonelessGroup.get(venue);
      if (existing >= 0) return existing;
      const group = this.#addGroup(venue, NO_ZONE);
      this.#zonelessGroup.set(venue, group);
      return group;
    }
    const zoneId = this.zones.intern(zone);
    let byZone = this.#zoneGroups[venue];
    if (byZone === undefined) this.#zoneGroups[venue] = byZone = new Map();
    const existing = byZone.get(zoneId);
    if (existing !== undefined) return existing;
    const group = this.#addGroup(venue, zoneId);
    byZone.set(zoneId, group);
    return group;
  }

  venueOf(group: number): number {
    return this.#groupVenue.get(group);
  }

  /** The zone of a group, or NO_ZONE. */
  zoneOf(group: number): number {
    return this.#groupZone.get(group);
  }

  typeOf(venue: number): number {
    return this.#venueType.get(venue);
  }

  /** Every group of a venue (its zoneless group and each of its zones). */
  groupsOf(venue: number): readonly number[] {
    return this.#venueGroups[venue] ?? [];
  }

  /** The venue's zoneless group, or -1 when no check-in there lacked a zone. */
  zonelessGroupOf(venue: number): number {
    return this.#zonelessGroup.get(venue);
  }

  get byteLength(): number {
    return (
      this.#venueType.byteLength +
      this.#zonelessGroup.byteLength +
      this.#groupVenue.byteLength +
      this.#groupZone.byteLength
    );
  }

  #addGroup(venue: number, zone: number): number {
    const group = this.#groupVenue.length;
    this.#groupVenue.push(venue);
    this.#groupZone.push(zone);
    this.#venueGroups[venue]!.push(group);
    return group;
  }
}
