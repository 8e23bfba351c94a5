/**
 * A person's timeline: the case at the top, then every result, visit, diagnosis, vaccination and more, newest
 * first. `submitted`: a data source's view — only what it sent, with no case (GET /api/v1/submissions/…).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { formatWhen } from './when';

type Timeline = ResponseOf<'/api/v1/persons/{id}/timeline'>;
type Entry = Timeline['entries'][number];
type TimelineView = Pick<Timeline, 'entries' | 'case' | 'sources'>;

/** A person's timeline (one request however many components ask); `submitted`: a data source's own view. */
export function useTimeline(personId: string, submitted = false) {
  return useQuery({
    queryKey: ['timeline', submitted ? 'submitted' : 'index', personId],
    queryFn: (): Promise<TimelineView> =>
      submitted
        ? api.get('/api/v1/submissions/persons/{id}/timeline', { params: { id: personId } })
        : api.get('/api/v1/persons/{id}/timeline', { params: { id: personId } }),
  });
}

/** Source id → registered name, for the sources a timeline draws on. */
export function sourceNamesOf(timeline: Pick<TimelineView, 'sources'> | undefined): Map<string, string> {
  return new Map((timeline?.sources ?? []).map((s) => [s.id, s.name]));
}

export function PersonTimeline({ personId, submitted = false }: { personId: string; submitted?: boolean }) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(personId, submitted);
  const data = timeline.data;
  const sourceNames = sourceNamesOf(data);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t(submitted ? 'submissions.timelineTitle' : 'hub.timeline.title')}</h2>
      {timeline.isPending && <p className="hint">{t('common.loading')}</p>}
      {timeline.isError && (
        <p role="alert" className="notice notice-error">
          {t('common.error')}: {(timeline.error as Error).message}{' '}
          <button type="button" className="button" onClick={() => void timeline.refetch()}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {data?.case ? (
        <div className="panel case-panel">
          <strong>{t(`hub.timeline.classifications.${data.case.classification}`)}</strong>
          <span>
            {t('hub.timeline.onset')}: {data.case.onset ?? '—'}
          </span>
          <span>
            {t('hub.timeline.firstPositive')}:{' '}
            {formatDateTime(data.case.firstPositiveSpecimen, i18n.language)}
          </span>
          <span>
            {t('hub.timeline.reported')}: {formatDateTime(data.case.reportTime, i18n.language)}
          </span>
        </div>
      ) : (
        data && !submitted && <p className="hint">{t('hub.timeline.noCase')}</p>
      )}
      {data && data.entries.length === 0 && <p>{t('hub.timeline.empty')}</p>}
      <ol className="timeline">
        {data?.entries.map((entry) => (
          <li
            key={`${entry.kind}-${entry.id}-${entry.at}`}
            className={`timeline-entry timeline-${entry.kind}`}
          >
            <time dateTime={entry.at}>{formatWhen(entry.at, i18n.language)}</time>
            <span className="tag">{t(`hub.timeline.kinds.${entry.kind}`, { defaultValue: entry.kind })}</span>
            <span className="timeline-text">{describe(entry, t, i18n.language)}</span>
            {entry.sourceId && (
              <span className="hint" title={entry.sourceId}>
                {t('hub.timeline.from', { source: sourceNames.get(entry.sourceId) ?? entry.sourceId })}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function describe(
  entry: Entry,
  t: (key: string, options?: Record<string, unknown>) => string,
  language: string,
): string {
  const d = entry.detail;
  const text = (value: string | number | boolean | null | undefined) =>
    value === null || value === undefined ? '' : String(value);
  switch (entry.kind) {
    case 'lab-result':
      return [
        t(`hub.timeline.testKinds.${text(d['testKind'])}`, { defaultValue: text(d['testKind']) }),
        text(d['code']),
        t(`hub.timeline.results.${text(d['result'])}`, { defaultValue: text(d['result']) }),
        d['value'] !== null && d['value'] !== undefined ? `${text(d['value'])} ${text(d['unit'])}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'diagnosis':
      return [
        text(d['code']),
        t(`hub.timeline.classifications.${text(d['classification'])}`, {
          defaultValue: text(d['classification']),
        }),
        d['onset'] ? `${t('hub.timeline.onset')} ${text(d['onset'])}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'visit':
      return [
        d['setting'] === 'fever-clinic' ? t('hub.timeline.feverClinic') : text(d['encounterClass']),
        d['temperature'] !== null && d['temperature'] !== undefined ? `${text(d['temperature'])} °C` : '',
        text(d['symptoms']),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'vaccination':
      return [text(d['vaccine']), d['dose'] ? `#${text(d['dose'])}` : ''].filter(Boolean).join(' · ');
    case 'arrival':
      return [text(d['port']), text(d['trip']), text(d['origin']), text(d['document'])]
        .filter(Boolean)
        .join(' · ');
    case 'case':
      return t(`hub.timeline.classifications.${text(d['classification'])}`, {
        defaultValue: text(d['classification']),
      });
    case 'follow-up':
      return [
        t(`hub.timeline.followUps.${text(d['followUpKind'])}`, { defaultValue: text(d['followUpKind']) }),
        d['status'] ? t(`hub.followUps.${text(d['status'])}`, { defaultValue: text(d['status']) }) : '',
        d['resolution']
          ? t(`hub.followUps.resolutions.${text(d['resolution'])}`, { defaultValue: text(d['resolution']) })
          : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'record-linked':
      return [
        t(`hub.persons.methods.${text(d['method'])}`, { defaultValue: text(d['method']) }),
        text(d['recordKey']),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'presence':
      return [
        t(`tracing.common.kinds.${text(d['presenceKind'])}`, { defaultValue: text(d['presenceKind']) }),
        text(d['placeId']),
        text(d['zone']),
        d['row'] !== null && d['row'] !== undefined ? `#${text(d['row'])}` : '',
        d['end'] ? `→ ${formatWhen(text(d['end']), language)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'merge':
      return `${text(d['mergedId'])} → ${text(d['survivorId'])} (${t(`hub.timeline.${text(d['change'])}`)})`;
    case 'split':
      return `${text(d['recordKey'])}: ${text(d['fromPersonId'])} → ${text(d['toPersonId'])} (${t(`hub.timeline.${text(d['change'])}`)})`;
    default:
      return Object.entries(d)
        .map(([k, v]) => `${k}: ${text(v)}`)
        .join(' · ');
  }
}
