import { describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import { signalStatuses, triageStatuses } from './signals.schema.js';
import { allowedTransitions, assertTransition, isOpenStatus } from './triage-rules.js';

describe('signal triage rules', () => {
  it('lets a new signal be investigated or dismissed, and an investigated one confirmed or dismissed', () => {
    expect(allowedTransitions('new')).toEqual(['investigating', 'dismissed']);
    expect(allowedTransitions('investigating')).toEqual(['confirmed', 'dismissed']);
    expect(() => assertTransition('signal-00001', 'new', 'investigating')).not.toThrow();
    expect(() => assertTransition('signal-00001', 'investigating', 'confirmed')).not.toThrow();
  });

  it('refuses to confirm a signal nobody investigated, saying what is allowed', () => {
    let thrown: unknown;
    try {
      assertTransition('signal-00007', 'new', 'confirmed');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('conflict');
    expect((thrown as AppError).message).toBe(
      'signal signal-00007: a new signal can move to investigating or dismissed, not confirmed',
    );
    expect((thrown as AppError).issues).toEqual([
      {
        record: 'signal-00007',
        field: 'status',
        reason: 'a new signal can move to investigating or dismissed, not confirmed',
      },
    ]);
  });

  it('keeps confirmed and merged signals where they are, and lets a dismissed one be taken up again', () => {
    for (const to of triageStatuses) {
      expect(() => assertTransition('s', 'confirmed', to)).toThrow(/cannot be triaged any more/);
      expect(() => assertTransition('s', 'merged', to)).toThrow(/cannot be triaged any more/);
    }
    expect(allowedTransitions('dismissed')).toEqual(['investigating']);
  });

  it('never allows staying in place', () => {
    for (const from of signalStatuses) for (const to of allowedTransitions(from)) expect(to).not.toBe(from);
  });

  it('counts new and investigating signals as open work', () => {
    expect(signalStatuses.filter(isOpenStatus)).toEqual(['new', 'investigating']);
  });
});
