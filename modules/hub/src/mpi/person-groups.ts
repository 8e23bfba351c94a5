/**
 * Merged persons as groups: a merged person's id resolves to the survivor (`persons.merged_into`, followed
 * to the end of the chain), and a survivor's group is itself and everyone merged into it, directly or not.
 * Facts keep the person id they arrived with, so a merge or unmerge never rewrites them: readers ask for
 * the group.
 */
import type { Executor } from '../records/bulk-writer.js';
import type { MpiRepository } from './mpi.repository.js';

const MAX_DEPTH = 20;

/** Each id's survivor (itself when never merged). */
export async function survivorsOf(
  repository: MpiRepository,
  executor: Executor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const parent = new Map<string, string>();
  let pending = [...new Set(ids)];
  for (let depth = 0; depth < MAX_DEPTH && pending.length > 0; depth++) {
    const merged = await repository.mergedTargetsOf(executor, pending);
    pending = [];
    for (const [id, into] of merged) {
      if (!parent.has(id)) {
        parent.set(id, into);
        pending.push(into);
      }
    }
  }
  const out = new Map<string, string>();
  for (const id of ids) {
    let current = id;
    for (let depth = 0; depth < MAX_DEPTH && parent.has(current); depth++) current = parent.get(current)!;
    out.set(id, current);
  }
  return out;
}

/** Each survivor's group: itself first, then everyone merged into it. */
export async function membersOf(
  repository: MpiRepository,
  executor: Executor,
  survivors: readonly string[],
): Promise<Map<string, string[]>> {
  const groups = new Map<string, string[]>(survivors.map((s) => [s, [s]]));
  const rootOf = new Map<string, string>(survivors.map((s) => [s, s]));
  let frontier = [...survivors];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const merged = await repository.mergedInto(executor, frontier);
    frontier = [];
    for (const row of merged) {
      const root = rootOf.get(row.merged_into!);
      if (root === undefined || rootOf.has(row.id)) continue;
      rootOf.set(row.id, root);
      groups.get(root)!.push(row.id);
      frontier.push(row.id);
    }
  }
  return groups;
}
