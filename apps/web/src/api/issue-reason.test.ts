import { describe, expect, it } from 'vitest';
import { issueReason, issuesSummary } from './issue-reason';

const issues = [
  { field: 'title', reason: 'required', code: 'required', reasonZh: '必填' },
  {
    field: 'expiresAt',
    reason: 'Invalid ISO datetime',
    code: 'iso-date-time',
    reasonZh: '必须是 ISO 8601 日期时间',
  },
];

describe('a refused field in the reader’s language', () => {
  it('reads the server’s Chinese to a Chinese reader and the English to any other', () => {
    expect(issueReason(issues[0]!, 'zh-CN')).toBe('必填');
    expect(issueReason(issues[0]!, 'en')).toBe('required');
    expect(issueReason({ reason: 'uncoded' }, 'zh-CN')).toBe('uncoded');
  });

  it('sums up the issues in one line in that language, or gives the message when there are none', () => {
    expect(issuesSummary({ message: 'body title: required', issues }, 'zh-CN')).toBe(
      'title: 必填；expiresAt: 必须是 ISO 8601 日期时间',
    );
    expect(issuesSummary({ message: 'x', issues }, 'en')).toBe(
      'title: required; expiresAt: Invalid ISO datetime',
    );
    expect(issuesSummary({ message: 'not found', issues: [] }, 'zh-CN')).toBe('not found');
    const labels: Record<string, string> = { title: '协议', expiresAt: '有效期至' };
    expect(issuesSummary({ message: 'x', issues }, 'zh-CN', (field) => labels[field] ?? field)).toBe(
      '协议: 必填；有效期至: 必须是 ISO 8601 日期时间',
    );
  });
});
