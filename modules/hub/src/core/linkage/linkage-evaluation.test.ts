import { describe, expect, it } from 'vitest';
import { clustersFromLinkageExport, scoreLinkage, truthFromRows } from './linkage-evaluation.js';

// Truth: person X has records a, b, c; person Y has d, e; person Z has f.
const truth = new Map(Object.entries({ a: 'X', b: 'X', c: 'X', d: 'Y', e: 'Y', f: 'Z' }));

describe('linkage scores', () => {
  it('counts pairs: 4 true pairs, 3 predicted, 2 of them right', () => {
    // Predicted {a,b} {c} {d,e,f}: correct pairs ab, de; wrong pairs df, ef; missed ac, bc.
    const scores = scoreLinkage(
      [{ recordKeys: ['a', 'b'] }, { recordKeys: ['c'] }, { recordKeys: ['d', 'e', 'f'] }],
      truth,
    );
    expect(scores.pairwise).toMatchObject({
      truePairs: 4,
      predictedPairs: 4,
      correctPairs: 2,
      precision: 0.5,
      recall: 0.5,
    });
    expect(scores.cluster).toMatchObject({ exactPersons: 0, predictedPersons: 3, truePersons: 3 });
  });

  it('is perfect for a perfect linkage', () => {
    const scores = scoreLinkage(
      [{ recordKeys: ['a', 'b', 'c'] }, { recordKeys: ['d', 'e'] }, { recordKeys: ['f'] }],
      truth,
    );
    expect(scores.pairwise).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scores.cluster).toMatchObject({ precision: 1, recall: 1 });
  });

  it('reads the simulator’s truth rows and the linkage export', () => {
    const rows = [
      { source_id: 'lab', source_record_id: '1', true_person_id: 'X' },
      { source_id: 'cdc', source_record_id: '7', true_person_id: 'X' },
    ];
    const exported = {
      persons: [
        {
          person_id: 'p1',
          records: [
            { source_id: 'lab', system: 'urn:shuzhi:source:lab', value: '1' },
            { source_id: 'cdc', system: 'urn:shuzhi:source:cdc', value: '7' },
          ],
        },
      ],
    };
    const scores = scoreLinkage(clustersFromLinkageExport(exported), truthFromRows(rows));
    expect(scores.pairwise).toMatchObject({ precision: 1, recall: 1, truePairs: 1 });
    expect(scores.unknownRecords).toBe(0);
  });
});
