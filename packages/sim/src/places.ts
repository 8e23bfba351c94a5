/**
 * Builds the city's venues in proportion to where the simulated residents live (shops, markets,
 * hospitals with fever clinics, hotels, stations, schools with classes, offices and factories with
 * departments) and gives each resident a place of day (school class or workplace department), usual
 * shops near home and a way to commute.
 */
import type { CityAreas } from './city-areas.js';
import { randomPositionIn } from './city-areas.js';
import { Commute, PersonKind, Role, USUAL_SLOTS, UsualSlot, type Population } from './population.js';
import { cumulativeWeights, Random, streams } from './random.js';
import { className, venueName } from './venue-names.js';
import { venueTypeSpecs, type VenueType } from './venue-types.js';
import { Venues } from './venues.js';

export interface Station {
  venue: number;
  name: string;
  district: number;
  highSpeed: boolean;
}

export interface Places {
  venues: Venues;
  stations: Station[];
  /** The fever clinic serving each district. */
  feverClinicOfDistrict: number[];
  /** The main hospital of each district (its fever clinic's parent). */
  hospitalOfDistrict: number[];
  quarantineHotel: number;
  /** Simulated residents per district and per street. */
  residentsByDistrict: number[];
  residentsByStreet: number[];
}

/** Real railway stations of the city and the district each stands in. */
const stationList = [
  { name: '株洲西站', district: '430211', highSpeed: true },
  { name: '株洲站', district: '430203', highSpeed: false },
  { name: '醴陵站', district: '430281', highSpeed: false },
  { name: '攸县站', district: '430223', highSpeed: false },
  { name: '茶陵站', district: '430224', highSpeed: false },
  { name: '炎陵站', district: '430225', highSpeed: false },
];

const schoolLevels: {
  type: VenueType;
  role: number;
  firstAge: number;
  grades: number;
  typical: number;
  classSize: number;
  pupilsPerTeacher: number;
}[] = [
  {
    type: 'kindergarten',
    role: Role.preschool,
    firstAge: 3,
    grades: 3,
    typical: 180,
    classSize: 30,
    pupilsPerTeacher: 8,
  },
  {
    type: 'primary_school',
    role: Role.pupil,
    firstAge: 6,
    grades: 6,
    typical: 900,
    classSize: 45,
    pupilsPerTeacher: 17,
  },
  {
    type: 'middle_school',
    role: Role.middleSchool,
    firstAge: 12,
    grades: 3,
    typical: 900,
    classSize: 45,
    pupilsPerTeacher: 13,
  },
  {
    type: 'high_school',
    role: Role.highSchool,
    firstAge: 15,
    grades: 3,
    typical: 1500,
    classSize: 50,
    pupilsPerTeacher: 13,
  },
  {
    type: 'university',
    role: Role.university,
    firstAge: 18,
    grades: 5,
    typical: 8000,
    classSize: 50,
    pupilsPerTeacher: 18,
  },
];

const serviceTypes: VenueType[] = [
  'restaurant',
  'market',
  'supermarket',
  'gym',
  'chess_room',
  'pharmacy',
  'hotel',
];
/** At least this many of a type in every district, so every resident has one within reach. */
const minimumPerDistrict: Partial<Record<VenueType, number>> = {
  restaurant: 3,
  market: 1,
  supermarket: 1,
  pharmacy: 1,
  hotel: 1,
  chess_room: 1,
};

class PlaceBuilder {
  readonly venues = new Venues();
  private readonly sequence = new Map<string, number>();
  readonly streetWeightsByDistrict: Map<number, { streets: number[]; cumulative: Float64Array }> = new Map();
  /** Workplace slots: venue and zone per job, by district. */
  readonly jobs: { venue: number; zone: number }[][] = [];

  constructor(
    readonly areas: CityAreas,
    readonly residentsByStreet: number[],
    readonly random: Random,
  ) {
    areas.districts.forEach((_, d) => {
      const streets: number[] = [];
      areas.streets.forEach((_, s) => {
        if (areas.streetDistrict[s] === d) streets.push(s);
      });
      const cumulative = cumulativeWeights(streets.map((s) => (residentsByStreet[s] ?? 0) + 0.5));
      this.streetWeightsByDistrict.set(d, { streets, cumulative });
      this.jobs[d] = [];
    });
  }

  /** A street of the district, drawn in proportion to its simulated residents. */
  streetIn(district: number): number {
    const { streets, cumulative } = this.streetWeightsByDistrict.get(district)!;
    return streets[this.random.weightedIndex(cumulative)]!;
  }

  add(
    type: VenueType,
    street: number,
    options: { name?: string; capacity?: number; n?: number } = {},
  ): number {
    const district = this.areas.streetDistrict[street]!;
    const districtArea = this.areas.districts[district]!;
    const streetArea = this.areas.streets[street]!;
    const key = `${districtArea.code}-${type}`;
    const n = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, n);
    const spec = venueTypeSpecs[type];
    const [lon, lat] = randomPositionIn(streetArea.code, () => this.random.next());
    const context = ['hospital', 'station'].includes(type) ? districtArea.name : streetArea.name;
    return this.venues.add({
      id: `${key}-${String(n).padStart(4, '0')}`,
      name: options.name ?? venueName(type, context, options.n ?? n, this.random),
      type,
      street,
      district,
      lon,
      lat,
      capacity: options.capacity ?? this.random.between(spec.capacity[0], spec.capacity[1]),
      zones: [...spec.zones],
    });
  }

  /** Adds `count` staff jobs at a venue, each in one of its zones (or none). */
  addStaff(venue: number, count: number): void {
    const record = this.venues.list[venue]!;
    for (let i = 0; i < count; i++) {
      const zone = record.zones.length > 0 ? this.random.int(record.zones.length) : -1;
      this.jobs[record.district]!.push({ venue, zone });
    }
  }
}

export function buildPlaces(population: Population, areas: CityAreas, seed: number): Places {
  const random = new Random(seed, streams.places);
  const residentsByStreet = new Array<number>(areas.streets.length).fill(0);
  const residentsByDistrict = new Array<number>(areas.districts.length).fill(0);
  for (let p = 0; p < population.size; p++) {
    if (population.kind[p] !== PersonKind.resident) continue;
    const street = areas.communityStreet[areas.gridCommunity[population.grid[p]!]!]!;
    residentsByStreet[street]! += 1;
    residentsByDistrict[areas.streetDistrict[street]!]! += 1;
  }
  const builder = new PlaceBuilder(areas, residentsByStreet, random);
  const total = residentsByDistrict.reduce((a, b) => a + b, 0);

  // Shops, restaurants, markets, gyms, chess rooms, pharmacies and hotels, by district population.
  areas.districts.forEach((_, d) => {
    for (const type of serviceTypes) {
      const count = Math.max(
        minimumPerDistrict[type] ?? 0,
        Math.round((venueTypeSpecs[type].perHundredThousand * residentsByDistrict[d]!) / 1e5),
      );
      for (let i = 0; i < count; i++) builder.add(type, builder.streetIn(d));
    }
  });
  // Malls and cinemas in the built-up core, scenic spots anywhere.
  const coreWeights = cumulativeWeights(areas.coreDistricts.map((d) => residentsByDistrict[d]! + 1));
  for (const type of ['mall', 'cinema'] as const) {
    const count = Math.max(1, Math.round((venueTypeSpecs[type].perHundredThousand * total) / 1e5));
    for (let i = 0; i < count; i++)
      builder.add(type, builder.streetIn(areas.coreDistricts[random.weightedIndex(coreWeights)]!));
  }
  const districtWeights = cumulativeWeights(residentsByDistrict.map((r) => r + 1));
  for (let i = 0; i < Math.max(1, Math.round(total / 1e5)); i++)
    builder.add('scenic_spot', builder.streetIn(random.weightedIndex(districtWeights)));

  // Hospitals: at least one per district, the first with the district's fever clinic (发热门诊).
  const hospitalOfDistrict: number[] = [];
  const feverClinicOfDistrict: number[] = [];
  areas.districts.forEach((_, d) => {
    const count = Math.max(
      1,
      Math.round((venueTypeSpecs.hospital.perHundredThousand * residentsByDistrict[d]!) / 1e5),
    );
    for (let i = 0; i < count; i++) {
      const street = builder.streetIn(d);
      const hospital = builder.add('hospital', street, { n: i + 1 });
      if (i === 0) {
        hospitalOfDistrict[d] = hospital;
        const name = `${builder.venues.list[hospital]!.name}发热门诊`;
        feverClinicOfDistrict[d] = builder.add('fever_clinic', street, { name });
      }
    }
  });
  const stations: Station[] = stationList.map((s) => {
    const district = areas.districtIndex.get(s.district)!;
    const venue = builder.add('station', builder.streetIn(district), { name: s.name });
    return { venue, name: s.name, district, highSpeed: s.highSpeed };
  });
  const quarantineHotel = builder.add('quarantine_hotel', builder.streetIn(areas.coreDistricts[0] ?? 0), {
    capacity: 200,
  });

  // Staff for every venue built so far.
  for (let v = 0; v < builder.venues.count; v++) {
    const [lo, hi] = venueTypeSpecs[builder.venues.list[v]!.type].staff;
    builder.addStaff(v, random.between(lo, hi));
  }
  assignSchools(population, areas, builder);
  assignWorkplaces(population, areas, builder, residentsByDistrict);
  assignUsualPlaces(population, areas, builder);
  builder.venues.seal();
  return {
    venues: builder.venues,
    stations,
    feverClinicOfDistrict,
    hospitalOfDistrict,
    quarantineHotel,
    residentsByDistrict,
    residentsByStreet,
  };
}

function homeStreet(population: Population, areas: CityAreas, p: number): number {
  return areas.communityStreet[areas.gridCommunity[population.grid[p]!]!]!;
}

/** Schools per district by enrolment; pupils go to a school in their street when there is one. */
function assignSchools(population: Population, areas: CityAreas, builder: PlaceBuilder): void {
  const { venues, random } = builder;
  for (const level of schoolLevels) {
    const pupilsByDistrict = new Map<number, number[]>();
    for (let p = 0; p < population.size; p++) {
      if (population.kind[p] !== PersonKind.resident || population.role[p] !== level.role) continue;
      const district = areas.streetDistrict[homeStreet(population, areas, p)]!;
      const list = pupilsByDistrict.get(district) ?? [];
      list.push(p);
      pupilsByDistrict.set(district, list);
    }
    // Universities are in the core; their students come from the whole city.
    if (level.type === 'university') {
      const all = [...pupilsByDistrict.values()].flat();
      pupilsByDistrict.clear();
      if (all.length > 0) pupilsByDistrict.set(areas.coreDistricts[0] ?? 0, all);
    }
    for (const [district, pupils] of pupilsByDistrict) {
      const count = Math.max(1, Math.ceil(pupils.length / level.typical));
      const schools: number[] = [];
      for (let i = 0; i < count; i++)
        schools.push(builder.add(level.type, builder.streetIn(district), { n: i + 1 }));
      const byClass = new Map<string, number[]>();
      for (const p of pupils) {
        const inStreet = venues.inStreet(level.type, homeStreet(population, areas, p));
        const school = inStreet.length > 0 ? random.pick(inStreet) : random.pick(schools);
        const grade = Math.min(level.grades - 1, Math.max(0, population.age[p]! - level.firstAge));
        const key = `${school}:${grade}`;
        const list = byClass.get(key) ?? [];
        list.push(p);
        byClass.set(key, list);
      }
      for (const [key, members] of byClass) {
        const [school, grade] = key.split(':').map(Number) as [number, number];
        const sections = Math.max(1, Math.ceil(members.length / level.classSize));
        members.forEach((p, i) => {
          const zone = venues.zoneIndex(school, className(level.type, grade, (i % sections) + 1));
          population.placeOfDay[p] = school;
          population.zoneOfDay[p] = zone;
        });
      }
      for (const school of schools) {
        const record = venues.list[school]!;
        record.capacity = Math.max(record.capacity, Math.round(pupils.length / schools.length));
      }
      // Teachers: one per class at least, more by the pupil–teacher ratio, each with a home class.
      for (const school of schools) {
        const zones = venues.list[school]!.zones.length;
        const enrolled = pupils.filter((p) => population.placeOfDay[p] === school).length;
        const teachers = Math.max(zones, Math.round(enrolled / level.pupilsPerTeacher));
        for (let t = 0; t < teachers; t++)
          builder.jobs[district]!.push({ venue: school, zone: zones > 0 ? t % zones : -1 });
      }
    }
  }
}

/**
 * Workers choose a job district (mostly their own; a third of the core's commuters cross to another
 * core district), take the service and teaching jobs there, and offices and factories are built for
 * the rest, with departments of about 30 (offices) or 50 (factory workshops).
 */
function assignWorkplaces(
  population: Population,
  areas: CityAreas,
  builder: PlaceBuilder,
  residentsByDistrict: number[],
): void {
  const { venues, random } = builder;
  const coreWeights = cumulativeWeights(areas.coreDistricts.map((d) => residentsByDistrict[d]! + 1));
  const workersByDistrict: number[][] = areas.districts.map(() => []);
  for (let p = 0; p < population.size; p++) {
    if (population.kind[p] !== PersonKind.resident || population.role[p] !== Role.worker) continue;
    const home = areas.streetDistrict[homeStreet(population, areas, p)]!;
    const core = areas.coreDistricts.includes(home);
    const crosses = core ? random.chance(0.3) : random.chance(0.1);
    const district = crosses ? areas.coreDistricts[random.weightedIndex(coreWeights)]! : home;
    workersByDistrict[district]!.push(p);
  }
  workersByDistrict.forEach((workers, d) => {
    random.shuffle(workers);
    // Teaching jobs first (every class needs its teacher), then service jobs in random order.
    const isSchool = (job: { venue: number }) =>
      venues.list[job.venue]!.type.endsWith('school') ||
      ['kindergarten', 'university'].includes(venues.list[job.venue]!.type);
    const all = builder.jobs[d]!;
    const jobs = [
      ...random.shuffle(all.filter(isSchool)),
      ...random.shuffle(all.filter((j) => !isSchool(j))),
    ];
    let filled = 0;
    for (; filled < Math.min(jobs.length, Math.floor(workers.length * 0.5)); filled++) {
      const p = workers[filled]!;
      population.placeOfDay[p] = jobs[filled]!.venue;
      population.zoneOfDay[p] = jobs[filled]!.zone;
    }
    // Everyone else works in offices (60 %) and factories (40 %) of lognormal size, median 25.
    while (filled < workers.length) {
      const type: VenueType = random.chance(0.6) ? 'office' : 'factory';
      const size = Math.min(
        workers.length - filled,
        Math.max(3, Math.round(Math.exp(random.normal(Math.log(25), 0.9)))),
      );
      const venue = builder.add(type, builder.streetIn(d), { capacity: size });
      const departmentSize = type === 'office' ? 30 : 50;
      for (let i = 0; i < size; i++, filled++) {
        const p = workers[filled]!;
        const department = Math.floor(i / departmentSize);
        const zoneName = type === 'office' ? `${department + 1}F` : `${department + 1}号车间`;
        population.placeOfDay[p] = venue;
        population.zoneOfDay[p] = venues.zoneIndex(venue, zoneName);
      }
    }
  });
}

/** Usual market, supermarket, pharmacy, gym, chess room and restaurants: in the home street if any. */
function assignUsualPlaces(population: Population, areas: CityAreas, builder: PlaceBuilder): void {
  const { venues, random } = builder;
  const near = (type: VenueType, p: number): number => {
    const street = homeStreet(population, areas, p);
    const local = venues.inStreet(type, street);
    if (local.length > 0 && random.chance(0.7)) return random.pick(local);
    const district = venues.inDistrict(type, areas.streetDistrict[street]!);
    if (district.length > 0) return random.pick(district);
    const anywhere = venues.ofType(type);
    return anywhere.length > 0 ? random.pick(anywhere) : -1;
  };
  const core = new Set(areas.coreDistricts);
  for (let p = 0; p < population.size; p++) {
    if (population.kind[p] !== PersonKind.resident) continue;
    const age = population.age[p]!;
    const base = p * USUAL_SLOTS;
    population.usual[base + UsualSlot.market] = near('market', p);
    population.usual[base + UsualSlot.supermarket] = near('supermarket', p);
    population.usual[base + UsualSlot.pharmacy] = near('pharmacy', p);
    population.usual[base + UsualSlot.gym] =
      age >= 16 && age <= 55 && random.chance(0.12) ? near('gym', p) : -1;
    population.usual[base + UsualSlot.chessRoom] =
      age >= 45 && random.chance(age >= 60 ? 0.2 : 0.08) ? near('chess_room', p) : -1;
    for (let r = 0; r < 3; r++) population.usual[base + UsualSlot.restaurant + r] = near('restaurant', p);
    // Commute: buses everywhere, the rapid-transit line in the core; children under 12 are taken on foot or by car.
    const role = population.role[p]!;
    if (role === Role.infant || role === Role.retired || role === Role.homemaker || age < 12) continue;
    const district = areas.streetDistrict[homeStreet(population, areas, p)]!;
    const r = random.next();
    if (core.has(district) && r < 0.1) population.commute[p] = Commute.metro;
    else if (r < (core.has(district) ? 0.4 : 0.25)) population.commute[p] = Commute.bus;
    else population.commute[p] = Commute.private;
  }
}
