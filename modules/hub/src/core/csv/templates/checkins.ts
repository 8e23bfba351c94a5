/** Venue check-ins (场所码扫码记录): `person_id,venue_id,check_in,check_out[,zone]` (DESIGN.md, check-in CSV). */
import { addMinutes } from '@shuzhi/core';
import type { CheckinRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign } from './person-columns.js';
import { coded } from '../../reasons.js';

export const defaultDwellMinutes = 60;

export const checkinsTemplate: CsvTemplate<CheckinRecord> = {
  id: 'checkins',
  title: { 'zh-CN': '场所签到记录', en: 'Venue check-ins' },
  description: {
    'zh-CN':
      '每行一次场所签到。时间须为带时区的 ISO 8601 格式；离开时间可留空，此时按默认停留时长（60 分钟）计算；可选 zone 列为大型场所内的区域（商铺、大厅、楼层或车厢）。',
    en: 'One venue check-in per row. Times are ISO 8601 with an offset; check_out may be empty, and then the default dwell (60 minutes) applies; the optional zone column names a shop, hall, floor or carriage inside a large venue.',
  },
  columns: [
    column('person_id', true, { kind: 'text', maxLength: 64 }, [
      '人员编号：平台人员编号或数据中心已知的任一标识',
      'Person: a platform person id or any identifier the hub knows',
      'P-000123',
    ]),
    column('venue_id', true, { kind: 'text', maxLength: 64 }, ['场所编号', 'Venue id', 'V-0042']),
    column('check_in', true, { kind: 'instant' }, [
      '到达时间（带时区）',
      'Arrival time (with offset)',
      '2022-03-05T08:30:00+08:00',
    ]),
    column('check_out', false, { kind: 'instant' }, [
      '离开时间（带时区，可留空）',
      'Departure time (with offset; may be empty)',
      '2022-03-05T09:10:00+08:00',
    ]),
    column('zone', false, { kind: 'text', maxLength: 64 }, [
      '场所内区域（可选）',
      'Zone inside the venue (optional)',
      'B1-food-court',
    ]),
  ],
  optionalTrailingColumns: 1,
  moreExamples: [['P-000124', 'V-0042', '2022-03-05T08:45:00+08:00', '', '']],
  toRecords(row, context) {
    const checkIn = row.requiredText('check_in');
    const given = row.text('check_out');
    if (given !== undefined && given < checkIn)
      return { errors: [{ column: 'check_out', ...coded('not-before', { other: 'check_in' }) }] };
    const dwell = context.defaultDwellMinutes ?? defaultDwellMinutes;
    const record: CheckinRecord = {
      kind: 'checkin',
      personId: row.requiredText('person_id'),
      venueId: row.requiredText('venue_id'),
      checkIn,
      checkOut: given ?? addMinutes(new Date(checkIn), dwell).toISOString(),
      checkOutImputed: given === undefined,
    };
    assign(record, 'zone', row.text('zone'));
    return [record];
  },
};
