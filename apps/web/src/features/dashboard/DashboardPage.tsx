/**
 * The command centre: the first page an official sees. One request brings today's key figures, the
 * epidemic curve, the map of sub-areas by alert level or incidence, Rt by sub-area, open alerts and news
 * signals and data freshness; clicking an area on the map (or its row) drills down city → district →
 * street, and the area is kept in the address (`?area=`) so the view can be shared and reloaded.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../api/client';
import { AreaMap } from './AreaMap';
import { areaName } from './dashboard-format';
import { EpidemicCurve } from './EpidemicCurve';
import { KeyFigures } from './KeyFigures';
import { OpenAlerts, OpenSignals, SourceFreshness } from './SidePanels';
import { RtPanel } from './RtPanel';
import './dashboard.css';

export type Dashboard = ResponseOf<'/api/v1/dashboard'>;

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? undefined;
  const board = useQuery({
    queryKey: ['dashboard', area ?? ''],
    queryFn: () => api.get('/api/v1/dashboard', { query: area ? { area } : {} }),
    refetchInterval: 60_000,
  });
  const drill = (code: string) => setParams(code ? { area: code } : {});
  const language = i18n.language;
  const data = board.data;

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">
        {data ? t('dashboard.titleFor', { area: areaName(data.area, language) }) : t('dashboard.title')}
      </h1>
      {board.isPending && <p className="loading">{t('dashboard.loading')}</p>}
      {board.isError && (
        <p role="alert" className="notice notice-error">
          {t('common.error')}: {(board.error as Error).message}
        </p>
      )}
      {data && (
        <>
          <div className="breadcrumbs">
            <p className="lead" style={{ margin: 0 }}>
              {data.asOf < data.today
                ? t('dashboard.asOfEarlier', { date: data.asOf, today: data.today })
                : t('dashboard.asOf', { date: data.asOf })}
            </p>
            {data.parent && (
              <button type="button" className="button" onClick={() => drill(data.parent!.code)}>
                {t('dashboard.up', { area: areaName(data.parent, language) })}
              </button>
            )}
          </div>
          <KeyFigures figures={data.figures} />
          <div className="dashboard-grid board-section">
            <EpidemicCurve board={data} />
            <AreaMap board={data} onDrill={drill} />
          </div>
          <div className="dashboard-grid board-section">
            <OpenAlerts board={data} />
            <RtPanel board={data} onDrill={drill} />
          </div>
          <div className="dashboard-grid board-section">
            <OpenSignals board={data} />
            <SourceFreshness board={data} />
          </div>
          <p className="muted">
            <Link to="/warning/indicators">{t('nav.indicators')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
