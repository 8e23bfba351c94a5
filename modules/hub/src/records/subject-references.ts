/**
 * How a record names the person it is about (pure): a FHIR reference to a Patient, a source's own person
 * record (`urn:shuzhi:source:{sourceId}|{id}`, as CSV rows and FHIR identifiers give it), or a resident ID
 * or passport the hub resolves to a person (creating one if nobody has it yet).
 */
import {
  coded,
  defaultIdentifierSystems,
  sourceIdOfSystem,
  sourceRecordKey,
  type CodedReason,
} from '../core/index.js';
import type { StoredRecord } from './record-kinds.js';

export type SubjectRef =
  | { kind: 'patient'; id: string }
  | { kind: 'record-key'; recordKey: string }
  /** A ref `PersonsService.resolveRefs` understands: a resident ID, or `passport:COUNTRY:NUMBER`. */
  | { kind: 'person-ref'; ref: string }
  | ({ kind: 'unresolvable'; field: string } & IssueReason);

/** Why a subject cannot be resolved: plain English, with its code where the reasons list has one. */
type IssueReason = Pick<CodedReason, 'reason'> & Partial<Pick<CodedReason, 'code' | 'params'>>;

/** The subject of a record, or null for records about no person (organisations, locations, sales). */
export function subjectRefOf(record: StoredRecord, sourceId: string): SubjectRef | null {
  switch (record.kind) {
    case 'lab-result':
    case 'diagnosis':
    case 'encounter':
    case 'vaccination': {
      const subject = record.subject;
      if ('reference' in subject) {
        const match = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(
          subject.reference,
        );
        return match
          ? { kind: 'patient', id: match[1]! }
          : {
              kind: 'unresolvable',
              field: 'subject',
              ...coded('not-patient-reference', { reference: subject.reference }),
            };
      }
      const { system, value } = subject.identifier;
      const owner = sourceIdOfSystem(system);
      // A source names its own records only: another source's record number would attach this record to
      // that source's patient, and whether it resolved would tell the sender that the number exists there.
      // Refused whatever the other source holds; persons are shared through resident IDs and passports.
      if (owner !== null && owner !== sourceId)
        return {
          kind: 'unresolvable',
          field: 'subject.identifier.system',
          reason: `${system} is another data source's record system; name a person by this source's own urn:shuzhi:source:${sourceId}, a resident ID or a passport`,
        };
      if (owner !== null) return { kind: 'record-key', recordKey: sourceRecordKey(owner, value) };
      if (system === defaultIdentifierSystems.residentId) return { kind: 'person-ref', ref: value };
      if (system === defaultIdentifierSystems.passport)
        return { kind: 'person-ref', ref: `passport:${value}` };
      return {
        kind: 'unresolvable',
        field: 'subject.identifier',
        ...coded('identifier-no-person', { system }),
      };
    }
    case 'traveler':
      return { kind: 'record-key', recordKey: sourceRecordKey(sourceId, record.personId) };
    case 'person':
    case 'organization':
    case 'location':
    case 'pharmacy-sale':
      return null;
  }
}
