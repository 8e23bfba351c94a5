/**
 * A change-feed event as one reader may see it (MISSION B3): the feed carries ids and codes, not names, but a
 * split or unmerge names the records it moved (`recordKeys`, `source|record id`) and why, in an official's
 * own words. A source's record id is an identifier (a hospital's record number; for a CSV import, the
 * person's ID number itself), so it is masked unless identifiers are disclosed, as on the timeline; free text
 * may say anything about the person, so it reaches only a reader who sees names and identifiers in clear.
 */
import { maskIdentifier, type SensitiveField } from '@shuzhi/core';
import type { FeedEvent } from './feed.schema.js';

/** `h430281|MZ00000001` → `h430281|MZ****0001`: the source stays, its record id is masked. */
export function maskRecordKey(key: string): string {
  const cut = key.indexOf('|');
  return cut < 0 ? maskIdentifier(key) : `${key.slice(0, cut)}|${maskIdentifier(key.slice(cut + 1))}`;
}

export function disclosedEvent(event: FeedEvent, disclosed: ReadonlySet<SensitiveField>): FeedEvent {
  const { recordKeys, reason, ...rest } = event.payload;
  if (recordKeys === undefined && reason === undefined) return event;
  const payload: Record<string, unknown> = { ...rest };
  if (Array.isArray(recordKeys))
    payload['recordKeys'] = disclosed.has('identifiers')
      ? recordKeys
      : (recordKeys as unknown[]).map((k) => (typeof k === 'string' ? maskRecordKey(k) : k));
  if (reason !== undefined && disclosed.has('identifiers') && disclosed.has('name'))
    payload['reason'] = reason;
  return { ...event, payload };
}
