/** Timeline entries made from a person's fact rows (pure). */
import { disclose } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import type { PersonFacts } from './facts.repository.js';
import type { TimelineEntry } from './facts.schema.js';

/** Timeline entries of a person's facts (results, diagnoses, visits, vaccinations, arrivals). */
export function factEntries(facts: PersonFacts, disclosed: AccessContext['disclosed']): TimelineEntry[] {
  return [
    ...facts.observations.map((o) => ({
      at: o.specimen_at ?? o.resulted_at ?? o.received_at,
      kind: 'lab-result',
      id: o.id,
      sourceId: o.source_id,
      personId: o.person_id,
      detail: {
        code: o.loinc_code,
        testKind: o.test_kind,
        result: o.result,
        value: o.value_num,
        unit: o.value_unit,
        resultedAt: o.resulted_at,
        status: o.status,
      },
    })),
    ...facts.conditions.map((c) => ({
      at: c.recorded_at ?? c.received_at,
      kind: 'diagnosis',
      id: c.id,
      sourceId: c.source_id,
      personId: c.person_id,
      detail: {
        code: c.code,
        classification: c.classification,
        onset: c.onset,
        verification: c.verification_status,
      },
    })),
    ...facts.encounters.map((e) => ({
      at: e.start_at ?? e.received_at,
      kind: 'visit',
      id: e.id,
      sourceId: e.source_id,
      personId: e.person_id,
      detail: {
        setting: e.setting,
        encounterClass: e.encounter_class,
        fever: e.fever,
        temperature: e.temperature_c,
        symptoms: e.symptoms.join('; ') || null,
        end: e.end_at,
      },
    })),
    ...facts.immunizations.map((i) => ({
      at: i.occurred,
      kind: 'vaccination',
      id: i.id,
      sourceId: i.source_id,
      personId: i.person_id,
      detail: { vaccine: i.vaccine_display ?? i.vaccine_code, dose: i.dose_number, status: i.status },
    })),
    ...facts.travelers.map((t) => ({
      at: t.arrival,
      kind: 'arrival',
      id: t.id,
      sourceId: t.source_id,
      personId: t.person_id,
      detail: {
        port: t.port,
        trip: t.trip_id,
        origin: t.origin_country,
        destination: t.destination_area,
        document: disclose(disclosed, 'identifiers', t.document_number),
      },
    })),
  ];
}
