/**
 * `SHUZHI_*` variables the platform does not read: a misspelt name (SHUZHI_TIMEZONE, SHUZHI_DATABASE) is
 * otherwise ignored without a word, and the server runs on the default the operator meant to change.
 */

/** Read by tools beside the platform (tests, the user command), not by its configuration. */
const TOOL_VARIABLES = new Set([
  'SHUZHI_PORT',
  'SHUZHI_NEW_PASSWORD',
  'SHUZHI_TEST_POSTGRES_URL',
  'SHUZHI_SKIP_POSTGRES',
  'SHUZHI_SLOW_TESTS',
  'SHUZHI_CHROMIUM',
]);

export interface UnknownVariable {
  name: string;
  /** The configuration variable it most likely meant, if one is close. */
  suggestion?: string;
}

/** The `SHUZHI_*` names in `env` that are neither configuration (`known`) nor a tool's own variable. */
export function unknownConfigVariables(
  env: Record<string, string | undefined>,
  known: readonly string[],
): UnknownVariable[] {
  const knownSet = new Set(known);
  return Object.keys(env)
    .filter((name) => name.startsWith('SHUZHI_') && !knownSet.has(name) && !TOOL_VARIABLES.has(name))
    .sort()
    .map((name) => {
      const suggestion = closestName(name, known);
      return suggestion ? { name, suggestion } : { name };
    });
}

/** The known name within two edits (ignoring underscores), e.g. SHUZHI_TIMEZONE → SHUZHI_TIME_ZONE. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const bare = (s: string) => s.replace(/_/g, '');
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(bare(name), bare(candidate));
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
