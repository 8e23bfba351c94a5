/** What a source's key or bound account may do, given how its source stands. */
import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import { sourceStandingRefusal } from './source-standing.js';

const key: Principal = {
  kind: 'api_key',
  id: 'key_1',
  role: 'data_source',
  displayName: 'Lab',
  areaCode: null,
  sourceId: 'lab-1',
};
const enabled = { active: true, consumerOnly: false };

describe('a source principal and its standing', () => {
  it('lets an enabled source submit, read back and read what is shared', () => {
    for (const permission of ['hub:submit', 'imports:manage', 'submissions:read'] as const)
      expect(sourceStandingRefusal(key.sourceId, enabled, { permission, sharedRead: false })).toBeNull();
    expect(
      sourceStandingRefusal(key.sourceId, enabled, { permission: 'persons:read', sharedRead: true }),
    ).toBeNull();
  });

  it('refuses a disabled source every submission, read-back and shared read, naming source, field and reason code', () => {
    const disabled = { active: false, consumerOnly: false };
    for (const act of [
      { permission: 'hub:submit', sharedRead: false },
      { permission: 'imports:manage', sharedRead: false },
      { permission: 'submissions:read', sharedRead: false },
      { permission: 'surveillance:read', sharedRead: true },
    ] as const) {
      const refusal = sourceStandingRefusal(key.sourceId, disabled, act);
      expect(refusal?.code).toBe('forbidden');
      // One language per text: the English here, the Chinese by the code (the reason table of both).
      expect(refusal?.message).toBe(refusal?.issues[0]?.reason);
      expect(refusal?.issues).toEqual([
        {
          field: 'source.active',
          reason: expect.stringMatching(/^data source lab-1 is disabled: [^\p{Script=Han}]+$/u),
          code: 'source-disabled',
          params: { source: 'lab-1' },
        },
      ]);
    }
  });

  it('leaves a disabled source its own session and the area list, so its clerk can still read why', () => {
    const disabled = { active: false, consumerOnly: false };
    expect(sourceStandingRefusal(key.sourceId, disabled, { sharedRead: false })).toBeNull();
    expect(
      sourceStandingRefusal(key.sourceId, disabled, { permission: 'areas:read', sharedRead: false }),
    ).toBeNull();
  });

  it('refuses a consumer-only source every submission and read-back, not its shared reads', () => {
    const consumer = { active: true, consumerOnly: true };
    for (const permission of ['hub:submit', 'imports:manage', 'submissions:read'] as const)
      expect(
        sourceStandingRefusal(key.sourceId, consumer, { permission, sharedRead: false })?.issues,
      ).toEqual([
        {
          field: 'source.consumerOnly',
          reason: expect.stringMatching(
            /^data source lab-1 is registered as a consumer only: [^\p{Script=Han}]+$/u,
          ),
          code: 'source-consumer-only',
          params: { source: 'lab-1' },
        },
      ]);
    expect(
      sourceStandingRefusal(key.sourceId, consumer, { permission: 'persons:read', sharedRead: true }),
    ).toBeNull();
  });

  it('does not judge staff, or a source the hub does not know', () => {
    const { sourceId: _none, ...staff } = { ...key, kind: 'user' as const, role: 'epidemiologist' as const };
    expect(
      sourceStandingRefusal(
        (staff as Principal).sourceId,
        { active: false, consumerOnly: true },
        { permission: 'hub:submit', sharedRead: false },
      ),
    ).toBeNull();
    expect(
      sourceStandingRefusal(key.sourceId, undefined, { permission: 'hub:submit', sharedRead: false }),
    ).toBeNull();
  });
});
