/** Daily pharmacy sales by product class (syndromic surveillance): `pharmacy_id,area_code,date,product_class,units`. */
import type { PharmacyProductClass, PharmacySaleRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';

const productClasses: readonly PharmacyProductClass[] = ['antipyretic', 'cough', 'antiviral'];

export const pharmacySalesTemplate: CsvTemplate<PharmacySaleRecord> = {
  id: 'pharmacy-sales',
  title: { 'zh-CN': '药店重点药品销售', en: 'Pharmacy sales' },
  description: {
    'zh-CN': '每行一家药店一天一类药品（退热、止咳、抗病毒）的销售数量，用于症状监测。',
    en: 'Units sold per pharmacy, day and product class (antipyretic, cough, antiviral) per row, for syndromic surveillance.',
  },
  columns: [
    column('pharmacy_id', true, { kind: 'text', maxLength: 64 }, ['药店编号', 'Pharmacy id', 'PH-0917']),
    column('area_code', true, { kind: 'area-code' }, [
      '药店所在地行政区划代码',
      'GB/T 2260 code of the pharmacy’s area',
      '430202',
    ]),
    column('date', true, { kind: 'date' }, ['销售日期 YYYY-MM-DD', 'Sales date YYYY-MM-DD', '2022-03-05']),
    column('product_class', true, { kind: 'choice', values: productClasses }, [
      '药品类别：antipyretic（退热）、cough（止咳）或 antiviral（抗病毒）',
      'Product class: antipyretic, cough or antiviral',
      'antipyretic',
    ]),
    column('units', true, { kind: 'integer', min: 0 }, ['销售数量（盒/瓶）', 'Units sold', '58']),
  ],
  optionalTrailingColumns: 0,
  moreExamples: [['PH-0917', '430202', '2022-03-05', 'cough', '23']],
  toRecords: (row) => [
    {
      kind: 'pharmacy-sale',
      pharmacyId: row.requiredText('pharmacy_id'),
      areaCode: row.requiredText('area_code'),
      date: row.requiredText('date'),
      productClass: row.requiredText('product_class') as PharmacyProductClass,
      units: row.requiredNumber('units'),
    },
  ],
};
