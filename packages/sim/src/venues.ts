/**
 * The city's venues: each with an id, name, type, street, position, capacity and zones, plus indexes
 * by type and area so schedules can pick "a supermarket in my street" in constant time.
 */
import { venueTypes, venueTypeSpecs, type VenueType } from './venue-types.js';

export interface VenueRecord {
  id: string;
  name: string;
  type: VenueType;
  /** Index into CityAreas.streets / districts. */
  street: number;
  district: number;
  lon: number;
  lat: number;
  capacity: number;
  zones: string[];
}

export class Venues {
  readonly list: VenueRecord[] = [];
  /** Type index (position in `venueTypes`) of each venue, for hot loops. */
  typeIndex = new Uint8Array(0);
  setting = new Float32Array(0);
  /** Venues by type and area, keyed by type index · 2¹⁶ + area index (integer keys hash fast). */
  private readonly byTypeDistrict = new Map<number, number[]>();
  private readonly byTypeStreet = new Map<number, number[]>();
  private readonly byType = new Map<VenueType, number[]>();

  add(record: VenueRecord): number {
    const index = this.list.length;
    this.list.push(record);
    push(this.byTypeDistrict, key(record.type, record.district), index);
    push(this.byTypeStreet, key(record.type, record.street), index);
    const ofType = this.byType.get(record.type) ?? [];
    ofType.push(index);
    this.byType.set(record.type, ofType);
    return index;
  }

  /** Builds the typed arrays once all venues are added. */
  seal(): void {
    this.typeIndex = Uint8Array.from(this.list, (v) => venueTypes.indexOf(v.type));
    this.setting = Float32Array.from(this.list, (v) => venueTypeSpecs[v.type].setting);
  }

  get count(): number {
    return this.list.length;
  }

  inDistrict(type: VenueType, district: number): readonly number[] {
    return this.byTypeDistrict.get(key(type, district)) ?? none;
  }

  inStreet(type: VenueType, street: number): readonly number[] {
    return this.byTypeStreet.get(key(type, street)) ?? none;
  }

  ofType(type: VenueType): readonly number[] {
    return this.byType.get(type) ?? [];
  }

  /** Index of a zone name in a venue, adding it when new (classes and floors are made as filled). */
  zoneIndex(venue: number, zone: string): number {
    const zones = this.list[venue]!.zones;
    const at = zones.indexOf(zone);
    if (at >= 0) return at;
    zones.push(zone);
    return zones.length - 1;
  }
}

const none: readonly number[] = [];
const typeNumbers = new Map<VenueType, number>(venueTypes.map((t, i) => [t, i]));

function key(type: VenueType, area: number): number {
  return typeNumbers.get(type)! * 65_536 + area;
}

function push(map: Map<number, number[]>, at: number, value: number): void {
  const list = map.get(at);
  if (list) list.push(value);
  else map.set(at, [value]);
}
