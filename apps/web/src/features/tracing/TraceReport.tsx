/**
 * A trace's set-size report: how many close and secondary contacts, and the places that qualified the
 * most of them — with a warning when one place made a large share (the definition is too loose there).
 */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../api/client';
import { TableScroll } from '../../components/TableScroll';

type Report = NonNullable<NonNullable<ResponseOf<'/api/v1/tracing/cases/{personId}'>['latestRun']>['report']>;

/** One place qualifying this share of at least this many contacts suggests the definition is too loose. */
const LOOSE_SHARE = 0.3;
const LOOSE_MINIMUM = 200;
const MANY_CONTACTS = 5000;

export function TraceReport({
  report,
  onHighlight,
}: {
  report: Report;
  onHighlight?: (placeId: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const total = report.contacts.close + report.contacts.secondary;
  const top = report.topPlaces[0];
  const loose = top && total >= LOOSE_MINIMUM && top.share >= LOOSE_SHARE ? top : null;
  const percent = (share: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
  return (
    <section className="panel" aria-labelledby="trace-report">
      <h2 id="trace-report">{t('tracing.cases.report')}</h2>
      <p>
        {t('tracing.cases.closeSecondary', {
          close: report.contacts.close.toLocaleString(i18n.language),
          secondary: report.contacts.secondary.toLocaleString(i18n.language),
        })}
      </p>
      {loose && (
        <p role="alert" className="notice notice-error" data-testid="loose-definition">
          {t('tracing.cases.looseWarning', {
            place: loose.place_id,
            share: percent(loose.share),
            count: (loose.close + loose.secondary).toLocaleString(i18n.language),
            category: loose.category ?? t(`tracing.common.kinds.${loose.kind}`),
          })}
        </p>
      )}
      {!loose && total >= MANY_CONTACTS && (
        <p role="alert" className="notice notice-error">
          {t('tracing.cases.manyWarning', { count: total.toLocaleString(i18n.language) })}
        </p>
      )}
      <p className="hint">{t('tracing.cases.reportIntro')}</p>
      <TableScroll labelledBy="trace-report">
        <table>
          <caption className="visually-hidden">{t('tracing.cases.report')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tracing.common.place')}</th>
              <th scope="col">{t('tracing.cases.category')}</th>
              <th scope="col">{t('tracing.cases.close')}</th>
              <th scope="col">{t('tracing.cases.secondary')}</th>
              <th scope="col">{t('tracing.cases.share')}</th>
            </tr>
          </thead>
          <tbody>
            {report.topPlaces.map((p) => (
              <tr key={`${p.kind}:${p.place_id}`}>
                <td>
                  {onHighlight ? (
                    <button type="button" className="link-button" onClick={() => onHighlight(p.place_id)}>
                      {t(`tracing.common.kinds.${p.kind}`)} <code>{p.place_id}</code>
                    </button>
                  ) : (
                    <code>{p.place_id}</code>
                  )}
                </td>
                <td>{p.category ?? '—'}</td>
                <td>{p.close.toLocaleString(i18n.language)}</td>
                <td>{p.secondary.toLocaleString(i18n.language)}</td>
                <td>{percent(p.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
