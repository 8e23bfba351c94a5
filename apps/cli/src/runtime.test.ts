import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@shuzhi/core';
import { formatAmount, reportError, timeLeft } from './runtime.js';

describe('progress bar text', () => {
  it('estimates the time left from the average rate since the start', () => {
    // A quarter done in 60 s: three quarters left at the same rate is 180 s.
    expect(timeLeft(60_000, 25, 100)).toBe('3m00s left');
    expect(timeLeft(10_000, 50, 100)).toBe('10s left');
  });

  it('gives no estimate before there is a rate, and says done at the end', () => {
    expect(timeLeft(500, 10, 100)).toBe('…');
    expect(timeLeft(5_000, 0, 100)).toBe('…');
    expect(timeLeft(5_000, 100, 100)).toBe('done');
  });

  it('shows bytes in MiB and counts as they are', () => {
    expect(formatAmount(226_088_890, 'bytes')).toBe('215.6 MiB');
    expect(formatAmount(42, 'items')).toBe('42');
  });
});

describe('an error on stderr', () => {
  const written = (error: unknown, language: 'en' | 'zh-CN') => {
    let text = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk);
      return true;
    });
    try {
      reportError(error, undefined, language);
      return { text, code: process.exitCode };
    } finally {
      spy.mockRestore();
      process.exitCode = 0;
    }
  };

  it('gives a Chinese reader the one coded issue as its first line, not the English message above it', () => {
    const error = new AppError('invalid_input', 'indicator x: count: must be a number', {
      issues: [{ record: 'x', field: 'count', reason: 'must be a number', code: 'number' }],
    });
    expect(written(error, 'zh-CN')).toEqual({
      text: '错误：必须是数字\n  - 记录 x，字段 count：必须是数字\n',
      code: 2,
    });
    expect(written(error, 'en').text).toBe(
      'error: indicator x: count: must be a number\n  - record x, field count: must be a number\n',
    );
  });

  it('says the reasons follow when every issue is coded, and keeps the English when one is not', () => {
    const issues = [
      { record: 'x', field: 'count', reason: 'must be a number', code: 'number' },
      { record: 'x', field: 'date', reason: 'is required', code: 'required' },
    ];
    const coded = new AppError('invalid_input', 'x: count: must be a number; date: is required', { issues });
    expect(written(coded, 'zh-CN').text).toBe(
      '错误：未被接受，原因如下：\n  - 记录 x，字段 count：必须是数字\n  - 记录 x，字段 date：必填\n',
    );
    const mixed = new AppError('invalid_input', 'x: count: must be a number; date: odd', {
      issues: [issues[0]!, { record: 'x', field: 'date', reason: 'odd' }],
    });
    expect(written(mixed, 'zh-CN').text).toBe(
      '错误：x: count: must be a number; date: odd\n  - 记录 x，字段 count：必须是数字\n  - 记录 x，字段 date：odd\n',
    );
  });

  it('does not repeat a coded message as an issue that names no record or field', () => {
    const error = new AppError('not_found', 'source s not found or no access', {
      issues: [
        { reason: 'source s not found or no access', code: 'source-not-found', params: { source: 's' } },
      ],
    });
    expect(written(error, 'zh-CN')).toEqual({ text: '错误：数据源 s 不存在，或您无权访问\n', code: 1 });
    expect(written(error, 'en').text).toBe('error: source s not found or no access\n');
  });
});
