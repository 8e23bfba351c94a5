import { describe, expect, it } from 'vitest';
import { exportUrl, fileNameOf, refusalReason } from './export-file';

describe('list export in the browser', () => {
  it('keeps the search, filters and sort, drops the page and adds the format', () => {
    expect(
      exportUrl(
        '/api/v1/persons',
        { q: '王', sort: 'name', order: 'desc', limit: 20, offset: 40, identifier: '', status: 'open' },
        'csv',
      ),
    ).toBe('/api/v1/persons?q=%E7%8E%8B&sort=name&order=desc&status=open&format=csv');
  });

  it('takes the file name the server gave', () => {
    expect(fileNameOf('attachment; filename="persons-2026-11-27.xlsx"', 'x.xlsx')).toBe(
      'persons-2026-11-27.xlsx',
    );
    expect(fileNameOf(null, 'persons.csv')).toBe('persons.csv');
  });

  it('explains a refusal by the problem detail, or the status', () => {
    expect(refusalReason(413, 'Payload Too Large', '{"detail":"format: more than the export cap"}')).toBe(
      'format: more than the export cap',
    );
    expect(refusalReason(502, 'Bad Gateway', '<html>')).toBe('502 Bad Gateway');
  });
});
