/** Household membership (户): `person_id,household_id`. */
import type { HouseholdRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';

export const householdsTemplate: CsvTemplate<HouseholdRecord> = {
  id: 'households',
  title: { 'zh-CN': '家庭户成员', en: 'Households' },
  description: {
    'zh-CN': '每行一名家庭户成员。同一户的成员互为密切接触者。',
    en: 'One member of a household per row. Members of one household are each other’s close contacts.',
  },
  columns: [
    column('person_id', true, { kind: 'text', maxLength: 64 }, [
      '人员编号',
      'Person id or known identifier',
      'P-000123',
    ]),
    column('household_id', true, { kind: 'text', maxLength: 64 }, [
      '户编号',
      'Household id',
      'HH-430202-0815',
    ]),
  ],
  optionalTrailingColumns: 0,
  moreExamples: [['P-000124', 'HH-430202-0815']],
  toRecords: (row) => [
    {
      kind: 'household',
      personId: row.requiredText('person_id'),
      householdId: row.requiredText('household_id'),
    },
  ],
};
