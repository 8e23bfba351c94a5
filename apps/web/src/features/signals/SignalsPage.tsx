/**
 * News signals (event-based surveillance): the signals grouped from news and reports, each with its items
 * and triage; the news items themselves, relevant or not; the feeds polled for them; and, for an
 * epidemiologist, a form to enter a news item by hand.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { FeedsTab } from './FeedsTab';
import { NewsItemsTab } from './NewsItemsTab';
import { PasteNewsForm } from './PasteNewsForm';
import { SignalDetail } from './SignalDetail';
import { SignalList } from './SignalList';
import './signals.css';

const tabs = ['signals', 'items', 'feeds'] as const;
type Tab = (typeof tabs)[number];

export function SignalsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const canTriage = session?.permissions.includes('alerts:triage') ?? false;
  const [tab, setTab] = useState<Tab>('signals');
  const [selected, setSelected] = useState<string | null>(null);
  const [entering, setEntering] = useState(false);

  const showSignal = (id: string) => {
    setTab('signals');
    setSelected(id);
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('signals.title')}</h1>
      <p className="lead">{t('signals.intro')}</p>
      {canTriage && (
        <button
          type="button"
          className="button button-primary"
          aria-expanded={entering}
          aria-controls="paste-news"
          onClick={() => setEntering(!entering)}
        >
          {t('signals.paste.open')}
        </button>
      )}
      {canTriage && entering && <PasteNewsForm onShowSignal={showSignal} />}
      <TabList value={tab} onChange={setTab} />
      <div role="tabpanel" id={`signals-panel-${tab}`} aria-labelledby={`signals-tab-${tab}`}>
        {tab === 'signals' && <SignalList onOpen={setSelected} />}
        {tab === 'items' && <NewsItemsTab onShowSignal={showSignal} />}
        {tab === 'feeds' && <FeedsTab canManage={canTriage} />}
      </div>
      {tab === 'signals' && selected && (
        <SignalDetail
          id={selected}
          canTriage={canTriage}
          onClose={() => setSelected(null)}
          onOpen={setSelected}
        />
      )}
    </section>
  );
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; the selected tab alone is in the tab order. */
function TabList({ value, onChange }: { value: Tab; onChange: (tab: Tab) => void }) {
  const { t } = useTranslation();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (event: KeyboardEvent, index: number) => {
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    onChange(tabs[next]!);
    refs.current[tabs[next]!]?.focus();
  };
  return (
    <div role="tablist" aria-label={t('signals.tabs.label')} className="tabs">
      {tabs.map((tab, index) => (
        <button
          key={tab}
          ref={(el) => {
            refs.current[tab] = el;
          }}
          type="button"
          role="tab"
          id={`signals-tab-${tab}`}
          aria-selected={value === tab}
          aria-controls={`signals-panel-${tab}`}
          tabIndex={value === tab ? 0 : -1}
          className="tab"
          onClick={() => onChange(tab)}
          onKeyDown={(e) => move(e, index)}
        >
          {t(`signals.tabs.${tab}`)}
        </button>
      ))}
    </div>
  );
}
