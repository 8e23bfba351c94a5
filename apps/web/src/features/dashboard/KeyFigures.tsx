/** Today's key figures of the command centre, each with its change from yesterday and the last two weeks. */
import { useTranslation } from 'react-i18next';
import type { Dashboard } from './DashboardPage';
import { formatChange, formatNumber } from './dashboard-format';

export function KeyFigures({ figures }: { figures: Dashboard['figures'] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t('dashboard.figures.heading')}</h2>
      <ul className="figure-grid">
        {figures.map((f) => {
          const digits = f.indicator === 'test_positivity' ? 2 : 0;
          const direction = f.change === null || f.change === 0 ? '' : f.change > 0 ? 'up' : 'down';
          return (
            <li key={f.indicator} className="figure-card">
              <span className="figure-name">{t(`indicators.names.${f.indicator}`)}</span>
              <span className="figure-value">
                {f.today === null ? t('dashboard.figures.none') : formatNumber(f.today, locale, digits)}
              </span>
              {f.change !== null && (
                <span className={`figure-change ${direction}`}>
                  {f.change === 0
                    ? t('dashboard.figures.noChange')
                    : t('dashboard.figures.change', { change: formatChange(f.change, locale, digits) })}
                </span>
              )}
              {f.last7 !== null && (
                <span className="figure-week">
                  {t('dashboard.figures.week', {
                    value: formatNumber(f.last7, locale, digits),
                    previous: formatNumber(f.previous7, locale, digits),
                  })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
