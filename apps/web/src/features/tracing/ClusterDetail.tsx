/**
 * One cluster: its transmission graph (cases linked to their most probable infector, with their contacts;
 * time or generation layout; filter by case; highlight a place; click a node for the person), the map of
 * its places, its timeline of onsets, and its cases with their probable infectors.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { EChart, type ChartOption } from '../dashboard/EChart';
import { ContactGraph, type GraphEdgeData, type GraphNodeData } from './ContactGraph';
import { PlaceMap } from './PlaceMap';
import { TableScroll } from '../../components/TableScroll';

type Graph = ResponseOf<'/api/v1/tracing/clusters/{id}/graph'>;

export function ClusterDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [layout, setLayout] = useState<'time' | 'tree'>('time');
  const [caseFilter, setCaseFilter] = useState('');
  const [place, setPlace] = useState('');
  const [withContacts, setWithContacts] = useState(true);
  const [selected, setSelected] = useState<GraphNodeData | null>(null);
  const cluster = useQuery({
    queryKey: ['tracing-cluster', id],
    queryFn: () => api.get('/api/v1/tracing/clusters/{id}', { params: { id } }),
  });
  const graph = useQuery({
    queryKey: ['tracing-cluster-graph', id],
    queryFn: () =>
      api.get('/api/v1/tracing/clusters/{id}/graph', { params: { id }, query: { limit: 20_000 } }),
  });
  const { nodes, edges } = useMemo(() => toGraph(graph.data, withContacts), [graph.data, withContacts]);
  const visible = useMemo(() => {
    if (!caseFilter) return undefined;
    const keep = new Set<string>([caseFilter]);
    for (const n of nodes) if (n.parent === caseFilter) keep.add(n.id);
    for (const e of edges)
      if (e.strong && (e.source === caseFilter || e.target === caseFilter)) keep.add(e.source).add(e.target);
    return keep;
  }, [caseFilter, nodes, edges]);
  const timeline = useMemo<ChartOption | null>(
    () =>
      cluster.data
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 10, top: 10, bottom: 30 },
            xAxis: { type: 'category', data: cluster.data.timeline.map((d) => d.date) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                type: 'bar',
                data: cluster.data.timeline.map((d) => d.cases),
                itemStyle: { color: '#b3261e' },
              },
            ],
          }
        : null,
    [cluster.data],
  );
  const c = cluster.data;
  return (
    <>
      <button type="button" className="button" onClick={onBack}>
        ← {t('tracing.common.back')}
      </button>
      <h1 id="page-title">{t('tracing.clusters.clusterOf', { id })}</h1>
      {cluster.isError && (
        <p role="alert" className="notice notice-error">
          {(cluster.error as Error).message}
        </p>
      )}
      {c && (
        <p className="lead">
          {t('tracing.clusters.size')} {c.size} · {t('tracing.clusters.generations')} {c.generations} ·{' '}
          {t('tracing.clusters.growth')}{' '}
          {t('tracing.clusters.growthValue', { recent: c.growth.recent, previous: c.growth.previous })}
        </p>
      )}
      <section className="panel" aria-labelledby="cluster-graph">
        <h2 id="cluster-graph">{t('tracing.clusters.graph')}</h2>
        <div className="datatable-toolbar">
          <label className="inline-field">
            <span>{t('tracing.clusters.layout')}</span>
            <select value={layout} onChange={(e) => setLayout(e.target.value as 'time' | 'tree')}>
              <option value="time">{t('tracing.clusters.timeLayout')}</option>
              <option value="tree">{t('tracing.clusters.treeLayout')}</option>
            </select>
          </label>
          <label className="inline-field">
            <span>{t('tracing.clusters.filterCase')}</span>
            <select value={caseFilter} onChange={(e) => setCaseFilter(e.target.value)}>
              <option value="">{t('tracing.clusters.allCases')}</option>
              {graph.data?.cases.map((k) => (
                <option key={k.personId} value={`case:${k.personId}`}>
                  {k.personId}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>{t('tracing.clusters.highlightPlace')}</span>
            <select value={place} onChange={(e) => setPlace(e.target.value)}>
              <option value="">{t('tracing.clusters.noPlace')}</option>
              {graph.data?.places.map((p) => (
                <option key={`${p.kind}:${p.placeId}`} value={p.placeId}>
                  {p.name ?? p.placeId} ({p.cases})
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={withContacts}
              onChange={(e) => setWithContacts(e.target.checked)}
            />
            <span>{t('tracing.clusters.showContacts')}</span>
          </label>
        </div>
        {graph.data && (
          <ContactGraph
            nodes={nodes}
            edges={edges}
            layout={layout}
            visible={visible}
            highlightPlace={place || null}
            onSelect={setSelected}
            label={t('tracing.clusters.graphLabel', {
              cases: graph.data.cases.length,
              contacts: graph.data.contacts.length,
            })}
          />
        )}
        {selected && (
          <p role="status">
            {t('tracing.clusters.selected', { label: selected.label })}{' '}
            {selected.personId && (
              <a href={`/hub/persons?person=${encodeURIComponent(selected.personId)}`}>
                {t('tracing.clusters.openSelected')}
              </a>
            )}
          </p>
        )}
      </section>
      <div className="tracing-columns">
        <section className="panel" aria-labelledby="cluster-timeline">
          <h2 id="cluster-timeline">{t('tracing.clusters.timeline')}</h2>
          {timeline && <EChart option={timeline} label={t('tracing.clusters.timelineLabel')} height={240} />}
        </section>
        <section className="panel" aria-labelledby="cluster-map">
          <h2 id="cluster-map">{t('tracing.clusters.map')}</h2>
          {graph.data && (
            <PlaceMap
              label={t('tracing.cases.mapLabel')}
              highlight={place || null}
              places={graph.data.places.map((p) => ({ ...p, count: p.cases }))}
            />
          )}
        </section>
      </div>
      {graph.data && (
        <section className="panel" aria-labelledby="cluster-cases">
          <h2 id="cluster-cases">{t('tracing.clusters.casesTable')}</h2>
          <TableScroll labelledBy="cluster-cases">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('tracing.common.person')}</th>
                  <th scope="col">{t('tracing.cases.onset')}</th>
                  <th scope="col">{t('tracing.clusters.generation')}</th>
                  <th scope="col">{t('tracing.clusters.infector')}</th>
                  <th scope="col">{t('tracing.clusters.likelihood')}</th>
                </tr>
              </thead>
              <tbody>
                {graph.data.cases.map((k) => (
                  <tr key={k.personId}>
                    <td>
                      <a href={`/tracing/cases?case=${encodeURIComponent(k.personId)}`}>
                        <code>{k.personId}</code>
                      </a>
                    </td>
                    <td>{formatDateTime(k.onset, i18n.language)}</td>
                    <td>{k.generation}</td>
                    <td>{k.infectors[0] ? <code>{k.infectors[0].personId}</code> : '—'}</td>
                    <td>
                      {k.infectors[0]
                        ? new Intl.NumberFormat(i18n.language, {
                            style: 'percent',
                            maximumFractionDigits: 0,
                          }).format(k.infectors[0].likelihood)
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </>
  );
}

function toGraph(
  graph: Graph | undefined,
  withContacts: boolean,
): { nodes: GraphNodeData[]; edges: GraphEdgeData[] } {
  if (!graph) return { nodes: [], edges: [] };
  const placesOfCase = new Map<string, string[]>();
  for (const c of graph.contacts)
    placesOfCase.set(c.casePersonId, [...(placesOfCase.get(c.casePersonId) ?? []), c.placeId]);
  const nodes: GraphNodeData[] = graph.cases.map((k) => ({
    id: `case:${k.personId}`,
    label: k.personId,
    kind: 'case',
    at: Date.parse(k.onset),
    band: k.generation,
    personId: k.personId,
    places: placesOfCase.get(k.personId) ?? [],
  }));
  const edges: GraphEdgeData[] = graph.cases.flatMap((k) =>
    k.infectors[0]
      ? [{ source: `case:${k.infectors[0].personId}`, target: `case:${k.personId}`, strong: true }]
      : [],
  );
  if (withContacts) {
    const byRef = new Map<string, string>();
    for (const c of graph.contacts) if (c.degree === 1) byRef.set(`${c.casePersonId}|${c.label}`, c.id);
    for (const c of graph.contacts) {
      nodes.push({
        id: c.id,
        label: c.label,
        kind: c.degree === 1 ? 'close' : 'secondary',
        at: Date.parse(c.at),
        band: 0,
        parent: `case:${c.casePersonId}`,
        personId: c.personId,
        places: [c.placeId],
      });
      const via = c.via === null ? undefined : byRef.get(`${c.casePersonId}|${c.via}`);
      edges.push({ source: via ?? `case:${c.casePersonId}`, target: c.id });
    }
  }
  return { nodes, edges };
}
