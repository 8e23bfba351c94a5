/**
 * Writes a simulation as the files `shuzhi import` takes (presence CSVs, travellers, indicators, FHIR R4
 * NDJSON per source), the reference data (venues, trip list) and, under `truth/`, the ground truth the
 * platform never reads. Day by day, so a million-person run streams instead of holding every event.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntheticCity } from './city.js';
import { BufferedFile, csvRow } from './csv-file.js';
import { VisitFlag } from './day-presence.js';
import { NONE, PlaceKind, placeKindNames } from './epidemic-state.js';
import { clusterMembers } from './planted-cluster.js';
import { HouseholdKind, PersonKind } from './population.js';
import type { DayOutput, SimulationResult } from './simulation.js';
import { truthReadme } from './truth-readme.js';

export const presenceHeaders = {
  checkins: 'person_id,venue_id,check_in,check_out,zone',
  trips: 'person_id,trip_id,mode,departure,arrival,carriage,seat',
  stays: 'person_id,hotel_id,room,check_in,check_out',
  gateAccess: 'person_id,community_id,gate_id,direction,time',
  households: 'person_id,household_id',
  travelers:
    'person_id,name,sex,birth_date,nationality,document_type,document_number,arrival,port,trip_id,origin_country,destination_area',
  indicators: 'area,indicator,date,count',
  venues: 'venue_id,name,type,area,zones,lat,lon,capacity',
  tripList: 'trip_id,mode,line,origin,destination,departure,arrival',
} as const;

export interface WrittenCounts {
  [file: string]: number;
}

/** Streams a simulation into a directory: `begin`, `writeDay` for each day, then `finish`. */
export class SimulationWriter {
  private readonly files: Record<string, BufferedFile> = {};
  private readonly fhirFiles = new Map<string, BufferedFile>();
  private city: SyntheticCity | null = null;

  constructor(readonly dir: string) {}

  begin(city: SyntheticCity): void {
    this.city = city;
    mkdirSync(join(this.dir, 'fhir'), { recursive: true });
    mkdirSync(join(this.dir, 'truth'), { recursive: true });
    const open = (name: string, header: string) =>
      (this.files[name] = new BufferedFile(join(this.dir, name), header));
    open('checkins.csv', presenceHeaders.checkins);
    open('trips.csv', presenceHeaders.trips);
    open('stays.csv', presenceHeaders.stays);
    open('gate-access.csv', presenceHeaders.gateAccess);
    open('travelers.csv', presenceHeaders.travelers);
    open('indicators.csv', presenceHeaders.indicators);
    const households = open('households.csv', presenceHeaders.households);
    const { population } = city;
    for (let h = 0; h < population.householdCount; h++) {
      if (population.householdKind[h] !== HouseholdKind.home) continue;
      const first = population.householdFirst[h]!;
      const id = population.householdId[h]!;
      for (let p = first; p < first + population.householdSize[h]!; p++)
        households.line(`${population.personId[p]},${id}`);
    }
  }

  writeDay(out: DayOutput): void {
    const city = this.requireCity();
    const { population, places, network, clock, gates, areas } = city;
    const venueIds = places.venues.list.map((v) => v.id);
    const ids = population.personId;
    const iso = (minute: number) => clock.iso(minute);

    const checkins = this.files['checkins.csv']!;
    const v = out.presence.visits;
    for (let k = 0; k < v.person.length; k++) {
      const flags = v.flags[k]!;
      if (!(flags & VisitFlag.scanned) || flags & VisitFlag.cancelled) continue;
      const venue = v.venue[k]!;
      const zone = flags & VisitFlag.zoneRecorded ? (places.venues.list[venue]!.zones[v.zone[k]!] ?? '') : '';
      const checkout = flags & VisitFlag.checkoutRecorded ? iso(v.end[k]!) : '';
      checkins.line(`${ids[v.person[k]!]},${venueIds[venue]},${iso(v.start[k]!)},${checkout},${zone}`);
    }

    const trips = this.files['trips.csv']!;
    const t = out.presence.trips;
    for (let k = 0; k < t.person.length; k++) {
      if (t.recorded[k] !== 1) continue;
      const run = network.transit.runs[t.run[k]!]!;
      const mode = network.transit.lines[run.line]!.mode;
      const carriage = t.carriage[k]! > 0 && mode !== 'flight' ? String(t.carriage[k]) : '';
      const seat = t.row[k]! > 0 ? `${t.row[k]}${String.fromCharCode(t.seat[k]!)}` : '';
      trips.line(
        `${ids[t.person[k]!]},${run.id},${mode},${iso(t.board[k]!)},${iso(t.alight[k]!)},${carriage},${seat}`,
      );
    }

    const gateFile = this.files['gate-access.csv']!;
    const g = out.presence.gates;
    for (let k = 0; k < g.person.length; k++) {
      const inward = g.inward[k]!;
      if (inward < 0) continue;
      const gate = g.gate[k]!;
      const community = areas.communities[gates.gateCommunity[gate]!]!.code;
      gateFile.line(
        `${ids[g.person[k]!]},${community},${gates.gateId[gate]},${inward ? 'in' : 'out'},${iso(g.time[k]!)}`,
      );
    }

    const stays = this.files['stays.csv']!;
    for (const stay of out.stays)
      stays.line(
        `${ids[stay.person]},${venueIds[stay.venue]},${stay.room},${iso(stay.checkIn)},${iso(stay.checkOut)}`,
      );

    const travelers = this.files['travelers.csv']!;
    for (const traveller of out.travellers) {
      const p = traveller.person;
      travelers.line(
        csvRow([
          ids[p]!,
          population.fullName(p),
          population.male[p] ? 'male' : 'female',
          population.birthDate[p]!,
          population.nationality[p]!,
          traveller.documentType,
          traveller.documentNumber,
          iso(traveller.arrival),
          network.portCode,
          network.transit.runs[traveller.run]!.id,
          traveller.originCountry,
          traveller.destinationArea,
        ]),
      );
    }

    const indicators = this.files['indicators.csv']!;
    for (const row of out.indicators)
      indicators.line(`${row.area},${row.indicator},${row.date},${row.count}`);

    for (const [sourceId, lines] of out.fhir) {
      let file = this.fhirFiles.get(sourceId);
      if (!file) {
        const source = city.sources.sources.find((s) => s.id === sourceId)!;
        file = new BufferedFile(join(this.dir, 'fhir', `${source.category}-${sourceId}.ndjson`));
        this.fhirFiles.set(sourceId, file);
      }
      for (const line of lines) file.line(line);
    }
  }

  /** Reference data and ground truth; closes every file and returns the rows written per file. */
  finish(result: SimulationResult): WrittenCounts {
    const city = this.requireCity();
    this.writeVenues(city);
    this.writeTripList(city);
    this.writeTruth(result);
    const counts: WrittenCounts = {};
    for (const [name, file] of Object.entries(this.files)) {
      file.close();
      counts[name] = file.rows;
    }
    for (const [sourceId, file] of this.fhirFiles) {
      file.close();
      const source = city.sources.sources.find((s) => s.id === sourceId)!;
      counts[`fhir/${source.category}-${sourceId}.ndjson`] = file.rows;
    }
    writeFileSync(
      join(this.dir, 'manifest.json'),
      `${JSON.stringify(
        {
          generator: '@shuzhi/sim',
          seed: result.options.seed,
          people: result.options.people,
          days: result.options.days,
          startDate: result.options.startDate,
          strain: city.strain.name,
          personIds:
            'resident ID number (18 characters) for anyone who has one; passport:COUNTRY:NUMBER (ISO 3166-1 alpha-3) for foreigners',
          files: counts,
        },
        null,
        2,
      )}\n`,
    );
    return counts;
  }

  private writeVenues(city: SyntheticCity): void {
    const file = (this.files['venues.csv'] = new BufferedFile(
      join(this.dir, 'venues.csv'),
      presenceHeaders.venues,
    ));
    for (const venue of city.places.venues.list) {
      file.line(
        csvRow([
          venue.id,
          venue.name,
          venue.type,
          city.areas.streets[venue.street]!.code,
          venue.zones.join('|'),
          venue.lat,
          venue.lon,
          venue.capacity,
        ]),
      );
    }
  }

  private writeTripList(city: SyntheticCity): void {
    const { transit } = city.network;
    const file = (this.files['trip-list.csv'] = new BufferedFile(
      join(this.dir, 'trip-list.csv'),
      presenceHeaders.tripList,
    ));
    for (const run of transit.runs) {
      const line = transit.lines[run.line]!;
      file.line(
        csvRow([
          run.id,
          line.mode,
          line.name,
          run.origin,
          run.destination,
          city.clock.iso(run.departure),
          city.clock.iso(run.arrival),
        ]),
      );
    }
  }

  private writeTruth(result: SimulationResult): void {
    const city = this.requireCity();
    const { population, epidemic, clock, places } = city;
    const ids = population.personId;
    const infections = (this.files['truth/infections.csv'] = new BufferedFile(
      join(this.dir, 'truth', 'infections.csv'),
      'person_id,infected_at,infector_id,place_kind,place_id,onset_at,recovered_at,asymptomatic,strain',
    ));
    for (const p of epidemic.infected) {
      const infector = epidemic.infector[p]!;
      infections.line(
        csvRow([
          ids[p]!,
          clock.iso(epidemic.infectedAt[p]!),
          infector === NONE ? '' : ids[infector]!,
          placeKindNames[epidemic.placeKind[p]!]!,
          placeIdOf(city, p),
          epidemic.asymptomatic[p] ? '' : clock.iso(epidemic.onsetAt[p]!),
          clock.iso(epidemic.recoveredAt[p]!),
          epidemic.asymptomatic[p] ? 'true' : 'false',
          city.strain.name,
        ]),
      );
    }
    const persons = (this.files['truth/persons.csv'] = new BufferedFile(
      join(this.dir, 'truth', 'persons.csv'),
      'source_id,source_record_id,true_person_id',
    ));
    for (const record of city.sources.truth())
      persons.line(`${record.sourceId},${record.recordId},${ids[record.person]}`);
    const cluster = (this.files['truth/cluster.csv'] = new BufferedFile(
      join(this.dir, 'truth', 'cluster.csv'),
      'cluster_id,kind,venue_id,venue_name,zone,area,started_at,person_id,role,generation,infected_at,place_kind,place_id',
    ));
    if (city.cluster) {
      const venue = places.venues.list[city.cluster.venue]!;
      const zone = city.cluster.zone >= 0 ? (venue.zones[city.cluster.zone] ?? '') : '';
      for (const member of clusterMembers(city.cluster, epidemic)) {
        const p = member.person;
        cluster.line(
          csvRow([
            'planted-1',
            city.cluster.kind,
            venue.id,
            venue.name,
            zone,
            city.areas.streets[city.cluster.street]!.code,
            clock.iso(city.cluster.start),
            ids[p]!,
            member.role,
            member.generation,
            clock.iso(epidemic.infectedAt[p]!),
            placeKindNames[epidemic.placeKind[p]!]!,
            placeIdOf(city, p),
          ]),
        );
      }
    }
    writeFileSync(join(this.dir, 'truth', 'README.md'), truthReadme(result));
  }

  private requireCity(): SyntheticCity {
    if (!this.city) throw new Error('SimulationWriter.begin must be called first');
    return this.city;
  }
}

/** The place of an infection as the truth files name it (venue id, trip id, household id, hotel#room). */
export function placeIdOf(city: SyntheticCity, person: number): string {
  const { epidemic, places, network, population, nonResidents } = city;
  const place = epidemic.place[person]!;
  switch (epidemic.placeKind[person]!) {
    case PlaceKind.venue:
    case PlaceKind.seeded:
      return place >= 0 ? places.venues.list[place]!.id : '';
    case PlaceKind.trip:
      return network.transit.runs[place]!.id;
    case PlaceKind.household:
      return population.householdId[place]!;
    case PlaceKind.hotelRoom: {
      const at = epidemic.infectedAt[person]!;
      const stay = nonResidents.stays.find(
        (s) => s.person === person && s.checkIn <= at + 240 && at <= s.checkOut,
      );
      return stay ? `${places.venues.list[stay.venue]!.id}#${stay.room}` : population.householdId[place]!;
    }
    default:
      return (
        epidemic.importOrigin.get(person) ??
        (population.kind[person] === PersonKind.resident ? 'outside the city' : '')
      );
  }
}

/** Writes a whole (retained) simulation result into `dir`. */
export function writeSimulation(result: SimulationResult, dir: string): WrittenCounts {
  const writer = new SimulationWriter(dir);
  writer.begin(result.city);
  for (const day of result.days) writer.writeDay(day);
  return writer.finish(result);
}
