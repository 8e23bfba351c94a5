import { describe, expect, it } from 'vitest';
import type { SensitiveField } from '@shuzhi/core';
import { disclosedEvent } from './disclosed-event.js';
import type { FeedEvent } from './feed.schema.js';

const split: FeedEvent = {
  seq: 7,
  at: '2026-03-01T08:00:00.000Z',
  topic: 'hub.person.unmerged',
  entityType: 'Person',
  entityId: 'per_new',
  personId: 'per_old',
  areaCode: '430202',
  sourceId: null,
  payload: {
    survivorId: 'per_old',
    mergedId: 'per_new',
    recordKeys: ['operator|430204197710127179', 'h430281|MZ00000001'],
    reason: '田辉 and 田慧 are sisters (ID 430204197710127179)',
    cause: 'split',
  },
};

describe('a change-feed event as its reader may see it', () => {
  it('masks the record ids a split names, and withholds its free-text reason, without identifiers', () => {
    const seen = disclosedEvent(split, new Set<SensitiveField>(['phone']));
    expect(seen.payload).toEqual({
      survivorId: 'per_old',
      mergedId: 'per_new',
      recordKeys: ['operator|430204********7179', 'h430281|MZ****0001'],
      cause: 'split',
    });
    expect(JSON.stringify(seen)).not.toContain('430204197710127179');
  });

  it('shows record ids to a reader who sees identifiers, and the reason only with names too', () => {
    expect(disclosedEvent(split, new Set<SensitiveField>(['identifiers'])).payload).toEqual({
      ...split.payload,
      reason: undefined,
    });
    expect(disclosedEvent(split, new Set<SensitiveField>(['identifiers', 'name']))).toEqual(split);
  });

  it('leaves an event without record ids or free text as it is', () => {
    const kase = { ...split, topic: 'hub.case.confirmed', payload: { classification: 'confirmed' } };
    expect(disclosedEvent(kase, new Set())).toBe(kase);
  });
});
