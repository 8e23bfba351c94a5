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
  private readonly byTypeDistrict = new Map<string, number[]>();
  private readonly byTypeStreet = new Map<string, number[]>();
  private readonly byType = new Map<VenueType, number[]>();

  add(record: VenueRecord): number {
    const index = this.list.length;
    this.list.push(record);
    push(this.byTypeDistrict, `${record.type}:${record.district}`, index);
    push(this.byTypeStreet, `${record.type}:${record.street}`, index);
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
    return this.byTypeDistrict.get(`${type}:${district}`) ?? [];
  }

  inStreet(type: VenueType, street: number): readonly number[] {
    return this.byTypeStreet.get(`${type}:${street}`) ?? [];
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

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
