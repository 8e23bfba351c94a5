import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contributionsOfEvent, importedContribution, type IndicatorFeedEvent } from './contributions.js';
import { cellKey, planContributionChanges, type StoredContribution } from './count-changes.js';

const street = '430202001000'; // 月塘街道, Hetang District
const community = '430202001001';
const district = '430202';
const city = '4302';

function caseEvent(
  seq: number,
  payload: Record<string, unknown>,
  topic = 'hub.case.confirmed',
): IndicatorFeedEvent {
  return {
    seq,
    at: '2022-03-05T02:00:00.000Z',
    topic,
    entityType: 'Case',
    entityId: 'case_1',
    areaCode: community,
    payload,
  };
}

/** Applies a plan to an in-memory copy of the tables, as the repository does in SQL. */
class MemoryCounts {
  contributions: StoredContribution[] = [];
  derived = new Map<string, number>();
  imported = new Map<string, number>();

  apply(sets: Parameters<typeof planContributionChanges>[1]) {
    const keys = new Set(sets.map((s) => s.key));
    const plan = planContributionChanges(
      this.contributions.filter((c) => keys.has(c.key)),
      sets,
    );
    const replaced = new Set(plan.replaceKeys);
    this.contributions = [...this.contributions.filter((c) => !replaced.has(c.key)), ...plan.insert];
    for (const d of plan.derivedDeltas)
      this.derived.set(cellKey(d), (this.derived.get(cellKey(d)) ?? 0) + d.delta);
    for (const f of plan.importedFigures)
      if (f.count === null) this.imported.delete(cellKey(f));
      else this.imported.set(cellKey(f), f.count);
    return plan;
  }

  count(area: string, indicator: string, date: string): number {
    const key = `${area}|${indicator}|${date}`;
    return this.imported.get(key) ?? this.derived.get(key) ?? 0;
  }
}

describe('indicator counts from records', () => {
  it('counts a confirmed case on its report day and its onset day, at street, district and city', () => {
    const counts = new MemoryCounts();
    counts.apply([
      contributionsOfEvent(
        caseEvent(1, {
          classification: 'confirmed',
          reportTime: '2022-03-05T17:30:00.000Z', // 01:30 on 6 March in Zhuzhou
          onset: '2022-03-03',
        }),
        city,
      )!,
    ]);
    for (const area of [street, district, city]) {
      expect(counts.count(area, 'confirmed_cases', '2022-03-06')).toBe(1);
      expect(counts.count(area, 'confirmed_by_onset', '2022-03-03')).toBe(1);
    }
    expect(counts.count(street, 'confirmed_cases', '2022-03-05')).toBe(0);
  });

  it('does not count a case twice when the feed delivers its event again', () => {
    const counts = new MemoryCounts();
    const event = caseEvent(1, { classification: 'confirmed', reportTime: '2022-03-05T02:00:00Z' });
    counts.apply([contributionsOfEvent(event, city)!]);
    const again = counts.apply([contributionsOfEvent(event, city)!]);
    expect(again).toMatchObject({ changed: 0, unchanged: 1, derivedDeltas: [] });
    expect(counts.count(city, 'confirmed_cases', '2022-03-05')).toBe(1);
  });

  it('moves a case from asymptomatic to confirmed when it is reclassified, and withdraws it when retracted', () => {
    const counts = new MemoryCounts();
    counts.apply([
      contributionsOfEvent(
        caseEvent(1, { classification: 'asymptomatic', reportTime: '2022-03-04T02:00:00Z' }),
        city,
      )!,
    ]);
    expect(counts.count(district, 'asymptomatic_infections', '2022-03-04')).toBe(1);
    counts.apply([
      contributionsOfEvent(
        caseEvent(2, { classification: 'confirmed', reportTime: '2022-03-04T02:00:00Z' }, 'hub.case.updated'),
        city,
      )!,
    ]);
    expect(counts.count(district, 'asymptomatic_infections', '2022-03-04')).toBe(0);
    expect(counts.count(district, 'confirmed_cases', '2022-03-04')).toBe(1);
    counts.apply([contributionsOfEvent(caseEvent(3, {}, 'hub.case.retracted'), city)!]);
    expect(counts.count(district, 'confirmed_cases', '2022-03-04')).toBe(0);
  });

  it('ignores a re-delivered older event after a newer one was applied', () => {
    const counts = new MemoryCounts();
    const older = caseEvent(1, { classification: 'asymptomatic', reportTime: '2022-03-04T02:00:00Z' });
    const newer = caseEvent(2, { classification: 'confirmed', reportTime: '2022-03-04T02:00:00Z' });
    counts.apply([contributionsOfEvent(older, city)!, contributionsOfEvent(newer, city)!]);
    counts.apply([contributionsOfEvent(older, city)!]);
    expect(counts.count(city, 'confirmed_cases', '2022-03-04')).toBe(1);
    expect(counts.count(city, 'asymptomatic_infections', '2022-03-04')).toBe(0);
  });

  it('counts tests and positives on the local day of the result, and pharmacy units by product class', () => {
    const observation: IndicatorFeedEvent = {
      seq: 5,
      at: '2022-03-06T00:00:00Z',
      topic: 'hub.observation.created',
      entityType: 'Observation',
      entityId: 'obs_1',
      areaCode: street,
      payload: { testKind: 'pcr', result: 'positive', resultedAt: '2022-03-05T16:10:00Z' },
    };
    const sale: IndicatorFeedEvent = {
      seq: 6,
      at: '2022-03-06T00:00:00Z',
      topic: 'hub.pharmacy_sale.created',
      entityType: 'PharmacySale',
      entityId: 'phs_1',
      areaCode: district,
      payload: { productClass: 'cough', units: 23, date: '2022-03-05' },
    };
    const counts = new MemoryCounts();
    counts.apply([contributionsOfEvent(observation, city)!, contributionsOfEvent(sale, city)!]);
    expect(counts.count(street, 'tests_performed', '2022-03-06')).toBe(1);
    expect(counts.count(street, 'tests_positive', '2022-03-06')).toBe(1);
    expect(counts.count(district, 'cough_medicine_sales', '2022-03-05')).toBe(23);
    expect(counts.count(city, 'cough_medicine_sales', '2022-03-05')).toBe(23);
    expect(counts.count(street, 'cough_medicine_sales', '2022-03-05')).toBe(0);
  });

  it('keeps records outside the city out, and records without an area in the city total', () => {
    const elsewhere = {
      ...caseEvent(1, { classification: 'confirmed', reportTime: '2022-03-05' }),
      areaCode: '110101',
    };
    const unknown = {
      ...caseEvent(2, { classification: 'confirmed', reportTime: '2022-03-05' }),
      entityId: 'case_2',
      areaCode: null,
    };
    const counts = new MemoryCounts();
    const plan = counts.apply([contributionsOfEvent(elsewhere, city)!, contributionsOfEvent(unknown, city)!]);
    expect(plan.outsideCity).toBe(1);
    expect(counts.count(city, 'confirmed_cases', '2022-03-05')).toBe(1);
  });

  it('lets an imported figure state its area’s count and add to the areas above it', () => {
    const counts = new MemoryCounts();
    counts.apply([
      contributionsOfEvent(
        {
          ...caseEvent(1, {}, 'hub.encounter.created'),
          entityType: 'Encounter',
          payload: { setting: 'fever-clinic', start: '2022-03-05T01:00:00Z' },
        },
        city,
      )!,
    ]);
    counts.apply([
      importedContribution({ area: street, indicator: 'fever_clinic_visits', date: '2022-03-05', count: 10 }),
    ]);
    expect(counts.count(street, 'fever_clinic_visits', '2022-03-05')).toBe(10);
    expect(counts.count(district, 'fever_clinic_visits', '2022-03-05')).toBe(11);
    // Re-importing a corrected figure replaces it.
    counts.apply([
      importedContribution({ area: street, indicator: 'fever_clinic_visits', date: '2022-03-05', count: 4 }),
    ]);
    expect(counts.count(street, 'fever_clinic_visits', '2022-03-05')).toBe(4);
    expect(counts.count(district, 'fever_clinic_visits', '2022-03-05')).toBe(5);
  });

  it('gives the same counts whatever the batching and however often events are re-delivered', () => {
    const reports = fc.array(
      fc.record({
        entity: fc.integer({ min: 1, max: 6 }),
        classification: fc.constantFrom('confirmed', 'asymptomatic', 'suspected', 'retracted'),
        day: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(
        reports,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 24 }),
        (list, batch, replayFrom) => {
          const events = list.map((r, i) => ({
            ...caseEvent(
              i + 1,
              r.classification === 'retracted'
                ? {}
                : { classification: r.classification, reportTime: `2022-03-0${r.day}` },
              r.classification === 'retracted' ? 'hub.case.retracted' : 'hub.case.updated',
            ),
            entityId: `case_${r.entity}`,
          }));
          const sets = events.map((e) => contributionsOfEvent(e, city)!);
          const once = new MemoryCounts();
          for (const s of sets) once.apply([s]);
          const batched = new MemoryCounts();
          for (let i = 0; i < sets.length; i += batch) batched.apply(sets.slice(i, i + batch));
          batched.apply(sets.slice(Math.min(replayFrom, sets.length))); // at-least-once: a tail again
          // Expected: each entity's last event decides.
          const last = new Map<number, (typeof list)[number]>();
          for (const r of list) last.set(r.entity, r);
          for (const indicator of ['confirmed_cases', 'asymptomatic_infections']) {
            for (let day = 1; day <= 4; day++) {
              const date = `2022-03-0${day}`;
              const expected = [...last.values()].filter(
                (r) =>
                  r.day === day &&
                  (indicator === 'confirmed_cases'
                    ? r.classification === 'confirmed'
                    : r.classification === 'asymptomatic'),
              ).length;
              expect(once.count(district, indicator, date)).toBe(expected);
              expect(batched.count(district, indicator, date)).toBe(expected);
              expect(batched.count(city, indicator, date)).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
