/** A webhook paused for want of an agreement is explained in Chinese with its purpose named, not coded. */
import { describe, expect, it } from 'vitest';
import { purposes } from '@shuzhi/core';
import { coded, purposesZh, reasonZhOf } from './reasons.js';

describe('the Chinese pause reason of a webhook', () => {
  it('names the purpose in Chinese, from the English the subscription stored (pausedReasonZh)', () => {
    const stored = coded('webhook-no-agreement', { purpose: 'contact_tracing' }).reason;
    expect(stored).toBe(
      'no active data-sharing agreement covers dataset feed for purpose contact_tracing (revoked or expired)',
    );
    const zh = reasonZhOf({ reason: stored });
    expect(zh).toBe('没有有效的数据共享协议为用途“密接追踪”授权数据集 feed（已撤销或已过期）');
    expect(zh).not.toContain('contact_tracing');
  });

  it('has a Chinese name for every purpose of use', () => {
    for (const purpose of purposes) expect(purposesZh[purpose], purpose).toMatch(/^\p{Script=Han}+$/u);
  });
});
