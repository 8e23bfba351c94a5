/** Trips on flights, trains, buses and metro with carriage and seat: `person_id,trip_id,mode,departure,arrival,carriage,seat`. */
import type { TripMode, TripRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign } from './person-columns.js';
import { coded } from '../../reasons.js';

const modes: readonly TripMode[] = ['flight', 'train', 'bus', 'metro'];

export const tripsTemplate: CsvTemplate<TripRecord> = {
  id: 'trips',
  title: { 'zh-CN': '乘车（机）记录', en: 'Trips' },
  description: {
    'zh-CN':
      '每行一名乘客的一次行程（航班、列车、客车、地铁）。车厢可留空；座位如 12A，排号为开头的数字。时间须带时区。',
    en: 'One passenger on one trip (flight, train, bus, metro) per row. carriage may be empty; a seat is like 12A, its row being the leading number. Times carry an offset.',
  },
  columns: [
    column('person_id', true, { kind: 'text', maxLength: 64 }, [
      '人员编号',
      'Person id or known identifier',
      'P-000123',
    ]),
    column('trip_id', true, { kind: 'text', maxLength: 64 }, [
      '班次编号（如 G1234-20220305）',
      'Trip id (e.g. G1234-20220305)',
      'G1234-20220305',
    ]),
    column('mode', true, { kind: 'choice', values: modes }, [
      '方式：flight、train、bus 或 metro',
      'Mode: flight, train, bus or metro',
      'train',
    ]),
    column('departure', true, { kind: 'instant' }, [
      '出发时间（带时区）',
      'Departure time (with offset)',
      '2022-03-05T08:00:00+08:00',
    ]),
    column('arrival', true, { kind: 'instant' }, [
      '到达时间（带时区）',
      'Arrival time (with offset)',
      '2022-03-05T11:30:00+08:00',
    ]),
    column('carriage', false, { kind: 'text', maxLength: 16 }, [
      '车厢号（可留空）',
      'Carriage (may be empty)',
      '05',
    ]),
    column(
      'seat',
      false,
      {
        kind: 'text',
        pattern: /^\d{1,3}[A-Za-z]?$/,
        patternHint: 'a row number and an optional letter, e.g. 12A',
      },
      ['座位号，如 12A', 'Seat, e.g. 12A', '12A'],
    ),
  ],
  optionalTrailingColumns: 0,
  toRecords(row) {
    const departure = row.requiredText('departure');
    const arrival = row.requiredText('arrival');
    if (arrival < departure)
      return { errors: [{ column: 'arrival', ...coded('not-before', { other: 'departure' }) }] };
    const record: TripRecord = {
      kind: 'trip',
      personId: row.requiredText('person_id'),
      tripId: row.requiredText('trip_id'),
      mode: row.requiredText('mode') as TripMode,
      departure,
      arrival,
    };
    assign(record, 'carriage', row.text('carriage'));
    const seat = row.text('seat')?.toUpperCase();
    if (seat !== undefined) {
      record.seat = seat;
      record.seatRow = Number(/^\d+/.exec(seat)![0]);
    }
    return [record];
  },
};
