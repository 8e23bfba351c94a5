/**
 * Linkage review: uncertain record pairs side by side with the per-field explanation (level, weight, both
 * values); merge them, mark them as not the same, or undo a merge made here.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../components/ExportButtons';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { formatDateTime } from '../../components/format';
import '../persons/persons.css';

type Review = ResponseOf<'/api/v1/linkage/reviews'>['items'][number];

/**
 * The explanation's notes arrive as English text (core/linkage/pair-explanation.ts); the ones known here
 * are shown in the reader's language, any other as sent.
 */
const noteKeys: Record<string, string> = {
  'implied by the shared phone (same household)': 'hub.linkage.notes.sharedPhone',
};
type Side = Review['record'];
type Status = 'open' | 'merged' | 'distinct' | 'superseded';
const sideNames = ['record', 'candidate'] as const;

/**
 * A side's value of an explanation field as its record stands now, for a field its source changed since the
 * pair was scored (an unchanged one shows the explanation's value: the same, as linkage prepared it).
 */
function currentValue(side: Side, field: string): string | null {
  switch (field) {
    case 'name':
      return side.name;
    case 'birthDate':
      return side.birthDate;
    case 'sex':
      return side.sex === 'male' || side.sex === 'female' ? side.sex : null;
    case 'area':
      return [side.areaCode, side.address].filter(Boolean).join(' ') || null;
    case 'phone':
      return side.phone;
    case 'document':
      return side.document;
    default:
      return null;
  }
}

/** A side's value now; one its source changed since the pair was made says so, with the value then. */
function FieldNow({ now, then, changed }: { now: string; then: string; changed: boolean }) {
  const { t } = useTranslation();
  if (!changed) return <td>{then}</td>;
  return (
    <td className="changed">
      {now} <strong>({t('linkageNow.changedMark')})</strong>
      <div className="hint">{t('linkageNow.changed', { value: then })}</div>
    </td>
  );
}
const statuses: Status[] = ['open', 'merged', 'distinct', 'superseded'];
const PAGE = 10;

export function LinkagePage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('open');
  const [offset, setOffset] = useState(0);
  /** Set when a decision met a pair that had changed since it was read (see `ReviewPair`). */
  const [stale, setStale] = useState(false);
  const reviews = useQuery({
    queryKey: ['linkage-reviews', status, offset],
    queryFn: () =>
      api.get('/api/v1/linkage/reviews', { query: { status, limit: PAGE, offset, order: 'desc' } }),
  });
  const total = reviews.data?.total ?? 0;
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('hub.linkage.title')}</h1>
      <p className="lead">{t('hub.linkage.intro')}</p>
      <div className="datatable-toolbar">
        <label htmlFor="review-status">{t('hub.linkage.status')}</label>
        <select
          id="review-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status);
            setOffset(0);
            setStale(false);
          }}
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`hub.linkage.statuses.${s}`)}
            </option>
          ))}
        </select>
        <span className="hint">{total}</span>
        <ExportButtons
          path="/api/v1/linkage/reviews"
          query={{ status, order: 'desc' }}
          listLabel={t('hub.linkage.title')}
        />
      </div>
      {reviews.isError && (
        <p role="alert" className="notice notice-error">
          {(reviews.error as Error).message}
        </p>
      )}
      {reviews.data && reviews.data.items.length === 0 && (
        <p className="empty-state">{t('hub.linkage.empty')}</p>
      )}
      {stale && (
        <p role="alert" className="notice notice-error">
          {t('linkageStale.changed')}
        </p>
      )}
      {reviews.data?.items.map((review) => (
        <ReviewPair key={review.id} review={review} onStale={() => setStale(true)} />
      ))}
      {total > PAGE && (
        <nav
          className="pager"
          aria-label={t('common.pageOf', { page: offset / PAGE + 1, pages: Math.ceil(total / PAGE) })}
        >
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(offset - PAGE)}
          >
            {t('common.previous')}
          </button>
          <span>
            {offset / PAGE + 1} / {Math.ceil(total / PAGE)}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('common.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

function ReviewPair({ review, onStale }: { review: Review; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await client.invalidateQueries({ queryKey: ['linkage-reviews'] });
    } catch (e) {
      // A conflict: the pair changed since the page read it (decided in another tab or by a colleague, a side
      // split off or corrected away). The page says so in the reader's language and reads the queue again,
      // rather than leaving the server's English beside a pair that still offers its buttons.
      if (e instanceof ApiError && e.code === 'conflict') {
        onStale();
        await client.invalidateQueries({ queryKey: ['linkage-reviews'] });
      } else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const decide = (decision: 'merge' | 'distinct') =>
    act(() =>
      api.post('/api/v1/linkage/reviews/{id}/decision', { params: { id: review.id }, body: { decision } }),
    );
  const undo = (mergeId: string) => {
    const reason = window.prompt(t('hub.linkage.undoReason'));
    if (!reason) return;
    void act(() =>
      api.post('/api/v1/linkage/merges/{id}/undo', { params: { id: mergeId }, body: { reason } }),
    );
  };
  const shown = (field: string, value: string | null) =>
    value === null ? '—' : field === 'sex' ? t(`hub.persons.sexes.${value}`, { defaultValue: value }) : value;
  const titleId = `review-${review.id}`;
  const moved = sideNames.filter((side) => review.sides[side].state === 'moved');
  const decidable = review.status === 'open' && moved.length === 0;
  const decider =
    review.decidedByName ??
    (review.decidedBy?.startsWith('system:') ? t('linkageNow.byIndex') : review.decidedBy);
  const probability = `${(review.explanation.matchProbability * 100).toFixed(1)}%`;
  return (
    <article className="panel review-pair" aria-labelledby={titleId}>
      <h2 id={titleId} className="review-title">
        {t('hub.linkage.score', { probability, score: review.explanation.score })}
      </h2>
      {review.explanation.reasons.length > 0 && (
        <div className="notice" role="note">
          <strong>{t('linkageReasons.title')}</strong>
          <ul>
            {review.explanation.reasons.map((reason) => (
              <li key={reason}>{t(`linkageReasons.${reason}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {sideNames.map((side) => {
        const state = review.sides[side];
        const name = t(`linkageNow.sides.${side}`);
        if (state.state === 'moved')
          return (
            <p key={side} className="notice notice-error" role="note">
              {t('linkageNow.moved', { side: name })}
            </p>
          );
        if (state.state === 'merged')
          return (
            <p key={side} className="notice" role="note">
              {t('linkageNow.merged', { side: name, person: state.personId })}
            </p>
          );
        return null;
      })}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('hub.linkage.field')}>
        <table>
          <caption className="visually-hidden">{t('hub.linkage.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hub.linkage.field')}</th>
              <th scope="col">
                {t('hub.linkage.arrived')}
                <div className="hint">
                  <span title={review.record.sourceId}>
                    {review.record.sourceName ?? review.record.sourceId}
                  </span>{' '}
                  · <code>{review.record.identifier.value}</code>
                </div>
              </th>
              <th scope="col">
                {t('hub.linkage.candidate')}
                <div className="hint">
                  <span title={review.candidate.sourceId}>
                    {review.candidate.sourceName ?? review.candidate.sourceId}
                  </span>{' '}
                  · <code>{review.candidate.identifier.value}</code>
                </div>
              </th>
              <th scope="col">{t('hub.linkage.level')}</th>
              <th scope="col">{t('hub.linkage.weight')}</th>
            </tr>
          </thead>
          <tbody>
            {review.explanation.fields.map((f) => (
              <tr key={f.field} className={f.weight > 0 ? 'agrees' : f.weight < 0 ? 'disagrees' : undefined}>
                <th scope="row">{t(`hub.linkage.fields.${f.field}`, { defaultValue: f.field })}</th>
                <FieldNow
                  now={shown(f.field, currentValue(review.record, f.field))}
                  then={shown(f.field, f.left)}
                  changed={review.sides.record.changedFields.includes(f.field)}
                />
                <FieldNow
                  now={shown(f.field, currentValue(review.candidate, f.field))}
                  then={shown(f.field, f.right)}
                  changed={review.sides.candidate.changedFields.includes(f.field)}
                />
                <td>
                  {t(`hub.linkage.levels.${f.level}`, { defaultValue: f.level })}
                  {f.note && (
                    <div className="hint">
                      {noteKeys[f.note] ? t(noteKeys[f.note]!, { defaultValue: f.note }) : f.note}
                    </div>
                  )}
                </td>
                <td className="weight">{f.weight > 0 ? `+${f.weight}` : f.weight}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        {decidable && (
          <>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void decide('merge')}
            >
              {t('hub.linkage.merge')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void decide('distinct')}>
              {t('hub.linkage.distinct')}
            </button>
          </>
        )}
        {review.status === 'merged' && review.mergeId && (
          <button type="button" className="button" disabled={busy} onClick={() => undo(review.mergeId!)}>
            {t('hub.linkage.undo')}
          </button>
        )}
        {review.decidedBy && (
          <span className="hint">
            {t('hub.linkage.decided', {
              by: decider,
              at: formatDateTime(review.decidedAt, i18n.language),
            })}
          </span>
        )}
      </div>
    </article>
  );
}
