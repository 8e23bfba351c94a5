/** The one shape of every list request and response: server-side pagination, sorting and search. */
import { z } from 'zod';

export const listParamsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.string().max(64).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().max(200).optional(),
});
export type ListParams = z.infer<typeof listParamsSchema>;

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Zod schema of a page of items, for route response schemas (and so the OpenAPI document). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
