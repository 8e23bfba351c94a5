/** Hotel stays: `person_id,hotel_id,room,check_in,check_out` (check_out empty while the guest stays). */
import type { StayRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign } from './person-columns.js';
import { coded } from '../../reasons.js';

export const staysTemplate: CsvTemplate<StayRecord> = {
  id: 'stays',
  title: { 'zh-CN': '住宿登记', en: 'Hotel stays' },
  description: {
    'zh-CN': '每行一名住客的一次入住。退房时间在仍在住时可留空。时间须带时区。',
    en: 'One guest’s stay per row. check_out may be empty while the guest is still staying. Times carry an offset.',
  },
  columns: [
    column('person_id', true, { kind: 'text', maxLength: 64 }, [
      '人员编号',
      'Person id or known identifier',
      'P-000123',
    ]),
    column('hotel_id', true, { kind: 'text', maxLength: 64 }, ['酒店编号', 'Hotel id', 'H-007']),
    column('room', true, { kind: 'text', maxLength: 16 }, ['房间号', 'Room', '1203']),
    column('check_in', true, { kind: 'instant' }, [
      '入住时间（带时区）',
      'Check-in time (with offset)',
      '2022-03-04T21:00:00+08:00',
    ]),
    column('check_out', false, { kind: 'instant' }, [
      '退房时间（带时区，可留空）',
      'Check-out time (with offset; may be empty)',
      '2022-03-06T12:00:00+08:00',
    ]),
  ],
  optionalTrailingColumns: 0,
  toRecords(row) {
    const checkIn = row.requiredText('check_in');
    const checkOut = row.text('check_out');
    if (checkOut !== undefined && checkOut < checkIn)
      return { errors: [{ column: 'check_out', ...coded('not-before', { other: 'check_in' }) }] };
    const record: StayRecord = {
      kind: 'stay',
      personId: row.requiredText('person_id'),
      hotelId: row.requiredText('hotel_id'),
      room: row.requiredText('room'),
      checkIn,
    };
    assign(record, 'checkOut', checkOut);
    return [record];
  },
};
