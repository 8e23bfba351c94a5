/** An item's text as extraction read it, with the diseases, places, counts and dates it found marked. */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

export interface Highlight {
  start: number;
  end: number;
  kind: 'disease' | 'place' | 'count' | 'date';
}

interface Piece {
  text: string;
  kind: Highlight['kind'] | null;
}

/** Cuts `[from, to)` of `text` at the highlights inside it (they are sorted and never overlap). */
function piecesOf(text: string, highlights: readonly Highlight[], from: number, to: number): Piece[] {
  const pieces: Piece[] = [];
  let at = from;
  for (const h of highlights) {
    if (h.end <= from || h.start >= to) continue;
    const start = Math.max(h.start, from);
    const end = Math.min(h.end, to);
    if (start > at) pieces.push({ text: text.slice(at, start), kind: null });
    pieces.push({ text: text.slice(start, end), kind: h.kind });
    at = end;
  }
  if (at < to) pieces.push({ text: text.slice(at, to), kind: null });
  return pieces;
}

function Marked({ pieces }: { pieces: Piece[] }) {
  const { t } = useTranslation();
  return (
    <>
      {pieces.map((p, i) =>
        p.kind ? (
          <mark key={i} className={`hl hl-${p.kind}`} title={t(`signals.detail.kinds.${p.kind}`)}>
            {p.text}
          </mark>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

/** The title line (first line of the read text) and the body, each with its highlights. */
export function HighlightedItem({
  readText,
  highlights,
  headingId,
}: {
  readText: string;
  highlights: readonly Highlight[];
  headingId: string;
}) {
  const newline = readText.indexOf('\n');
  const titleEnd = newline < 0 ? readText.length : newline;
  return (
    <>
      <h4 id={headingId} className="news-title">
        <Marked pieces={piecesOf(readText, highlights, 0, titleEnd)} />
      </h4>
      {newline >= 0 && (
        <p className="news-text">
          <Marked pieces={piecesOf(readText, highlights, newline + 1, readText.length)} />
        </p>
      )}
    </>
  );
}
