/** One case: its latest trace and report, contacts table, contact graph and map, trace again, add an exposure. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { api, ApiError, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { ContactGraph, type GraphEdgeData, type GraphNodeData } from './ContactGraph';
import { InterviewForm } from './InterviewForm';
import { PlaceMap } from './PlaceMap';
import { TraceReport } from './TraceReport';

type Contact = ResponseOf<'/api/v1/tracing/cases/{personId}/contacts'>['items'][number];

export function CaseDetail({ personId, onBack }: { personId: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const canManage = session?.permissions.includes('tracing:manage') ?? false;
  const client = useQueryClient();
  const [degree, setDegree] = useState<'' | '1' | '2'>('');
  const [highlight, setHighlight] = useState<string | null>(null);
  const kase = useQuery({
    queryKey: ['tracing-case', personId],
    queryFn: () => api.get('/api/v1/tracing/cases/{personId}', { params: { personId } }),
  });
  const graph = useQuery({
    queryKey: ['tracing-case-graph', personId],
    queryFn: () =>
      api.get('/api/v1/tracing/cases/{personId}/graph', { params: { personId }, query: { limit: 5000 } }),
  });
  const trace = useMutation({
    mutationFn: () => api.post('/api/v1/tracing/cases/{personId}/runs', { params: { personId } }),
    onSuccess: () =>
      client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tracing') }),
  });
  const run = kase.data?.latestRun ?? null;
  const { nodes, edges } = useMemo(() => toGraph(graph.data), [graph.data]);
  const columns: Column<Contact>[] = [
    {
      key: 'person',
      header: t('tracing.common.person'),
      sort: 'person',
      render: (c) => <code>{c.personRef}</code>,
    },
    {
      key: 'degree',
      header: t('tracing.common.degree'),
      sort: 'degree',
      render: (c) => t(`tracing.common.degree${c.degree}`),
    },
    {
      key: 'exposures',
      header: t('tracing.common.exposures'),
      sort: 'exposures',
      render: (c) => (
        <ul className="exposure-list">
          {c.exposures.slice(0, 3).map((e, i) => (
            <li key={i}>
              {t(`tracing.common.kinds.${e.kind}`)} <code>{e.place_id}</code>{' '}
              {formatDateTime(e.from, i18n.language)} · {Math.round(e.overlap_minutes)} min
              {e.via ? ` · ${t('tracing.cases.via')} ${e.via}` : ''}
            </li>
          ))}
          {c.exposureCount > 3 && <li>… {c.exposureCount}</li>}
        </ul>
      ),
    },
    {
      key: 'first',
      header: t('tracing.common.firstExposure'),
      sort: 'exposure',
      render: (c) => formatDateTime(c.firstExposureAt, i18n.language),
    },
    {
      key: 'source',
      header: t('tracing.common.status'),
      render: (c) => t(`tracing.common.sources.${c.source}`),
    },
    {
      key: 'task',
      header: t('tracing.cases.task'),
      render: (c) =>
        c.taskStatus ? <span className="tag">{t(`tracing.common.statuses.${c.taskStatus}`)}</span> : '—',
    },
  ];
  return (
    <>
      <button type="button" className="button" onClick={onBack}>
        ← {t('tracing.common.back')}
      </button>
      <h1 id="page-title">{t('tracing.cases.caseOf', { id: personId })}</h1>
      {kase.isError && (
        <p role="alert" className="notice notice-error">
          {(kase.error as Error).message}
        </p>
      )}
      {kase.data && (
        <p className="lead">
          {t(`tracing.cases.classifications.${kase.data.classification}`, {
            defaultValue: kase.data.classification,
          })}{' '}
          · {t('tracing.cases.onset')} {kase.data.onset ?? '—'} · {t('tracing.common.area')}{' '}
          {kase.data.areaCode ?? '—'}
        </p>
      )}
      <div className="panel">
        {run ? (
          <p>
            {t('tracing.cases.lastTrace', {
              at: formatDateTime(run.startedAt, i18n.language),
              trigger: t(`tracing.cases.triggers.${run.trigger}`, { defaultValue: run.trigger }),
              from: formatDateTime(run.windowFrom, i18n.language),
              to: formatDateTime(run.windowTo, i18n.language),
              ms: Math.round(run.durationMs),
            })}
          </p>
        ) : (
          <p>{t('tracing.common.notTraced')}</p>
        )}
        {canManage && (
          <button
            type="button"
            className="button button-primary"
            disabled={trace.isPending}
            onClick={() => trace.mutate()}
          >
            {trace.isPending ? t('tracing.cases.tracing') : t('tracing.cases.traceNow')}
          </button>
        )}
        {trace.data && (
          <p role="status" className="notice notice-ok">
            {t('tracing.cases.traced', {
              close: trace.data.closeCount,
              secondary: trace.data.secondaryCount,
            })}
          </p>
        )}
        {trace.error && (
          <p role="alert" className="notice notice-error">
            {trace.error instanceof ApiError ? trace.error.message : String(trace.error)}
          </p>
        )}
      </div>
      {run?.report && <TraceReport report={run.report} onHighlight={setHighlight} />}

      <h2>{t('tracing.cases.contactsTitle')}</h2>
      <DataTable
        id={`tracing-contacts-${personId}-${degree}`}
        caption={t('tracing.cases.contactsTitle')}
        columns={columns}
        rowKey={(c) => c.id}
        toolbar={
          <label className="inline-field">
            <span>{t('tracing.cases.degreeFilter')}</span>
            <select value={degree} onChange={(e) => setDegree(e.target.value as '' | '1' | '2')}>
              <option value="">{t('tracing.cases.allDegrees')}</option>
              <option value="1">{t('tracing.common.degree1')}</option>
              <option value="2">{t('tracing.common.degree2')}</option>
            </select>
          </label>
        }
        fetchPage={(q) =>
          api.get('/api/v1/tracing/cases/{personId}/contacts', {
            params: { personId },
            query: { ...q, ...(degree ? { degree: Number(degree) } : {}) },
          })
        }
      />

      <div className="tracing-columns">
        <section className="panel" aria-labelledby="case-graph">
          <h2 id="case-graph">{t('tracing.cases.graph')}</h2>
          {graph.data?.truncated && (
            <p className="hint">
              {t('tracing.cases.graphTruncated', {
                shown: graph.data.nodes.length - 1,
                total: graph.data.totalContacts,
              })}
            </p>
          )}
          {graph.data && (
            <ContactGraph
              nodes={nodes}
              edges={edges}
              layout="tree"
              highlightPlace={highlight}
              label={t('tracing.cases.graphLabel', { count: graph.data.nodes.length - 1 })}
              height={420}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="case-map">
          <h2 id="case-map">{t('tracing.cases.map')}</h2>
          {graph.data && (
            <PlaceMap
              label={t('tracing.cases.mapLabel')}
              highlight={highlight}
              places={graph.data.places.map((p) => ({ ...p, count: p.contacts }))}
            />
          )}
        </section>
      </div>
      {canManage && <InterviewForm personId={personId} />}
    </>
  );
}

type Graph = ResponseOf<'/api/v1/tracing/cases/{personId}/graph'>;

function toGraph(graph: Graph | undefined): { nodes: GraphNodeData[]; edges: GraphEdgeData[] } {
  if (!graph) return { nodes: [], edges: [] };
  const caseId = graph.nodes[0]?.id;
  const placeOf = new Map(graph.edges.map((e) => [e.target, e.placeId]));
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    label: n.label,
    kind: n.kind,
    at: Date.parse(n.at),
    band: 1,
    parent: n.kind === 'case' ? undefined : caseId,
    personId: n.personId,
    places: placeOf.has(n.id) ? [placeOf.get(n.id)!] : [],
  }));
  return { nodes, edges: graph.edges.map((e) => ({ source: e.source, target: e.target })) };
}
