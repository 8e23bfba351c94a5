/**
 * Presence as an import delivers it, before persons are numbered: the hub's CSV templates check and
 * normalise each row (line-numbered errors), and these converters turn the normalised records into the
 * compact rows tracing stores (epoch milliseconds, the person id kept exactly as imported).
 */
import type { CsvTemplate } from '@shuzhi/hub';

/** The presence kinds tracing imports, by their `shuzhi import KIND` name. */
export const presenceKinds = ['checkins', 'trips', 'stays', 'gate-access', 'households'] as const;
export type PresenceKind = (typeof presenceKinds)[number];

interface Line {
  line: number;
  /** The person id as imported. */
  ref: string;
}

export interface CheckinInput extends Line {
  venueId: string;
  zone: string | null;
  start: number;
  end: number;
  endImputed: boolean;
}

export interface TripInput extends Line {
  tripId: string;
  mode: string;
  departure: number;
  arrival: number;
  carriage: string | null;
  seat: string | null;
}

export interface StayInput extends Line {
  hotelId: string;
  room: string;
  checkIn: number;
  /** Null while the guest is still staying. */
  checkOut: number | null;
}

export interface GatePassInput extends Line {
  communityId: string;
  gateId: string;
  direction: 'in' | 'out';
  at: number;
}

export interface HouseholdInput extends Line {
  householdId: string;
}

export interface PresenceInputs {
  checkins: CheckinInput;
  trips: TripInput;
  stays: StayInput;
  'gate-access': GatePassInput;
  households: HouseholdInput;
}

/** A normalised record as the hub's templates produce it. */
type TemplateRecord = Extract<ReturnType<CsvTemplate['toRecords']>, readonly unknown[]>[number];

/** The tracing row of one normalised record, or null when the record is of another kind. */
export function presenceInputOf<K extends PresenceKind>(
  kind: K,
  line: number,
  record: TemplateRecord,
): PresenceInputs[K] | null {
  return converters[kind](line, record) as PresenceInputs[K] | null;
}

const converters: { [K in PresenceKind]: (line: number, r: TemplateRecord) => PresenceInputs[K] | null } = {
  checkins: (line, r) =>
    r.kind === 'checkin'
      ? {
          line,
          ref: r.personId,
          venueId: r.venueId,
          zone: r.zone ?? null,
          start: Date.parse(r.checkIn),
          end: Date.parse(r.checkOut),
          endImputed: r.checkOutImputed,
        }
      : null,
  trips: (line, r) =>
    r.kind === 'trip'
      ? {
          line,
          ref: r.personId,
          tripId: r.tripId,
          mode: r.mode,
          departure: Date.parse(r.departure),
          arrival: Date.parse(r.arrival),
          carriage: r.carriage ?? null,
          seat: r.seat ?? null,
        }
      : null,
  stays: (line, r) =>
    r.kind === 'stay'
      ? {
          line,
          ref: r.personId,
          hotelId: r.hotelId,
          room: r.room,
          checkIn: Date.parse(r.checkIn),
          checkOut: r.checkOut === undefined ? null : Date.parse(r.checkOut),
        }
      : null,
  'gate-access': (line, r) =>
    r.kind === 'gate-pass'
      ? {
          line,
          ref: r.personId,
          communityId: r.communityId,
          gateId: r.gateId,
          direction: r.direction,
          at: Date.parse(r.time),
        }
      : null,
  households: (line, r) =>
    r.kind === 'household' ? { line, ref: r.personId, householdId: r.householdId } : null,
};
