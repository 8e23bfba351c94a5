import { describe, expect, it } from 'vitest';
import { AppError, httpStatusOf, invalidField } from './errors.js';

describe('AppError', () => {
  it('names the record, field and reason of an invalid input', () => {
    const error = invalidField(7, 'check_in', 'not an ISO 8601 time with offset');
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('record 7, field check_in: not an ISO 8601 time with offset');
    expect(error.issues).toEqual([
      { record: 7, field: 'check_in', reason: 'not an ISO 8601 time with offset' },
    ]);
    expect(httpStatusOf[error.code]).toBe(400);
  });

  it('maps overload to 503 and keeps the retry hint', () => {
    const error = new AppError('overloaded', 'busy', { retryAfterSeconds: 5 });
    expect(httpStatusOf[error.code]).toBe(503);
    expect(error.retryAfterSeconds).toBe(5);
  });
});
