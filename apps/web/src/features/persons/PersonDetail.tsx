/** One person: golden record, case, linked source records (split one off), merges (undo) and the timeline. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../components/format';
import { PersonTimeline, sourceNamesOf, useTimeline } from './PersonTimeline';

export function PersonDetail({
  personId,
  onBack,
  onOpen,
}: {
  personId: string;
  onBack: () => void;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const mayMerge = session?.permissions.includes('persons:merge') ?? false;
  const person = useQuery({
    queryKey: ['person', personId],
    queryFn: () => api.get('/api/v1/persons/{id}', { params: { id: personId } }),
  });
  // The timeline names the sources of the linked records too (the same request as the timeline below).
  const sourceNames = sourceNamesOf(useTimeline(person.data?.id ?? personId).data);
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['person'] });
    await client.invalidateQueries({ queryKey: ['timeline'] });
  };
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const split = (recordKey: string) => {
    const reason = window.prompt(t('hub.persons.splitReason'));
    if (!reason) return;
    void act(async () => {
      const created = await api.post('/api/v1/linkage/splits', { body: { recordKey, reason } });
      onOpen(created.id);
    });
  };
  const undo = (mergeId: string) => {
    const reason = window.prompt(t('hub.persons.undoReason'));
    if (!reason) return;
    void act(() =>
      api.post('/api/v1/linkage/merges/{id}/undo', { params: { id: mergeId }, body: { reason } }),
    );
  };
  const p = person.data;
  return (
    <>
      <p>
        <button type="button" className="button" onClick={onBack}>
          ← {t('hub.persons.back')}
        </button>
      </p>
      {person.isError && (
        <p role="alert" className="notice notice-error">
          {(person.error as Error).message}
        </p>
      )}
      {p && (
        <>
          <h1 id="page-title">{p.name ?? t('hub.persons.person', { id: p.id })}</h1>
          {p.requestedId !== p.id && (
            <p role="status" className="notice notice-ok">
              {t('hub.persons.mergedNotice', { requested: p.requestedId })}
            </p>
          )}
          {p.fate === 'emptied' && (
            <div role="status" className="notice">
              <p>{t('linkageNow.emptied', { at: formatDateTime(p.emptiedAt, i18n.language) })}</p>
              {p.recordsMovedTo && (
                <button type="button" className="button" onClick={() => onOpen(p.recordsMovedTo!)}>
                  {t('linkageNow.openMovedTo')}
                </button>
              )}
            </div>
          )}
          <dl className="panel facts-list">
            <dt>ID</dt>
            <dd>
              <code>{p.id}</code>
            </dd>
            <dt>{t('hub.persons.sex')}</dt>
            <dd>{p.sex ? t(`hub.persons.sexes.${p.sex}`) : '—'}</dd>
            <dt>{t('hub.persons.birthDate')}</dt>
            <dd>{p.birthDate ?? '—'}</dd>
            <dt>{t('hub.persons.area')}</dt>
            <dd>{p.areaCode ?? '—'}</dd>
            <dt>{t('hub.persons.identifiers')}</dt>
            <dd>
              {p.identifiers.length === 0
                ? '—'
                : p.identifiers.map((i) => (
                    <div key={`${i.system}|${i.value}`}>
                      <code>{i.value}</code> <span className="hint">{i.system}</span>
                    </div>
                  ))}
            </dd>
          </dl>
          {p.openReviews > 0 && (
            <p role="status" className="notice">
              {t('hub.persons.openReviews', { count: p.openReviews })}
            </p>
          )}
          {error && (
            <p role="alert" className="notice notice-error">
              {error}
            </p>
          )}
          <h2>{t('hub.persons.records')}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('hub.persons.records')}>
            <table>
              <caption className="visually-hidden">{t('hub.persons.records')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hub.persons.record')}</th>
                  <th scope="col">{t('hub.persons.name')}</th>
                  <th scope="col">{t('hub.persons.birthDate')}</th>
                  <th scope="col">{t('hub.persons.phone')}</th>
                  <th scope="col">{t('hub.persons.document')}</th>
                  <th scope="col">{t('hub.persons.method')}</th>
                  <th scope="col">{t('hub.persons.linkedAt')}</th>
                  {mayMerge && <th scope="col">{t('hub.persons.split')}</th>}
                </tr>
              </thead>
              <tbody>
                {p.records.map((r) => (
                  <tr key={r.recordKey}>
                    <td>
                      <code>{r.identifier.value}</code>
                      <div className="hint" title={r.sourceId}>
                        {sourceNames.get(r.sourceId) ?? r.sourceId}
                      </div>
                    </td>
                    <td>{r.name ?? '—'}</td>
                    <td>{r.birthDate ?? '—'}</td>
                    <td>{r.phone ?? '—'}</td>
                    <td>{r.document ?? '—'}</td>
                    <td>
                      {t(`hub.persons.methods.${r.method}`)}
                      {r.score !== null && <span className="hint"> ({r.score})</span>}
                    </td>
                    <td>{formatDateTime(r.linkedAt, i18n.language)}</td>
                    {mayMerge && (
                      <td>
                        {p.records.length > 1 && (
                          <button type="button" className="button" onClick={() => split(r.recordKey)}>
                            {t('hub.persons.split')}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.merges.length > 0 && (
            <>
              <h2>{t('hub.persons.merges')}</h2>
              <ul className="plain-list">
                {p.merges.map((m) => (
                  <li key={m.id}>
                    {formatDateTime(m.mergedAt, i18n.language)} ·{' '}
                    {t('hub.persons.mergedFrom', { merged: m.mergedId, survivor: m.survivorId })} · {m.reason}{' '}
                    {m.status === 'undone' ? (
                      <span className="tag">{t('hub.persons.undone')}</span>
                    ) : (
                      mayMerge && (
                        <button type="button" className="button" onClick={() => undo(m.id)}>
                          {t('hub.persons.undo')}
                        </button>
                      )
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {p.splits.length > 0 && (
            <>
              <h2>{t('hub.persons.splits')}</h2>
              <ul className="plain-list">
                {p.splits.map((s) => (
                  <li key={s.id}>
                    {formatDateTime(s.splitAt, i18n.language)} ·{' '}
                    {s.toPersonId === p.id
                      ? t('hub.persons.splitFrom', { record: s.recordKey, from: s.fromPersonId })
                      : t('hub.persons.splitOff', { record: s.recordKey, to: s.toPersonId })}{' '}
                    · {s.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <PersonTimeline personId={p.id} />
        </>
      )}
    </>
  );
}
