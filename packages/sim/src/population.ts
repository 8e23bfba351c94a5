/**
 * Everyone the simulation knows: residents in households, short-stay visitors and inbound foreign
 * travellers. Per-person attributes live in typed arrays indexed by person number (compact and fast at a
 * million people); identities (ID numbers, names, phones) are strings made once.
 */

/** Residents live here; visitors come from elsewhere in China; travellers arrive from abroad through the port. */
export const PersonKind = { resident: 0, visitor: 1, traveller: 2 } as const;
export type PersonKindCode = (typeof PersonKind)[keyof typeof PersonKind];

/** What a person does on a weekday. */
export const Role = {
  infant: 0,
  preschool: 1,
  pupil: 2,
  middleSchool: 3,
  highSchool: 4,
  university: 5,
  worker: 6,
  retired: 7,
  homemaker: 8,
  visitor: 9,
} as const;
export type RoleCode = (typeof Role)[keyof typeof Role];

/** How someone gets to work or school. */
export const Commute = { none: 0, bus: 1, metro: 2, private: 3 } as const;

/** Kinds of household: a home, or a group of travellers sharing a hotel room. */
export const HouseholdKind = { home: 0, travelGroup: 1 } as const;

/** Usual places: market, supermarket, pharmacy, gym (−1 if none), chess room (−1 if none), 3 restaurants. */
export const USUAL_SLOTS = 8;
export const UsualSlot = {
  market: 0,
  supermarket: 1,
  pharmacy: 2,
  gym: 3,
  chessRoom: 4,
  restaurant: 5,
} as const;

export class Population {
  size = 0;
  readonly kind: Uint8Array;
  readonly age: Uint8Array;
  /** 1 for male, 0 for female. */
  readonly male: Uint8Array;
  readonly role: Uint8Array;
  readonly household: Int32Array;
  /** Home grid (index into CityAreas.grids); for visitors and travellers, the grid of their hotel. */
  readonly grid: Int32Array;
  /** Workplace or school venue, −1 for none. */
  readonly placeOfDay: Int32Array;
  /** Zone (class, department, shop) at the place of day, −1 for none. */
  readonly zoneOfDay: Int16Array;
  readonly commute: Uint8Array;
  /** Bus route or metro line used to commute, −1 for none. */
  readonly commuteLine: Int16Array;
  readonly usual: Int32Array;
  /** Probability that this person scans a venue code when they visit (compliance varies by person). */
  readonly scanPropensity: Float32Array;
  readonly vaccineDoses: Uint8Array;

  /** Identifier used in presence files: resident ID number, or `passport:COUNTRY:NUMBER`. */
  readonly personId: string[] = [];
  readonly residentId: (string | undefined)[] = [];
  /** Passport as `COUNTRY:NUMBER` (ISO 3166-1 alpha-3), for foreigners and returning residents. */
  readonly passport: (string | undefined)[] = [];
  readonly nationality: string[] = [];
  readonly familyName: string[] = [];
  readonly givenName: string[] = [];
  readonly birthDate: string[] = [];
  readonly phone: string[] = [];

  householdCount = 0;
  /** First member of each household; members of a household are consecutive person numbers. */
  readonly householdFirst: Int32Array;
  readonly householdSize: Uint8Array;
  readonly householdKind: Uint8Array;
  readonly householdId: string[] = [];

  constructor(readonly capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.age = new Uint8Array(capacity);
    this.male = new Uint8Array(capacity);
    this.role = new Uint8Array(capacity);
    this.household = new Int32Array(capacity).fill(-1);
    this.grid = new Int32Array(capacity).fill(-1);
    this.placeOfDay = new Int32Array(capacity).fill(-1);
    this.zoneOfDay = new Int16Array(capacity).fill(-1);
    this.commute = new Uint8Array(capacity);
    this.commuteLine = new Int16Array(capacity).fill(-1);
    this.usual = new Int32Array(capacity * USUAL_SLOTS).fill(-1);
    this.scanPropensity = new Float32Array(capacity);
    this.vaccineDoses = new Uint8Array(capacity);
    this.householdFirst = new Int32Array(capacity);
    this.householdSize = new Uint8Array(capacity);
    this.householdKind = new Uint8Array(capacity);
  }

  /** Reserves the next person number. */
  addPerson(): number {
    if (this.size >= this.capacity) throw new Error('population capacity exceeded');
    return this.size++;
  }

  /** Opens a household whose members are the next `size` persons to be added. */
  addHousehold(size: number, kind: number, id: string): number {
    const h = this.householdCount++;
    this.householdFirst[h] = this.size;
    this.householdSize[h] = size;
    this.householdKind[h] = kind;
    this.householdId[h] = id;
    return h;
  }

  isForeign(person: number): boolean {
    return this.nationality[person] !== 'CHN';
  }

  fullName(person: number): string {
    return this.isForeign(person)
      ? `${this.givenName[person]} ${this.familyName[person]}`
      : `${this.familyName[person]}${this.givenName[person]}`;
  }

  usualPlace(person: number, slot: number): number {
    return this.usual[person * USUAL_SLOTS + slot]!;
  }
}
