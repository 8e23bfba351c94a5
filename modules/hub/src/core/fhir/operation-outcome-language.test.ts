import { describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import { coded } from '../reasons.js';
import {
  localizedOutcome,
  operationOutcome,
  operationOutcomeOfError,
  prefersChinese,
} from './operation-outcome.js';
import { validateResource } from './validate-resource.js';

describe('OperationOutcomes for a client that asks for Chinese', () => {
  const refusal = new AppError('invalid_input', 'entry 3 refused', {
    issues: [
      {
        record: '3',
        field: 'Observation.status',
        reason: coded('one-of', { values: 'final, amended' }).reason,
      },
      { field: 'Patient.identifier', reason: 'a reason no code describes' },
    ],
  });

  it('give each coded issue in Chinese as details.text and keep the English diagnostics', () => {
    const outcome = localizedOutcome(operationOutcomeOfError(refusal), 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'entry 3: must be one of final, amended',
        details: { text: '条目 3：必须是以下之一：final, amended' },
        expression: ['Observation.status'],
      },
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'a reason no code describes',
        expression: ['Patient.identifier'],
      },
    ]);
  });

  it("give a resource's validation issues in Chinese too", () => {
    const validation = validateResource(
      { resourceType: 'Observation', status: 'done', code: { coding: [{ code: '94500-6' }] } },
      { sourceId: 'lab' },
    );
    const outcome = localizedOutcome(operationOutcome(validation.issues), 'zh-CN');
    expect(
      outcome.issue.find((i) => i.expression?.[0] === 'Observation.code.coding[0].system'),
    ).toMatchObject({
      diagnostics: 'system is required to interpret the code',
      details: { text: '需要 system 才能解读该代码' },
    });
  });

  it('stay in English unless Chinese ranks above English', () => {
    const english = operationOutcomeOfError(refusal);
    for (const header of [undefined, '', 'en', 'en-US,zh-CN;q=0.5', 'fr', 'zh-CN;q=0'])
      expect([header, localizedOutcome(english, header)]).toEqual([header, english]);
    expect(['zh', 'zh-Hans', 'fr,zh-CN;q=0.8,en;q=0.5', 'en;q=0.4, zh-TW'].map(prefersChinese)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});
