import { describe, expect, it } from 'vitest';
import { sourceLabel } from './source-label';

describe('the source of a data-source account on the users page', () => {
  const sources = [
    { id: 'demo-lab', name: '株洲市疾控中心检验科' },
    { id: 'src_fever', name: '发热门诊 Fever clinic' },
  ];

  it('is named as registered, beside its id', () => {
    expect(sourceLabel('src_fever', sources)).toEqual({ name: '发热门诊 Fever clinic', id: 'src_fever' });
  });

  it('is its id alone while the sources load or when it is not listed', () => {
    expect(sourceLabel('src_fever', undefined)).toEqual({ name: null, id: 'src_fever' });
    expect(sourceLabel('src_gone', sources)).toEqual({ name: null, id: 'src_gone' });
  });
});
