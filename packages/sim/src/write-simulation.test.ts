import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findArea } from '@shuzhi/geo';
import { indicatorNames } from './indicators.js';
import { isValidResidentId } from './resident-id.js';
import { simulateCity, type SimulationResult } from './simulation.js';
import { presenceHeaders, writeSimulation } from './write-simulation.js';

let dir: string;
let result: SimulationResult;

/** RFC 4180 parsing, enough for these files (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

const cache = new Map<string, { header: string; rows: Record<string, string>[] }>();

function read(name: string): { header: string; rows: Record<string, string>[] } {
  const cached = cache.get(name);
  if (cached) return cached;
  const [head, ...rest] = parseCsv(readFileSync(join(dir, name), 'utf8'));
  const parsed = {
    header: head!.join(','),
    rows: rest.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? '']))),
  };
  cache.set(name, parsed);
  return parsed;
}

/** Parsed JSON, read by path: at(resource, 'code', 'coding', 0, 'code'). */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function at(value: Json | undefined, ...path: (string | number)[]): Json | undefined {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[key as number] : current[key as string];
  }
  return current;
}

const text = (value: Json | undefined): string => (typeof value === 'string' ? value : '');

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const personId = (id: string) => isValidResidentId(id) || /^passport:[A-Z]{3}:[A-Z0-9]{5,20}$/.test(id);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shuzhi-sim-'));
  result = simulateCity({
    people: 5000,
    days: 9,
    seed: 17,
    initialInfections: 20,
    international: { arrivalsPerDay: 4 },
    visitors: { perThousandResidentsPerDay: 4 },
    plantedCluster: { kind: 'market', day: 3 },
  });
  writeSimulation(result, dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('written presence files', () => {
  it('have exactly the headers of the import formats', () => {
    expect(read('checkins.csv').header).toBe(presenceHeaders.checkins);
    expect(read('trips.csv').header).toBe('person_id,trip_id,mode,departure,arrival,carriage,seat');
    expect(read('stays.csv').header).toBe('person_id,hotel_id,room,check_in,check_out');
    expect(read('gate-access.csv').header).toBe('person_id,community_id,gate_id,direction,time');
    expect(read('households.csv').header).toBe('person_id,household_id');
    expect(read('travelers.csv').header).toBe(
      'person_id,name,sex,birth_date,nationality,document_type,document_number,arrival,port,trip_id,origin_country,destination_area',
    );
    expect(read('indicators.csv').header).toBe('area,indicator,date,count');
    expect(read('venues.csv').header).toBe('venue_id,name,type,area,zones,lat,lon,capacity');
    expect(read('trip-list.csv').header).toBe('trip_id,mode,line,origin,destination,departure,arrival');
  });

  it('write check-ins with known venues, times with offset, optional check-out and zone', () => {
    const venues = new Map(read('venues.csv').rows.map((v) => [v.venue_id!, v]));
    const { rows } = read('checkins.csv');
    expect(rows.length).toBeGreaterThan(10_000);
    const bad = rows.filter((r) => {
      const venue = venues.get(r.venue_id!);
      return (
        !personId(r.person_id!) ||
        !venue ||
        !iso.test(r.check_in!) ||
        (r.check_out !== '' && (!iso.test(r.check_out!) || r.check_out! <= r.check_in!)) ||
        (r.zone !== '' && !venue.zones!.split('|').includes(r.zone!))
      );
    });
    expect(bad).toEqual([]);
    expect(rows.some((r) => r.check_out === '')).toBe(true);
    expect(rows.some((r) => r.zone !== '')).toBe(true);
  });

  it('write rides with a mode, carriages except on flights, seats as row and letter', () => {
    const trips = new Set(read('trip-list.csv').rows.map((t) => t.trip_id));
    const { rows } = read('trips.csv');
    const bad = rows.filter(
      (r) =>
        !['flight', 'train', 'bus', 'metro'].includes(r.mode!) ||
        !trips.has(r.trip_id) ||
        !iso.test(r.departure!) ||
        !iso.test(r.arrival!) ||
        r.arrival! <= r.departure! ||
        (r.mode === 'flight' && r.carriage !== '') ||
        (r.seat !== '' && !/^\d{1,2}[A-K]$/.test(r.seat!)),
    );
    expect(bad).toEqual([]);
    expect(new Set(rows.map((r) => r.mode))).toEqual(new Set(['flight', 'train', 'bus', 'metro']));
    expect(rows.some((r) => r.mode === 'train' && r.carriage !== '' && r.seat !== '')).toBe(true);
    expect(rows.some((r) => r.mode === 'flight' && r.seat !== '')).toBe(true);
  });

  it('write gate passes at real community codes and hotel stays with rooms', () => {
    const gates = read('gate-access.csv').rows;
    expect(
      gates.filter(
        (g) =>
          findArea(g.community_id!)?.level !== 'community' ||
          !g.gate_id!.startsWith(g.community_id!) ||
          !['in', 'out'].includes(g.direction!) ||
          !iso.test(g.time!),
      ),
    ).toEqual([]);
    const stays = read('stays.csv').rows;
    expect(stays.length).toBeGreaterThan(0);
    expect(stays.filter((s) => !/^\d{4}$/.test(s.room!) || !(s.check_out! > s.check_in!))).toEqual([]);
  });

  it('list every resident in a household', () => {
    const rows = read('households.csv').rows;
    expect(rows).toHaveLength(5000);
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(5000);
  });

  it('write inbound travellers with documents the hub can resolve', () => {
    const rows = read('travelers.csv').rows;
    expect(rows.length).toBeGreaterThan(10);
    const bad = rows.filter((t) => {
      const document =
        t.document_type === 'cn-resident'
          ? isValidResidentId(t.document_number!) && t.person_id === t.document_number
          : t.document_type === 'passport' &&
            t.person_id === `passport:${t.nationality}:${t.document_number}`;
      return (
        !document ||
        !['male', 'female'].includes(t.sex!) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(t.birth_date!) ||
        t.port !== 'CNCSX' ||
        !iso.test(t.arrival!) ||
        !findArea(t.destination_area!)
      );
    });
    expect(bad).toEqual([]);
    expect(new Set(rows.map((t) => t.document_type))).toEqual(new Set(['cn-resident', 'passport']));
  });

  it('write every indicator for every district and the city, every day (school days only for absenteeism)', () => {
    const rows = read('indicators.csv').rows;
    const districts = new Set(rows.map((r) => r.area));
    expect(districts.size).toBe(10);
    expect(new Set(rows.map((r) => r.indicator))).toEqual(new Set(indicatorNames));
    const dates = new Set(rows.map((r) => r.date));
    expect(dates.size).toBe(9);
    const absenteeismDates = new Set(
      rows.filter((r) => r.indicator === 'school_absenteeism').map((r) => r.date),
    );
    expect(absenteeismDates.size).toBe(7); // 2026-03-02 is a Monday: nine days hold one weekend
    expect(rows.filter((r) => !/^\d+$/.test(r.count!))).toEqual([]);
  });
});

describe('written FHIR resources', () => {
  const resources = () =>
    readdirSync(join(dir, 'fhir')).flatMap((file) =>
      readFileSync(join(dir, 'fhir', file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Json),
    );

  it('are one JSON resource per line, in files per source, each opening with its Organization', () => {
    const files = readdirSync(join(dir, 'fhir'));
    expect(files.every((f) => /^(hospital|lab|port|immunization)-[a-z0-9]+\.ndjson$/.test(f))).toBe(true);
    for (const file of files) {
      const first = JSON.parse(readFileSync(join(dir, 'fhir', file), 'utf8').split('\n')[0]!) as Json;
      expect(at(first, 'resourceType')).toBe('Organization');
      expect(file).toContain(text(at(first, 'id')));
    }
  });

  it('code tests with LOINC and SNOMED CT, cases with ICD-10, and reference only resources sent before', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const r of resources()) {
      const type = text(at(r, 'resourceType'));
      const id = text(at(r, 'id'));
      seen.add(`${type}/${id}`);
      if (type === 'Observation') {
        if (!['94500-6', '94558-4'].includes(text(at(r, 'code', 'coding', 0, 'code'))))
          problems.push(`code ${id}`);
        if (!['10828004', '260385009'].includes(text(at(r, 'valueCodeableConcept', 'coding', 0, 'code'))))
          problems.push(`value ${id}`);
        const effective = text(at(r, 'effectiveDateTime'));
        const issued = text(at(r, 'issued'));
        if (!iso.test(effective) || !iso.test(issued) || issued < effective) problems.push(`times ${id}`);
        if (
          !seen.has(text(at(r, 'subject', 'reference'))) ||
          !seen.has(text(at(r, 'performer', 0, 'reference')))
        )
          problems.push(`reference ${id}`);
      }
      if (type === 'Condition' && !['U07.1', 'U07.2'].includes(text(at(r, 'code', 'coding', 0, 'code'))))
        problems.push(`condition ${id}`);
      if (
        type === 'Encounter' &&
        (text(at(r, 'class', 'code')) !== 'AMB' || !seen.has(text(at(r, 'subject', 'reference'))))
      )
        problems.push(`encounter ${id}`);
      if (
        type === 'Immunization' &&
        !['510', '511'].includes(text(at(r, 'vaccineCode', 'coding', 0, 'code')))
      )
        problems.push(`vaccine ${id}`);
    }
    expect(problems).toEqual([]);
    const types = new Set([...seen].map((s) => s.split('/')[0]));
    expect(types).toEqual(
      new Set([
        'Organization',
        'Location',
        'Patient',
        'Observation',
        'Condition',
        'Encounter',
        'Immunization',
      ]),
    );
  });

  it('identify patients by source record, resident ID or passport, with names, birth dates and area codes', () => {
    const patients = resources().filter((r) => at(r, 'resourceType') === 'Patient');
    expect(patients.length).toBeGreaterThan(1000);
    const problems = patients.filter(
      (p) =>
        !text(at(p, 'identifier', 0, 'system')).startsWith('urn:shuzhi:source:') ||
        !text(at(p, 'name', 0, 'text')) ||
        !['male', 'female'].includes(text(at(p, 'gender'))),
    );
    expect(problems).toEqual([]);
    const systems = (p: Json) =>
      ((at(p, 'identifier') as Json[] | undefined) ?? []).map((i) => text(at(i, 'system')));
    expect(patients.some((p) => systems(p).includes('urn:shuzhi:id:passport'))).toBe(true);
    expect(patients.some((p) => text(at(p, 'address', 0, 'extension', 0, 'valueCode')).length === 15)).toBe(
      true,
    );
  });

  it('register some people differently across sources, and the ground truth says who is who', () => {
    const truth = read('truth/persons.csv').rows;
    const patients = resources().filter((r) => at(r, 'resourceType') === 'Patient');
    expect(truth).toHaveLength(patients.length);
    const byRecord = new Map(truth.map((t) => [`${t.source_id}|${t.source_record_id}`, t.true_person_id!]));
    let missingId = 0;
    let invalidId = 0;
    const unknown: string[] = [];
    for (const patient of patients) {
      const sourceSystem = text(at(patient, 'identifier', 0, 'system')).replace('urn:shuzhi:source:', '');
      const trueId = byRecord.get(`${sourceSystem}|${text(at(patient, 'identifier', 0, 'value'))}`);
      if (trueId === undefined) unknown.push(text(at(patient, 'id')));
      const identifiers = (at(patient, 'identifier') as Json[] | undefined) ?? [];
      const resident = identifiers.find((i) => at(i, 'system') === 'urn:shuzhi:id:cn-resident');
      if (!resident && !(trueId ?? '').startsWith('passport:')) missingId++;
      if (resident && !isValidResidentId(text(at(resident, 'value')))) invalidId++;
    }
    expect(unknown).toEqual([]);
    // Defaults: 5 % of registrations without an ID number, 1 % mistyped (almost always failing the check).
    expect(missingId / patients.length).toBeGreaterThan(0.02);
    expect(missingId / patients.length).toBeLessThan(0.12);
    expect(invalidId).toBeGreaterThan(0);
  });
});

describe('written ground truth', () => {
  it('lists every infection with infector, place and natural history', () => {
    const rows = read('truth/infections.csv').rows;
    expect(rows).toHaveLength(result.city.epidemic.infected.length);
    const ids = new Set(rows.map((r) => r.person_id));
    const bad = rows.filter(
      (r) =>
        !iso.test(r.infected_at!) ||
        (r.infector_id !== '' && !ids.has(r.infector_id)) ||
        !['import', 'household', 'venue', 'trip', 'hotel_room', 'seed'].includes(r.place_kind!) ||
        (r.asymptomatic === 'true') !== (r.onset_at === '') ||
        !(r.recovered_at! > r.infected_at!),
    );
    expect(bad).toEqual([]);
  });

  it('describes the planted cluster: one index, venue members at the market, onward spread', () => {
    const rows = read('truth/cluster.csv').rows;
    expect(rows.filter((r) => r.role === 'index')).toHaveLength(1);
    expect(rows.filter((r) => r.role === 'venue').length).toBeGreaterThan(3);
    expect(new Set(rows.map((r) => r.venue_id)).size).toBe(1);
    expect(findArea(rows[0]!.area!)?.level).toBe('street');
    expect(readFileSync(join(dir, 'truth', 'README.md'), 'utf8')).toContain('never reads these files');
  });
});
