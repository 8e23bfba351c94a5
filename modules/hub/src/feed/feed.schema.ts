/** The change feed's event shape: every accepted change, in order, with a cursor (`seq`). */
import { z } from 'zod';

export const feedEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** `<module>.<entity>.<change>`, e.g. `hub.observation.created`, `hub.case.confirmed`, `tracing.contact.identified`. */
  topic: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  personId: z.string().nullable(),
  areaCode: z.string().nullable(),
  sourceId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type FeedEvent = z.infer<typeof feedEventSchema>;

export type NewFeedEvent = Omit<FeedEvent, 'seq' | 'at' | 'personId' | 'areaCode' | 'sourceId' | 'payload'> &
  Partial<Pick<FeedEvent, 'personId' | 'areaCode' | 'sourceId' | 'payload'>>;
