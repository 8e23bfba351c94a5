/** Validates a service's input with its Zod schema, failing as `invalid_input` that names record, field and reason. */
import type { z } from 'zod';
import { AppError } from '@shuzhi/core';

export function validateInput<S extends z.ZodType>(schema: S, value: unknown, record: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    record,
    field: i.path.map(String).join('.') || '(body)',
    reason: i.message,
  }));
  throw new AppError(
    'invalid_input',
    `${record}: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`,
    {
      issues,
    },
  );
}
