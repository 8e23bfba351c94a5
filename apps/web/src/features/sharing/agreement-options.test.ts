import { describe, expect, it } from 'vitest';
import { agreementPurposes as apiPurposes, servedDatasets } from '@shuzhi/hub';
import { agreementDatasets, agreementPurposes, partlyServedDatasets } from './agreement-options';
import { sharingMessages } from './messages';

describe('the new-agreement form', () => {
  it('offers exactly the purposes the sharing API accepts', () => {
    expect([...agreementPurposes].sort()).toEqual([...apiPurposes].sort());
  });

  it('offers exactly the datasets something serves to consumers', () => {
    expect([...agreementDatasets].sort()).toEqual([...servedDatasets].sort());
  });

  it('says, in both languages, where a dataset without its own route reaches the consumer', () => {
    for (const dataset of partlyServedDatasets) {
      expect(sharingMessages.en.datasetNotes[dataset]).toBeTruthy();
      expect(sharingMessages.zhCN.datasetNotes[dataset]).toBeTruthy();
    }
  });
});
