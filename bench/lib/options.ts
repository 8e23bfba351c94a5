/**
 * Numeric command-line options of the benchmark scripts (`--people 50000`): the value after the flag, or the
 * fallback when the flag is absent. With `positive`, a missing, unreadable or non-positive value falls back.
 */
export function numberOption(
  args: readonly string[],
  name: string,
  fallback: number,
  options: { positive?: boolean } = {},
): number {
  const at = args.indexOf(name);
  if (!options.positive) return at >= 0 ? Number(args[at + 1]) : fallback;
  const value = at >= 0 ? Number(args[at + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
