/**
 * How the users page names the source an account submits as: by the institution's registered name, with its id
 * (an id alone, `src_ygxdx1w6…`, tells an administrator nothing); the id alone while the sources are loading
 * or when the source is not among those listed.
 */
export function sourceLabel(
  sourceId: string,
  sources: readonly { id: string; name: string }[] | undefined,
): { name: string | null; id: string } {
  const source = sources?.find((s) => s.id === sourceId);
  return { name: source?.name ?? null, id: sourceId };
}
