import { describe, expect, it } from 'vitest';
import { datasetOfTopic } from './sharing.schema.js';

describe('the dataset of a change-feed topic', () => {
  it('puts each personal topic under the dataset an agreement must grant', () => {
    expect(datasetOfTopic('hub.observation.created')).toBe('observations');
    expect(datasetOfTopic('hub.case.confirmed')).toBe('cases');
    // Follow-up tasks name a person with a positive result and no report: a consumer of cases receives them.
    expect(datasetOfTopic('hub.followup.created')).toBe('cases');
    expect(datasetOfTopic('hub.followup.resolved')).toBe('cases');
    expect(datasetOfTopic('tracing.contact.identified')).toBe('contacts');
  });

  it('gives an unknown topic no dataset, so no consumer receives it', () => {
    expect(datasetOfTopic('hub.unheard.of')).toBeNull();
  });
});
