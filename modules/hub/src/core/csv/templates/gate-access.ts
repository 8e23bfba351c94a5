/** Community gate passes (小区门禁): `person_id,community_id,gate_id,direction,time`. */
import type { GatePassRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';

export const gateAccessTemplate: CsvTemplate<GatePassRecord> = {
  id: 'gate-access',
  title: { 'zh-CN': '小区门禁通行记录', en: 'Community gate access' },
  description: {
    'zh-CN': '每行一次门禁通行：进（in）或出（out）。时间须带时区。',
    en: 'One pass through a community gate per row: in or out. Times carry an offset.',
  },
  columns: [
    column('person_id', true, { kind: 'text', maxLength: 64 }, [
      '人员编号',
      'Person id or known identifier',
      'P-000123',
    ]),
    column('community_id', true, { kind: 'text', maxLength: 64 }, [
      '小区编号',
      'Community id',
      'C-430202-001',
    ]),
    column('gate_id', true, { kind: 'text', maxLength: 64 }, ['门岗编号', 'Gate id', 'north-gate']),
    column('direction', true, { kind: 'choice', values: ['in', 'out'] }, [
      '方向：in 或 out',
      'Direction: in or out',
      'in',
    ]),
    column('time', true, { kind: 'instant' }, [
      '通行时间（带时区）',
      'Time (with offset)',
      '2022-03-05T18:40:00+08:00',
    ]),
  ],
  optionalTrailingColumns: 0,
  toRecords: (row) => [
    {
      kind: 'gate-pass',
      personId: row.requiredText('person_id'),
      communityId: row.requiredText('community_id'),
      gateId: row.requiredText('gate_id'),
      direction: row.requiredText('direction') as 'in' | 'out',
      time: row.requiredText('time'),
    },
  ],
};
