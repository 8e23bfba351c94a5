/**
 * A review pair as it stands now, not only as it was scored: where each side's record is (with the person the
 * pair named, that person merged into another, or moved away by a split or a correction) and which of its
 * fields its source has changed since. A reviewer deciding on the values the pair was made with would decide
 * on stale data.
 */
import { defaultMatchModel, LinkageTable } from '../core/index.js';
import { explainPair, type PairExplanation } from '../core/linkage/pair-explanation.js';
import type { LinkRow } from './mpi.repository.js';
import type { ReviewSide } from './mpi.schema.js';
import { linkageRecordOf } from './person-linker.js';

/**
 * Where a side's record is now. `pairPerson`: the person the pair named for it; `survivorOf`: each person id's
 * survivor (itself when never merged).
 */
export function sideOf(
  link: LinkRow,
  context: { pairPerson: string; survivorOf: ReadonlyMap<string, string>; changedFields: string[] },
): ReviewSide {
  const survivor = (id: string) => context.survivorOf.get(id) ?? id;
  const now = survivor(link.person_id);
  const state =
    link.person_id !== context.pairPerson && now !== survivor(context.pairPerson)
      ? 'moved'
      : now !== context.pairPerson
        ? 'merged'
        : 'as-made';
  return { state, personId: now, changedFields: context.changedFields };
}

/**
 * The explanation's fields whose value on each side differs from the side's record now, compared as the
 * explanation shows them (the same preparation of names, dates, phones and documents).
 */
export function changedFieldsOf(
  explanation: PairExplanation,
  record: LinkRow,
  candidate: LinkRow,
): { record: string[]; candidate: string[] } {
  const table = new LinkageTable();
  const left = table.add(linkageRecordOf(record));
  const right = table.add(
    // Both sides may be the same record only in a corrupt pair; the table refuses a repeated key.
    linkageRecordOf(
      candidate.record_key === record.record_key
        ? { ...candidate, record_key: `${candidate.record_key}#` }
        : candidate,
    ),
  );
  const now = explainPair({ table, model: defaultMatchModel, frequency: null, prior: 0 }, left, right);
  const before = new Map(explanation.fields.map((f) => [f.field, f]));
  const changed = { record: [] as string[], candidate: [] as string[] };
  for (const field of now.fields) {
    const made = before.get(field.field);
    if (!made) continue;
    if (made.left !== field.left) changed.record.push(field.field);
    if (made.right !== field.right) changed.candidate.push(field.field);
  }
  return changed;
}
