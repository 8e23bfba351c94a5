/**
 * "Export CSV" and "Export XLSX" for a server-side list: the server exports every row the list's current
 * search, filters and sort select (purpose-bound and audited as the list is); the browser saves the answer.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionHeaders } from '../api/client';
import { exportUrl, fileNameOf, refusalReason, type ExportFormat, type ExportQuery } from './export-file';
import './export-buttons.css';

export interface ExportButtonsProps {
  /** The list's API path, e.g. `/api/v1/persons` (ids already filled in). */
  path: string;
  /** The list's current query: search, filters, sort and order (paging is ignored). */
  query: ExportQuery;
  /** The list's name, so a page with two lists tells their export buttons apart (`Export: Persons`). */
  listLabel?: string;
}

type Status =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; file: string } | { kind: 'failed'; reason: string };

export function ExportButtons({ path, query, listLabel }: ExportButtonsProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const download = async (format: ExportFormat) => {
    setStatus({ kind: 'busy' });
    // The headers the API client sends (the purpose chosen in the header bar, the CSRF token); the session
    // cookie goes with same-origin credentials. So the export is read under the same purpose as the list.
    const headers = sessionHeaders();
    try {
      const response = await fetch(exportUrl(path, query, format), { headers, credentials: 'same-origin' });
      if (!response.ok) {
        const reason = refusalReason(response.status, response.statusText, await response.text());
        setStatus({ kind: 'failed', reason });
        return;
      }
      const file = fileNameOf(response.headers.get('content-disposition'), `export.${format}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked on the next turn: the click has handed the Blob to the download by then.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setStatus({ kind: 'done', file });
    } catch (error) {
      setStatus({ kind: 'failed', reason: (error as Error).message });
    }
  };

  const busy = status.kind === 'busy';
  return (
    <div
      className="export-buttons"
      role="group"
      aria-label={listLabel ? `${t('listExport.label')}: ${listLabel}` : t('listExport.label')}
    >
      <button
        type="button"
        className="button"
        title={t('listExport.csvHint')}
        disabled={busy}
        aria-busy={busy}
        onClick={() => void download('csv')}
      >
        {t('listExport.csv')}
      </button>
      <button
        type="button"
        className="button"
        title={t('listExport.xlsxHint')}
        disabled={busy}
        aria-busy={busy}
        onClick={() => void download('xlsx')}
      >
        {t('listExport.xlsx')}
      </button>
      <span className="visually-hidden" role="status">
        {status.kind === 'busy'
          ? t('listExport.busy')
          : status.kind === 'done'
            ? t('listExport.done', { file: status.file })
            : ''}
      </span>
      {status.kind === 'failed' && (
        <p role="alert" className="notice notice-error">
          {t('listExport.failed', { reason: status.reason })}
        </p>
      )}
    </div>
  );
}
