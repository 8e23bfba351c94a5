import { describe, expect, it } from 'vitest';
import { sourceLabel } from './source-label';

describe('the source of a data-source account on the users page', () => {
  const sources = [
    { id: 'demo-lab', name: '株洲市疾控中心检验科', active: true },
    { id: 'src_fever', name: '发热门诊 Fever clinic', active: true },
    { id: 'src_off', name: '停用的检测机构 Disabled lab', active: false },
  ];

  it('is named as registered, beside its id', () => {
    expect(sourceLabel('src_fever', sources)).toEqual({
      name: '发热门诊 Fever clinic',
      id: 'src_fever',
      disabled: false,
    });
  });

  it('says when the source is disabled (its accounts are refused)', () => {
    expect(sourceLabel('src_off', sources)).toEqual({
      name: '停用的检测机构 Disabled lab',
      id: 'src_off',
      disabled: true,
    });
  });

  it('is its id alone while the sources load or when it is not listed, never called disabled', () => {
    expect(sourceLabel('src_fever', undefined)).toEqual({ name: null, id: 'src_fever', disabled: false });
    expect(sourceLabel('src_gone', sources)).toEqual({ name: null, id: 'src_gone', disabled: false });
  });
});
