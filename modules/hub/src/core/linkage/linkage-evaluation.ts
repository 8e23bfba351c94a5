/**
 * Scoring a linkage against ground truth: pairwise precision and recall (over all record pairs placed in
 * one person) and cluster-level precision and recall (persons reproduced exactly). Truth comes as a map
 * from record key to true person, e.g. from the simulator's `truth/persons.csv`.
 */
import { sourceIdOfSystem, type IdentifierSystems } from '../identifiers/identifier-systems.js';
import { sourceRecordKey } from './linkage-record.js';

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs of records of the same true person. */
  truePairs: number;
  /** Pairs of records placed in the same person. */
  predictedPairs: number;
  /** Pairs placed together that are the same true person. */
  correctPairs: number;
}

export interface ClusterScores {
  /** Share of predicted persons that are exactly one true person with all their records. */
  precision: number;
  /** Share of true persons reproduced exactly. */
  recall: number;
  exactPersons: number;
  predictedPersons: number;
  truePersons: number;
}

export interface LinkageScores {
  pairwise: PairwiseScores;
  cluster: ClusterScores;
  /** Records in the prediction that the truth does not know (left out of every score). */
  unknownRecords: number;
}

/** One row of the simulator's `truth/persons.csv`. */
export interface TruthRow {
  source_id: string;
  source_record_id: string;
  true_person_id: string;
}

export function truthFromRows(rows: Iterable<TruthRow>): Map<string, string> {
  const truth = new Map<string, string>();
  for (const row of rows) truth.set(sourceRecordKey(row.source_id, row.source_record_id), row.true_person_id);
  return truth;
}

/** The persons of a `shuzhi linkage export --json` document as record-key clusters. */
export function clustersFromLinkageExport(
  document: {
    persons: { person_id: string; records: { source_id?: string; system: string; value: string }[] }[];
  },
  systems?: IdentifierSystems,
): { personKey: string; recordKeys: string[] }[] {
  return document.persons.map((person) => ({
    personKey: person.person_id,
    recordKeys: person.records.flatMap((record) => {
      const sourceId = sourceIdOfSystem(record.system, systems) ?? record.source_id;
      return sourceId === undefined ? [] : [sourceRecordKey(sourceId, record.value)];
    }),
  }));
}

export function scoreLinkage(
  predicted: Iterable<{ recordKeys: readonly string[] }>,
  truth: ReadonlyMap<string, string>,
): LinkageScores {
  const trueSizes = new Map<string, number>();
  for (const person of truth.values()) trueSizes.set(person, (trueSizes.get(person) ?? 0) + 1);
  let truePairs = 0;
  for (const size of trueSizes.values()) truePairs += pairsOf(size);

  let predictedPairs = 0;
  let correctPairs = 0;
  let predictedPersons = 0;
  let exactPersons = 0;
  let unknownRecords = 0;
  for (const cluster of predicted) {
    const byTruePerson = new Map<string, number>();
    let known = 0;
    for (const key of cluster.recordKeys) {
      const person = truth.get(key);
      if (person === undefined) {
        unknownRecords++;
        continue;
      }
      known++;
      byTruePerson.set(person, (byTruePerson.get(person) ?? 0) + 1);
    }
    if (known === 0) continue;
    predictedPersons++;
    predictedPairs += pairsOf(known);
    for (const count of byTruePerson.values()) correctPairs += pairsOf(count);
    if (byTruePerson.size === 1) {
      const [person, count] = byTruePerson.entries().next().value as [string, number];
      if (trueSizes.get(person) === count) exactPersons++;
    }
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return {
    pairwise: {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      truePairs,
      predictedPairs,
      correctPairs,
    },
    cluster: {
      precision: predictedPersons === 0 ? 1 : exactPersons / predictedPersons,
      recall: trueSizes.size === 0 ? 1 : exactPersons / trueSizes.size,
      exactPersons,
      predictedPersons,
      truePersons: trueSizes.size,
    },
    unknownRecords,
  };
}

function pairsOf(size: number): number {
  return (size * (size - 1)) / 2;
}
