/**
 * Clusters: linked cases with size, generations, onsets and growth; `?cluster=ID` opens one (graph, map,
 * timeline, cases with their probable infectors). `?synthetic=N` draws a synthetic graph of N nodes to
 * check that the graph stays usable at city scale — labelled as such, never shown as data.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { api, type ResponseOf } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { ClusterDetail } from './ClusterDetail';
import { ContactGraph } from './ContactGraph';
import { syntheticGraph } from './graph-layout';
import './tracing.css';

type Cluster = ResponseOf<'/api/v1/tracing/clusters'>['items'][number];

export function ClustersPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const canManage = session?.permissions.includes('tracing:manage') ?? false;
  const [params, setParams] = useSearchParams();
  const client = useQueryClient();
  const clusterId = params.get('cluster');
  const synthetic = Number(params.get('synthetic') ?? 0);
  const recompute = useMutation({
    mutationFn: () => api.post('/api/v1/tracing/clusters/recompute'),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tracing-clusters'] }),
  });
  const computedAt = useQuery({
    queryKey: ['tracing-clusters', 'first'],
    queryFn: () => api.get('/api/v1/tracing/clusters', { query: { limit: 1, offset: 0, order: 'desc' } }),
  });
  if (synthetic > 0) return <SyntheticGraph size={Math.min(50_000, synthetic)} />;
  if (clusterId)
    return (
      <section className="page" aria-labelledby="page-title">
        <ClusterDetail id={clusterId} onBack={() => setParams({})} />
      </section>
    );
  const open = (id: string) => setParams({ cluster: id });
  const columns: Column<Cluster>[] = [
    {
      key: 'id',
      header: t('tracing.clusters.open'),
      render: (c) => (
        <a
          href={`?cluster=${encodeURIComponent(c.id)}`}
          onClick={(e) => {
            e.preventDefault();
            open(c.id);
          }}
        >
          {t('tracing.clusters.clusterOf', { id: c.id })}
        </a>
      ),
    },
    {
      key: 'size',
      header: t('tracing.clusters.size'),
      sort: 'size',
      render: (c) => c.size.toLocaleString(i18n.language),
    },
    {
      key: 'generations',
      header: t('tracing.clusters.generations'),
      sort: 'generations',
      render: (c) => c.generations,
    },
    {
      key: 'first',
      header: t('tracing.clusters.firstOnset'),
      sort: 'first',
      render: (c) => formatDateTime(c.firstOnset, i18n.language),
    },
    {
      key: 'last',
      header: t('tracing.clusters.lastOnset'),
      sort: 'last',
      render: (c) => formatDateTime(c.lastOnset, i18n.language),
    },
    {
      key: 'growth',
      header: t('tracing.clusters.growth'),
      sort: 'recent',
      render: (c) =>
        `${t('tracing.clusters.growthValue', { recent: c.growth.recent, previous: c.growth.previous })}${
          c.growth.doublingDays
            ? ` · ${t('tracing.clusters.doubling', { days: c.growth.doublingDays.toFixed(1) })}`
            : ''
        }`,
    },
    {
      key: 'places',
      header: t('tracing.clusters.places'),
      render: (c) =>
        c.places
          .slice(0, 3)
          .map((p) => `${p.place_id} (${p.cases})`)
          .join(', ') || '—',
    },
    { key: 'area', header: t('tracing.common.area'), render: (c) => c.areaCode ?? '—' },
  ];
  const first = computedAt.data?.items[0];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('tracing.clusters.title')}</h1>
      <p className="lead">{t('tracing.clusters.intro')}</p>
      <div className="row-actions">
        {first && (
          <span className="hint">
            {t('tracing.clusters.computedAt', { at: formatDateTime(first.computedAt, i18n.language) })}
          </span>
        )}
        {canManage && (
          <button
            type="button"
            className="button"
            disabled={recompute.isPending}
            onClick={() => recompute.mutate()}
          >
            {t('tracing.clusters.recompute')}
          </button>
        )}
      </div>
      {recompute.data && (
        <p role="status" className="notice notice-ok">
          {t('tracing.clusters.recomputed', {
            clusters: recompute.data.clusters,
            cases: recompute.data.cases,
            ms: Math.round(recompute.data.durationMs),
          })}
        </p>
      )}
      {computedAt.data && computedAt.data.total === 0 && (
        <p className="hint">{t('tracing.clusters.noClusters')}</p>
      )}
      <DataTable
        id="tracing-clusters"
        caption={t('tracing.clusters.title')}
        columns={columns}
        rowKey={(c) => c.id}
        defaultOrder="desc"
        fetchPage={(q) => api.get('/api/v1/tracing/clusters', { query: { ...q, sort: q.sort ?? 'size' } })}
      />
    </section>
  );
}

function SyntheticGraph({ size }: { size: number }) {
  const { t } = useTranslation();
  const graph = useMemo(() => syntheticGraph(size), [size]);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('tracing.clusters.graph')}</h1>
      <p role="note" className="notice">
        {t('tracing.clusters.synthetic', { count: size })}
      </p>
      <ContactGraph
        nodes={graph.nodes}
        edges={graph.edges}
        layout="time"
        label={t('tracing.clusters.synthetic', { count: size })}
        height={600}
      />
    </section>
  );
}
