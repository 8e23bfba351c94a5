import { describe, expect, it } from 'vitest';
import { uploadContentType } from './client.js';

describe('the content type of an upload', () => {
  it('follows the file name in any letter case', () => {
    expect(uploadContentType('lab-results.csv')).toBe('text/csv');
    expect(uploadContentType('LAB-RESULTS.CSV')).toBe('text/csv');
    expect(uploadContentType('results.NDJSON')).toBe('application/x-ndjson');
    expect(uploadContentType('results.jsonl')).toBe('application/x-ndjson');
    expect(uploadContentType('bundle.json')).toBe('application/json');
  });

  it('sends a name that says nothing as octet-stream, which the server takes for any kind', () => {
    expect(uploadContentType('export.txt')).toBe('application/octet-stream');
    expect(uploadContentType('README')).toBe('application/octet-stream');
  });
});
