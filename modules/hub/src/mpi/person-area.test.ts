import { describe, expect, it } from 'vitest';
import type { Clock } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';
import { isPersonWithinArea } from './person-area.js';

function staff(clock: Clock, areaCode: string): AccessContext {
  return {
    principal: { kind: 'user', id: `usr-${areaCode}`, role: 'epidemiologist', displayName: 'epi', areaCode },
    purpose: 'case_investigation',
    clock,
    disclosed: new Set(['name', 'birth_date', 'identifiers']),
  };
}

const travelersHeader =
  'person_id,name,sex,birth_date,nationality,document_type,document_number,arrival,port,trip_id,origin_country,destination_area';

const firstPage = { limit: 50, offset: 0, order: 'asc' as const };

async function searchByPassport(fixture: HubFixture, ctx: AccessContext, passport: string) {
  return (await fixture.hub.data.mpi.searchPersons(ctx, { ...firstPage, identifier: passport })).items;
}

describe('persons within an area', () => {
  it('files a person with no area at city level: seen by city-wide staff, not by a district', () => {
    expect(isPersonWithinArea(null, '4302')).toBe(true);
    expect(isPersonWithinArea(null, '43')).toBe(true);
    expect(isPersonWithinArea(null, null)).toBe(true);
    expect(isPersonWithinArea(null, '430202')).toBe(false);
    expect(isPersonWithinArea('430202', '430202')).toBe(true);
    expect(isPersonWithinArea('430211', '430202')).toBe(false);
  });
});

describeEachDatabase(
  'persons reported by a source with an area (属地)',
  (getDatabase) => {
    it('shows a district user a passport-only traveller submitted by a port in the district', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, clock } = fixture;
      const { id: portId } = await hub.sources.addSource({
        name: '荷塘口岸 Hetang port',
        type: 'port',
        areaCode: '430202',
      });
      await hub.imports.run(fixture.ctx, {
        kind: 'travelers',
        fileName: 'arrivals.csv',
        text: `${travelersHeader}\nT-1,SMITH John,male,1980-07-14,GBR,passport,123456789,2026-02-27T10:00:00+08:00,CSX,CZ3456,GBR,430211\n`,
        sourceId: portId,
      });
      const district = staff(clock, '430202');
      const [found] = await searchByPassport(fixture, district, 'GBR:123456789');
      expect(found).toMatchObject({ areaCode: '430202' });
      expect((await hub.data.mpi.getPerson(district, found!.id)).id).toBe(found!.id);
      expect((await hub.data.facts.timeline(district, found!.id)).personId).toBe(found!.id);
      expect(await searchByPassport(fixture, staff(clock, '430211'), 'GBR:123456789')).toEqual([]);

      // A result naming him by passport alone, from the port, finds him; one naming a stranger files the
      // stranger under the port's district too.
      const answer = await hub.data.fhir.create(sourceContext(portId, clock), 'Observation', {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
        subject: { identifier: { system: 'urn:shuzhi:id:passport', value: 'USA:X7654321' } },
        effectiveDateTime: '2026-02-27T11:00:00+08:00',
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
      });
      expect(answer.status).toBe(201);
      const [stranger] = await searchByPassport(fixture, district, 'USA:X7654321');
      expect(stranger).toMatchObject({ areaCode: '430202' });
    });

    it('lists a city-level person’s case and follow-up for city-wide staff, not for a district', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, clock } = fixture;
      const { id: labId } = await hub.sources.addSource({ name: '市级检测中心', type: 'lab' });
      const header =
        'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
      await hub.imports.run(fixture.ctx, {
        kind: 'lab-results',
        fileName: 'positive.csv',
        text: `${header}\nR1,P-R1,,DEU:C01X00T47,MÜLLER Anna,female,1985-03-04,,,,94500-6,2026-02-27T08:10:00+08:00,,positive,24,\n`,
        sourceId: labId,
      });
      const firstCases = { limit: 50, offset: 0, order: 'desc' as const };
      const city = staff(clock, '4302');
      const [person] = await searchByPassport(fixture, city, 'DEU:C01X00T47');
      expect(person).toMatchObject({ areaCode: null });
      const cases = (await hub.data.facts.listCases(city, {}, firstCases)).items;
      expect(cases.map((c) => c.personId)).toEqual([person!.id]);
      expect((await hub.data.facts.getCase(city, cases[0]!.id)).personId).toBe(person!.id);
      // A day and more without a clinical report raises the follow-up, filed where the case is.
      clock.advanceMinutes(48 * 60);
      await hub.data.facts.sweep();
      const tasks = (await hub.data.facts.listFollowUps(city, {}, firstCases)).items;
      expect(tasks.map((t) => t.personId)).toContain(person!.id);
      const district = staff(clock, '430204');
      expect((await hub.data.facts.listCases(district, {}, firstCases)).items).toEqual([]);
      expect((await hub.data.facts.listFollowUps(district, {}, firstCases)).items).toEqual([]);
    });

    it('keeps a person’s own stated area once a record states one, and files an area-less person under the next reporting source', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, clock } = fixture;
      const { id: portId } = await hub.sources.addSource({
        name: '石峰口岸',
        type: 'port',
        areaCode: '430204',
      });
      const { id: clinicId } = await hub.sources.addSource({ name: '无区诊所', type: 'hospital' });
      const header =
        'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
      const row = (result: string, area: string) =>
        `${result},P-${result},,FRA:17AB12345,DUPONT Marie,female,1990-01-02,,${area},,94500-6,2026-02-27T08:10:00+08:00,,negative,,`;
      // Reported first by a source with no area: city level, seen by the city, not by a district.
      await hub.imports.run(fixture.ctx, {
        kind: 'lab-results',
        fileName: 'clinic.csv',
        text: `${header}\n${row('A1', '')}\n`,
        sourceId: clinicId,
      });
      const city = staff(clock, '4302');
      const [person] = await searchByPassport(fixture, city, 'FRA:17AB12345');
      expect(person).toMatchObject({ areaCode: null });
      expect(await searchByPassport(fixture, staff(clock, '430204'), 'FRA:17AB12345')).toEqual([]);
      // City level throughout: her timeline opens for the city and stays closed to a district.
      expect((await hub.data.facts.timeline(city, person!.id)).personId).toBe(person!.id);
      await expect(hub.data.facts.timeline(staff(clock, '430204'), person!.id)).rejects.toMatchObject({
        code: 'not_found',
      });

      // The port reports her (no area in its record either): she is filed under the port's district.
      await hub.imports.run(fixture.ctx, {
        kind: 'lab-results',
        fileName: 'port.csv',
        text: `${header}\n${row('A2', '')}\n`,
        sourceId: portId,
      });
      expect(await searchByPassport(fixture, staff(clock, '430204'), 'FRA:17AB12345')).toEqual([
        expect.objectContaining({ id: person!.id, areaCode: '430204' }),
      ]);

      // A record stating where she lives wins over where she was found.
      await hub.imports.run(fixture.ctx, {
        kind: 'lab-results',
        fileName: 'home.csv',
        text: `${header}\n${row('A3', '430211')}\n`,
        sourceId: clinicId,
      });
      expect(await searchByPassport(fixture, staff(clock, '430211'), 'FRA:17AB12345')).toEqual([
        expect.objectContaining({ id: person!.id, areaCode: '430211' }),
      ]);
    });
  },
  { migrations: hubTestMigrations },
);
