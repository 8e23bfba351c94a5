/**
 * How the users page names the source an account submits as: by the institution's registered name, with its id
 * (an id alone, `src_ygxdx1w6…`, tells an administrator nothing); the id alone while the sources are loading
 * or when the source is not among those listed. A disabled source is said so: its accounts are refused on every
 * upload and read-back, and the administrator looking at a clerk who cannot work should see why here.
 */
export function sourceLabel(
  sourceId: string,
  sources: readonly { id: string; name: string; active?: boolean }[] | undefined,
): { name: string | null; id: string; disabled: boolean } {
  const source = sources?.find((s) => s.id === sourceId);
  return { name: source?.name ?? null, id: sourceId, disabled: source?.active === false };
}
