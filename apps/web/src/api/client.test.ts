import { describe, expect, it } from 'vitest';
import { problemMessage, uploadContentType } from './client.js';

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

describe('the message of a refusal', () => {
  const reason = 'data source demo-lab is disabled: its API keys and accounts may not submit';
  const disabled = {
    detail: reason,
    issues: [{ field: 'source.active', reason, code: 'source-disabled', reasonZh: '数据源 demo-lab 已停用' }],
  };

  it('reads a coded reason in Chinese for a Chinese reader, and in English for an English one', () => {
    expect(problemMessage(disabled, 'zh-CN')).toBe('数据源 demo-lab 已停用');
    expect(problemMessage(disabled, 'en')).toBe(reason);
  });

  it("keeps the server's detail when it is more than one coded reason", () => {
    const uncoded = { detail: 'role lab may not do that', issues: [] };
    expect(problemMessage(uncoded, 'zh-CN')).toBe('role lab may not do that');
    const two = { detail: 'two problems', issues: [...disabled.issues, ...disabled.issues] };
    expect(problemMessage(two, 'zh-CN')).toBe('two problems');
  });
});
