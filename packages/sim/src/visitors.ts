/**
 * People who come from outside: short-stay visitors from elsewhere in China (business travellers and
 * tourists arriving by train and staying in hotels) and inbound international travellers arriving by
 * flight through the port, tested on arrival and quarantined in a designated hotel (7 days, tests on days
 * 1, 2, 3, 5 and 7, per the 9th edition of China's COVID-19 prevention and control protocol, June 2022).
 * Some already carry the virus when they arrive: importations.
 */
import type { Birthplaces } from './birthplaces.js';
import { randomGivenName, randomSurname } from './chinese-names.js';
import type { CityAreas } from './city-areas.js';
import { PlaceKind, type EpidemicState } from './epidemic-state.js';
import {
  foreignCountries,
  originAirports,
  randomForeignName,
  randomPassportNumber,
} from './foreign-names.js';
import { MINUTES_PER_DAY, type SimulationClock } from './local-time.js';
import type { PhoneNumberBook } from './phone-numbers.js';
import type { Places } from './places.js';
import { HouseholdKind, PersonKind, Role, type Population } from './population.js';
import { cumulativeWeights, Random, streams } from './random.js';
import type { ResidentIdIssuer } from './residents.js';
import { runOfService, type Service, type TransitNetwork } from './transit-network.js';

export interface VisitorOptions {
  /** Domestic visitors arriving per 1,000 residents per day. */
  perThousandResidentsPerDay: number;
  /** Share of arriving visitors already infected. */
  infectedShare: number;
}

export interface InternationalOptions {
  /** International arrivals per day (0 for none). */
  arrivalsPerDay: number;
  infectedShare: number;
  /** Share of arrivals who are Chinese citizens returning home. */
  chineseShare: number;
  quarantineDays: number;
}

export interface Stay {
  person: number;
  venue: number;
  room: string;
  checkIn: number;
  checkOut: number;
}

export interface TravellerRecord {
  person: number;
  arrival: number;
  run: number;
  originCountry: string;
  documentType: 'passport' | 'cn-resident';
  documentNumber: string;
  /** Area code of the destination: home grid of a returning resident, hotel street of a foreigner. */
  destinationArea: string;
}

/** Plan of one non-resident's stay: when they are in town and what kind of days they have. */
export interface NonResidentPlan {
  person: number;
  kind: 'business' | 'tourist' | 'returning' | 'foreign';
  arrival: number;
  arrivalRun: number;
  /** Station venue of arrival (−1 for flights). */
  arrivalStation: number;
  departure: number;
  departureRun: number;
  departureStation: number;
  /** Hotel (business hotel or quarantine hotel) and when they are confined there (quarantine). */
  hotel: number;
  confinedUntil: number;
  /** Home monitoring after quarantine (returning residents): stays home until then. */
  homeUntil: number;
}

export interface NonResidents {
  plans: NonResidentPlan[];
  stays: Stay[];
  travellers: TravellerRecord[];
  /** Tests ordered for travellers: person and minute, port or quarantine hotel. */
  tests: { person: number; minute: number; atPort: boolean }[];
  /** Origin county code of each visitor (their registered address). */
  homeCounty: Map<number, string>;
}

/** Rooms of a hotel and when each is next free, so that unrelated guests never share a room. */
class RoomBook {
  private readonly freeAt = new Map<number, Int32Array>();

  constructor(private readonly places: Places) {}

  book(hotel: number, from: number, until: number, random: Random): string {
    let rooms = this.freeAt.get(hotel);
    if (!rooms) {
      rooms = new Int32Array(Math.max(20, Math.round(this.places.venues.list[hotel]!.capacity / 2))).fill(
        -2_000_000_000,
      );
      this.freeAt.set(hotel, rooms);
    }
    const startAt = random.int(rooms.length);
    for (let k = 0; k < rooms.length; k++) {
      const r = (startAt + k) % rooms.length;
      if (rooms[r]! <= from) {
        rooms[r] = until;
        return roomLabel(r);
      }
    }
    const r = startAt;
    rooms[r] = Math.max(rooms[r]!, until);
    return roomLabel(r);
  }
}

/** Room numbers as hotels write them: floor then two digits, 20 rooms a floor (0312). */
function roomLabel(index: number): string {
  const floor = Math.floor(index / 20) + 2;
  return `${String(floor).padStart(2, '0')}${String((index % 20) + 1).padStart(2, '0')}`;
}

export interface NonResidentContext {
  seed: number;
  days: number;
  residents: number;
  population: Population;
  areas: CityAreas;
  places: Places;
  network: TransitNetwork;
  epidemic: EpidemicState;
  clock: SimulationClock;
  birthplaces: Birthplaces;
  phones: PhoneNumberBook;
  ids: ResidentIdIssuer;
  visitors: VisitorOptions;
  international: InternationalOptions;
  scanRate: number;
}

/** How many non-residents a simulation needs room for (persons are allocated up front). */
export function nonResidentCapacity(
  residents: number,
  days: number,
  visitors: VisitorOptions,
  international: InternationalOptions,
): number {
  const domestic = (visitors.perThousandResidentsPerDay * residents) / 1000;
  return Math.ceil(
    (domestic * 1.6 + 10 * Math.sqrt(domestic + 1)) * days +
      (international.arrivalsPerDay * 3 + 10) * days +
      50,
  );
}

/** Creates every visitor and traveller of the simulation with their whole stay planned. */
export function createNonResidents(ctx: NonResidentContext): NonResidents {
  const out: NonResidents = { plans: [], stays: [], travellers: [], tests: [], homeCounty: new Map() };
  const random = new Random(ctx.seed, streams.visitors);
  const rooms = new RoomBook(ctx.places);
  const state: Creation = { out, rooms, random };
  const perDay = (ctx.visitors.perThousandResidentsPerDay * ctx.residents) / 1000;
  for (let day = 0; day < ctx.days; day++) {
    const arrivals = random.poisson(perDay);
    for (let i = 0; i < arrivals;) {
      const group = random.chance(0.3) ? 2 : 1;
      addVisitorGroup(ctx, state, day, group);
      i += group;
    }
    const international = random.poisson(ctx.international.arrivalsPerDay);
    for (let i = 0; i < international;) {
      const group = random.chance(0.7) ? 1 : random.between(2, 3);
      addTravellerGroup(ctx, state, day, group);
      i += group;
    }
  }
  return out;
}

function hotelDistrict(ctx: NonResidentContext, random: Random): number {
  const weights = ctx.places.residentsByDistrict.map(
    (r, d) => (r + 1) * (ctx.areas.coreDistricts.includes(d) ? 2.5 : 1),
  );
  return random.weightedIndex(cumulativeWeights(weights));
}

function gridInStreet(ctx: NonResidentContext, street: number, random: Random): number {
  const grids: number[] = [];
  ctx.areas.grids.forEach((_, g) => {
    if (ctx.areas.communityStreet[ctx.areas.gridCommunity[g]!] === street) grids.push(g);
  });
  return grids.length > 0 ? random.pick(grids) : 0;
}

function stationFor(ctx: NonResidentContext, district: number): number {
  const local = ctx.places.stations.find((s) => s.district === district);
  return (local ?? ctx.places.stations.find((s) => s.highSpeed) ?? ctx.places.stations[0]!).venue;
}

/** A random service in the wanted direction at our end between `earliest` and `latest` (minutes of day). */
function serviceAround(
  services: readonly Service[],
  wanted: { arriving: boolean; earliest: number; latest: number },
  random: Random,
): Service | undefined {
  const { arriving, earliest, latest } = wanted;
  const fitting = services.filter(
    (s) => s.arriving === arriving && s.minuteOfDay >= earliest && s.minuteOfDay <= latest,
  );
  return fitting.length > 0 ? random.pick(fitting) : services.find((s) => s.arriving === arriving);
}

/** What creating non-residents writes to and draws from. */
interface Creation {
  out: NonResidents;
  rooms: RoomBook;
  random: Random;
}

function addVisitorGroup(
  ctx: NonResidentContext,
  { out, rooms, random }: Creation,
  day: number,
  size: number,
): void {
  const { population, places, network } = ctx;
  const district = hotelDistrict(ctx, random);
  const hotels = places.venues.inDistrict('hotel', district);
  if (hotels.length === 0) return;
  const hotel = random.pick(hotels);
  const station = stationFor(ctx, district);
  const services = [
    ...(network.trainsAt.get(station) ?? []),
    ...(places.venues.list[station]!.name === '株洲站' ? network.intercity : []),
  ];
  const arrivalService = serviceAround(
    services,
    { arriving: true, earliest: 8 * 60, latest: 20 * 60 },
    random,
  );
  const departureService = serviceAround(
    services,
    { arriving: false, earliest: 9 * 60, latest: 21 * 60 },
    random,
  );
  if (!arrivalService || !departureService) return;
  const business = random.chance(0.6);
  const nights = business ? random.between(1, 3) : random.between(1, 4);
  const stationName = places.venues.list[station]!.name;
  const arrivalRun = runOfService(network, arrivalService, day, stationName);
  const departureRun = runOfService(network, departureService, day + nights, stationName);
  const arrival = network.transit.runs[arrivalRun]!.arrival;
  const departure = network.transit.runs[departureRun]!.departure;
  const [originCode, originName] = ctx.birthplaces.randomOriginCity(random);
  const household = population.addHousehold(
    size,
    HouseholdKind.travelGroup,
    `visit-${population.householdCount}`,
  );
  const room = rooms.book(hotel, arrival, departure, random);
  const grid = gridInStreet(ctx, places.venues.list[hotel]!.street, random);
  const infected = random.chance(ctx.visitors.infectedShare);
  for (let i = 0; i < size; i++) {
    const p = population.addPerson();
    const age = random.between(22, 65);
    const male = random.chance(0.55);
    population.kind[p] = PersonKind.visitor;
    population.role[p] = Role.visitor;
    population.age[p] = age;
    population.male[p] = male ? 1 : 0;
    population.household[p] = household;
    population.grid[p] = grid;
    population.vaccineDoses[p] = random.chance(0.9) ? 2 + (random.chance(0.6) ? 1 : 0) : 0;
    population.scanPropensity[p] = Math.min(1, ctx.scanRate + 0.05);
    const birthDate = birthDateFor(ctx.clock.startDate, age, random);
    const county = ctx.birthplaces.forVisitor(random);
    const id = ctx.ids.issue(
      county,
      { date: birthDate, epochDay: Math.round(Date.parse(birthDate) / 86_400_000) },
      male,
    );
    population.personId[p] = id;
    population.residentId[p] = id;
    population.passport[p] = undefined;
    population.nationality[p] = 'CHN';
    population.familyName[p] = randomSurname(random);
    population.givenName[p] = randomGivenName(
      random,
      male ? 'male' : 'female',
      Number(birthDate.slice(0, 4)),
    );
    population.birthDate[p] = birthDate;
    population.phone[p] = ctx.phones.next(random);
    out.homeCounty.set(p, county);
    out.plans.push({
      person: p,
      kind: business ? 'business' : 'tourist',
      arrival,
      arrivalRun,
      arrivalStation: station,
      departure,
      departureRun,
      departureStation: station,
      hotel,
      confinedUntil: arrival,
      homeUntil: arrival,
    });
    out.stays.push({
      person: p,
      venue: hotel,
      room,
      checkIn: arrival + random.between(30, 90),
      checkOut: Math.min(departure - 60, (day + nights) * MINUTES_PER_DAY + 12 * 60),
    });
    // Imported infection: caught at home in the days before the trip (the first of a group infects alone).
    if (infected && i === 0) {
      ctx.epidemic.infect(p, arrival - random.between(0, 4 * MINUTES_PER_DAY), -1, PlaceKind.imported, -1);
      ctx.epidemic.importOrigin.set(p, `${originName}（${originCode}）`);
    }
  }
}

function addTravellerGroup(
  ctx: NonResidentContext,
  { out, rooms, random }: Creation,
  day: number,
  size: number,
): void {
  const { population, places, network, areas } = ctx;
  const flight = random.pick(network.flights);
  const airport = originAirports.find((a) => a.iata === flight.otherEnd) ?? originAirports[0]!;
  const run = runOfService(network, flight, day, 'CSX');
  const arrival = network.transit.runs[run]!.arrival;
  const chinese = random.chance(ctx.international.chineseShare);
  const country = chinese ? 'CHN' : random.chance(0.8) ? airport.country : random.pick(foreignCountries);
  const quarantineEnd = arrival + ctx.international.quarantineDays * MINUTES_PER_DAY;
  const hotel = places.quarantineHotel;
  const room = rooms.book(hotel, arrival, quarantineEnd, random);
  // Returning residents go home to a grid of the city; foreigners to a business hotel in the core.
  const homeGrid = random.weightedIndex(cumulativeWeights(Array.from(areas.gridResidents)));
  const coreDistrict = areas.coreDistricts[random.int(areas.coreDistricts.length)] ?? 0;
  const businessHotels = places.venues.inDistrict('hotel', coreDistrict);
  const businessHotel = businessHotels.length > 0 ? random.pick(businessHotels) : hotel;
  const grid = chinese ? homeGrid : gridInStreet(ctx, places.venues.list[businessHotel]!.street, random);
  const household = population.addHousehold(
    size,
    HouseholdKind.travelGroup,
    `arrival-${population.householdCount}`,
  );
  const familyName = chinese ? randomSurname(random) : randomForeignName(random, country, 'male').family;
  const infected = random.chance(ctx.international.infectedShare);
  const stayNights = random.between(2, 5);
  for (let i = 0; i < size; i++) {
    const p = population.addPerson();
    const child = i >= 2;
    const age = child ? random.between(3, 16) : random.between(20, 68);
    const male = i === 0 ? random.chance(0.6) : random.chance(0.5);
    population.kind[p] = PersonKind.traveller;
    population.role[p] = Role.visitor;
    population.age[p] = age;
    population.male[p] = male ? 1 : 0;
    population.household[p] = household;
    population.grid[p] = grid;
    population.vaccineDoses[p] = random.chance(0.85) ? random.between(2, 3) : 0;
    population.scanPropensity[p] = Math.min(1, ctx.scanRate + 0.05);
    const birthDate = birthDateFor(ctx.clock.startDate, age, random);
    population.birthDate[p] = birthDate;
    population.nationality[p] = country;
    population.phone[p] = chinese && age >= 12 ? ctx.phones.next(random) : '';
    const passportNumber = randomPassportNumber(random, country);
    population.passport[p] = `${country}:${passportNumber}`;
    if (chinese) {
      const district =
        areas.districts[areas.streetDistrict[areas.communityStreet[areas.gridCommunity[homeGrid]!]!]!]!.code;
      const id = ctx.ids.issue(
        district,
        { date: birthDate, epochDay: Math.round(Date.parse(birthDate) / 86_400_000) },
        male,
      );
      population.residentId[p] = id;
      population.personId[p] = id;
      population.familyName[p] = i === 1 ? randomSurname(random) : familyName;
      population.givenName[p] = randomGivenName(
        random,
        male ? 'male' : 'female',
        Number(birthDate.slice(0, 4)),
      );
    } else {
      const name = randomForeignName(random, country, male ? 'male' : 'female');
      population.residentId[p] = undefined;
      population.personId[p] = `passport:${country}:${passportNumber}`;
      population.familyName[p] = i === 1 ? name.family : familyName;
      population.givenName[p] = name.given;
    }
    const homeUntil = chinese ? quarantineEnd + 3 * MINUTES_PER_DAY : quarantineEnd;
    const releaseDay = Math.floor(quarantineEnd / MINUTES_PER_DAY);
    const departureDay = releaseDay + stayNights;
    const station = stationFor(ctx, coreDistrict);
    const departureService = serviceAround(
      network.trainsAt.get(station) ?? [],
      { arriving: false, earliest: 9 * 60, latest: 21 * 60 },
      random,
    );
    const departureRun =
      !chinese && departureService
        ? runOfService(network, departureService, departureDay, places.venues.list[station]!.name)
        : -1;
    out.plans.push({
      person: p,
      kind: chinese ? 'returning' : 'foreign',
      arrival,
      arrivalRun: run,
      arrivalStation: -1,
      departure: departureRun >= 0 ? network.transit.runs[departureRun]!.departure : Number.MAX_SAFE_INTEGER,
      departureRun,
      departureStation: station,
      hotel: chinese ? -1 : businessHotel,
      confinedUntil: quarantineEnd,
      homeUntil,
    });
    out.stays.push({
      person: p,
      venue: hotel,
      room,
      checkIn: arrival + random.between(150, 240),
      checkOut: quarantineEnd,
    });
    if (!chinese && departureRun >= 0) {
      out.stays.push({
        person: p,
        venue: businessHotel,
        room: rooms.book(businessHotel, quarantineEnd, network.transit.runs[departureRun]!.departure, random),
        checkIn: quarantineEnd + random.between(60, 120),
        checkOut: Math.min(
          network.transit.runs[departureRun]!.departure - 60,
          departureDay * MINUTES_PER_DAY + 12 * 60,
        ),
      });
    }
    out.travellers.push({
      person: p,
      arrival,
      run,
      originCountry: airport.country,
      documentType: chinese ? 'cn-resident' : 'passport',
      documentNumber: chinese ? population.residentId[p]! : passportNumber,
      destinationArea: chinese
        ? areas.grids[homeGrid]!.code
        : areas.streets[places.venues.list[businessHotel]!.street]!.code,
    });
    out.tests.push({ person: p, minute: arrival + random.between(40, 90), atPort: true });
    const arrivalDay = Math.floor(arrival / MINUTES_PER_DAY);
    for (const testDay of [1, 2, 3, 5, 7]) {
      if (testDay > ctx.international.quarantineDays) continue;
      out.tests.push({
        person: p,
        minute: (arrivalDay + testDay) * MINUTES_PER_DAY + random.between(8 * 60, 10 * 60),
        atPort: false,
      });
    }
    if (infected && i === 0) {
      ctx.epidemic.infect(
        p,
        network.transit.runs[run]!.departure - random.between(0, 5 * MINUTES_PER_DAY),
        -1,
        PlaceKind.imported,
        -1,
      );
      ctx.epidemic.importOrigin.set(p, `${airport.city} ${airport.iata} (${airport.country})`);
    }
  }
}

function birthDateFor(startDate: string, age: number, random: Random): string {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - age, m - 1, d) - random.between(1, 365) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
