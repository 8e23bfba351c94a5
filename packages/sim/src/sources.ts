/**
 * The data sources of the synthetic city — a hospital with a fever clinic in every district, the CDC and
 * two commercial laboratories, the port health office, the immunisation registry — each keeping its own
 * patient records. A source registers a person the first time it sees them, in its own way (its record
 * number, sometimes a typo or a missing ID), and the true person behind every record is kept aside.
 */
import { ancestorsOf } from '@shuzhi/geo';
import type { CityAreas } from './city-areas.js';
import {
  mistypeIdentifier,
  mistypePhone,
  misspellChineseName,
  shiftBirthDate,
  type DirtyDataRates,
} from './dirty-data.js';
import { organization, type PatientFields, type Resource } from './fhir-resources.js';
import { patientJson } from './fhir-json.js';
import { IntColumn } from './day-presence.js';
import { PersonKind, type Population } from './population.js';
import { Random, streams } from './random.js';

export type SourceCategory = 'hospital' | 'lab' | 'port' | 'immunization';

export interface Source {
  /** Used in `urn:shuzhi:source:{id}`, in file names and as the Organization id. */
  id: string;
  category: SourceCategory;
  name: string;
  /** District (or city) code of the organisation. */
  areaCode: string;
  recordPrefix: string;
  dirty: DirtyDataRates;
}

export interface RecordTruth {
  sourceId: string;
  recordId: string;
  person: number;
}

interface SourceState {
  source: Source;
  /**
   * Resource number of the Patient registered for each person (an array after a duplicate
   * registration); numbers rather than id strings keep a million registrations light.
   */
  patients: Map<number, number | number[]>;
  records: number;
  resources: number;
  /** NDJSON lines queued for today's output. */
  lines: string[];
  organizationSent: boolean;
}

export class SourceRegistry {
  private readonly states: SourceState[] = [];
  private readonly index = new Map<string, number>();
  /** The true person of every registration: source index, record number and person, in columns. */
  private readonly truthSource = new IntColumn();
  private readonly truthRecord = new IntColumn();
  private readonly truthPerson = new IntColumn();
  private readonly random = new Random(0);
  private readonly dirtyRandom = new Random(0);
  private readonly addressCache = new Map<
    number,
    { text: string; district: string; city: string; state: string; areaCode: string }
  >();

  constructor(
    private readonly seed: number,
    private readonly population: Population,
    private readonly areas: CityAreas,
    /** Origin county code of each visitor, for their address. */
    private readonly homeCountyOf: (person: number) => string | undefined,
  ) {}

  add(source: Source): number {
    const i = this.states.length;
    this.states.push({
      source,
      patients: new Map(),
      records: 0,
      resources: 0,
      lines: [],
      organizationSent: false,
    });
    this.index.set(source.id, i);
    return i;
  }

  get sources(): Source[] {
    return this.states.map((s) => s.source);
  }

  sourceIndex(id: string): number {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`unknown source ${id}`);
    return i;
  }

  /** A new resource id of this source (`h430202-r000123`). */
  nextResourceId(source: number): string {
    return this.resourceId(source, ++this.states[source]!.resources);
  }

  private resourceId(source: number, n: number): string {
    return `${this.states[source]!.source.id}-r${String(n).padStart(6, '0')}`;
  }

  private recordId(source: number, n: number): string {
    return `${this.states[source]!.source.recordPrefix}${String(n).padStart(8, '0')}`;
  }

  /** Every registration and the true person behind it (the record-linkage answer key). */
  *truth(): Generator<RecordTruth> {
    for (let i = 0; i < this.truthPerson.length; i++) {
      const source = this.truthSource.get(i);
      yield {
        sourceId: this.states[source]!.source.id,
        recordId: this.recordId(source, this.truthRecord.get(i)),
        person: this.truthPerson.get(i),
      };
    }
  }

  get registrations(): number {
    return this.truthPerson.length;
  }

  /** Queues a resource for today's output of the source (its Organization first, once). */
  emit(source: number, resource: Resource): void {
    this.emitJson(source, JSON.stringify(resource));
  }

  /** Queues a resource already serialised as one line of JSON. */
  emitJson(source: number, json: string): void {
    const state = this.states[source]!;
    if (!state.organizationSent) {
      state.organizationSent = true;
      const orgType =
        state.source.category === 'hospital' ? 'prov' : state.source.category === 'lab' ? 'other' : 'govt';
      state.lines.push(
        JSON.stringify(organization(state.source.id, state.source.name, orgType, state.source.areaCode)),
      );
    }
    state.lines.push(json);
  }

  /** NDJSON lines queued since the last call, by source id. */
  takeQueued(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const state of this.states) {
      if (state.lines.length === 0) continue;
      out.set(state.source.id, state.lines);
      state.lines = [];
    }
    return out;
  }

  /**
   * The Patient id this source uses for `person`, registering them now if it has not seen them (or,
   * with the duplicate rate, registering them again under a new record number).
   */
  patientFor(source: number, person: number): string {
    const state = this.states[source]!;
    const existing = state.patients.get(person);
    const registrations = existing === undefined ? 0 : typeof existing === 'number' ? 1 : existing.length;
    if (existing !== undefined) {
      const random = this.random.reseed(this.seed, streams.sources, source * 65_536 + registrations, person);
      const latest = typeof existing === 'number' ? existing : existing[existing.length - 1]!;
      if (!random.chance(state.source.dirty.duplicateRecord)) return this.resourceId(source, latest);
    }
    const record = ++state.records;
    const number = ++state.resources;
    const id = this.resourceId(source, number);
    const registration = { recordId: this.recordId(source, record), id, registration: registrations };
    this.emitJson(source, patientJson(this.registrationOf(source, person, registration)));
    state.patients.set(
      person,
      existing === undefined ? number : [...(typeof existing === 'number' ? [existing] : existing), number],
    );
    this.truthSource.push(source);
    this.truthRecord.push(record);
    this.truthPerson.push(person);
    return id;
  }

  /** How the source wrote the person down, errors included. */
  private registrationOf(
    sourceIndex: number,
    person: number,
    record: { recordId: string; id: string; registration: number },
  ): PatientFields {
    const { recordId, id, registration } = record;
    const { population } = this;
    const source = this.states[sourceIndex]!.source;
    const random = this.dirtyRandom.reseed(
      this.seed,
      streams.dirtyData,
      sourceIndex * 16 + registration,
      person,
    );
    const rates = source.dirty;
    const foreign = population.isForeign(person);
    let family = population.familyName[person]!;
    let given = population.givenName[person]!;
    if (random.chance(rates.nameTypo)) {
      if (foreign) {
        if (random.chance(0.5)) [family, given] = [given, family];
        else family = family.toUpperCase();
      } else {
        const misspelled = misspellChineseName(family + given, random);
        family = misspelled.slice(0, family.length);
        given = misspelled.slice(family.length);
      }
    }
    let residentId = population.residentId[person];
    let passport = population.passport[person];
    if (random.chance(rates.missingId)) {
      residentId = undefined;
      if (!foreign) passport = undefined;
    } else if (residentId && random.chance(rates.mistypedId)) {
      residentId = mistypeIdentifier(residentId, random);
    }
    let phone = population.phone[person] || undefined;
    if (phone && random.chance(rates.phoneVariant)) phone = mistypePhone(phone, random);
    let birthDate: string | undefined = population.birthDate[person]!;
    if (random.chance(rates.birthDateError)) birthDate = shiftBirthDate(birthDate, random);
    const fields: PatientFields = {
      id,
      sourceId: source.id,
      recordId,
      family,
      given,
      text: foreign ? `${given} ${family}` : `${family}${given}`,
      gender: population.male[person] ? 'male' : 'female',
      birthDate,
    };
    if (residentId) fields.residentId = residentId;
    if (passport) fields.passport = passport;
    if (phone) fields.phone = phone;
    const address = this.addressOf(person);
    if (address) fields.address = address;
    return fields;
  }

  private addressOf(person: number): PatientFields['address'] | undefined {
    const { population, areas } = this;
    if (
      population.kind[person] === PersonKind.resident ||
      (population.kind[person] === PersonKind.traveller && !population.isForeign(person))
    ) {
      const grid = population.grid[person]!;
      let address = this.addressCache.get(grid);
      if (!address) {
        const gridArea = areas.grids[grid]!;
        const chain = ancestorsOf(gridArea.code).reverse();
        const names = [...chain.map((a) => a.name), gridArea.name];
        address = {
          text: names.join(''),
          district: chain.find((a) => a.level === 'district')!.name,
          city: chain.find((a) => a.level === 'city')!.name,
          state: chain.find((a) => a.level === 'province')!.name,
          areaCode: gridArea.code,
        };
        this.addressCache.set(grid, address);
      }
      return address;
    }
    const county = this.homeCountyOf(person);
    return county ? { text: '', district: '', city: '', state: '', areaCode: county } : undefined;
  }
}
