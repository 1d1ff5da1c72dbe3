// The site picker of the report page: a search box over name and address, the sites used
// recently on this device first, then the nearest when the phone gives its position.
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import { orderSites, type PickSite, type Position, withRecent } from './site-order.ts';

const RECENT_KEY = 'civic-ledger.report.recentSites';
const SHOWN = 8;

function loadRecent(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function saveRecent(ids: readonly string[]): void {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(ids));
  } catch {
    // Not remembered; the picker still works.
  }
}

type Locating = 'idle' | 'locating' | 'failed';

interface SitePickerProps {
  readonly sites: readonly PickSite[];
  readonly value: PickSite | null;
  readonly onChange: (site: PickSite | null) => void;
}

export function SitePicker({ sites, value, onChange }: SitePickerProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState<string[]>(loadRecent);
  const [here, setHere] = useState<Position | null>(null);
  const [locating, setLocating] = useState<Locating>('idle');

  // Ask for the position once: a phone that shares it gets the nearest sites first.
  useEffect(() => {
    if (!('geolocation' in navigator)) return;
    setLocating('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setHere({ lat: p.coords.latitude, lng: p.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { maximumAge: 60_000, timeout: 10_000 },
    );
  }, []);

  const shown = useMemo(
    () => orderSites(sites, query, recent, here).slice(0, SHOWN),
    [sites, query, recent, here],
  );

  if (value)
    return (
      <div className="report-site-chosen" data-testid="report-site-chosen">
        <strong>{value.name}</strong>
        <span>{value.address}</span>
        <button type="button" onClick={() => onChange(null)} data-testid="report-site-change">
          {t('report.siteChange')}
        </button>
      </div>
    );
  return (
    <fieldset className="report-sites">
      <legend>{t('report.site')}</legend>
      <input
        type="search"
        data-testid="report-site-search"
        placeholder={t('report.siteSearch')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {locating === 'locating' && <p className="report-hint">{t('report.siteLocating')}</p>}
      {locating === 'failed' && <p className="report-hint">{t('report.siteNoLocation')}</p>}
      {here && <p className="report-hint">{t('report.siteNearest')}</p>}
      <ul>
        {shown.map((site) => (
          <li key={site.id}>
            <button
              type="button"
              className="report-site"
              data-testid="report-site"
              onClick={() => {
                const next = withRecent(recent, site.id);
                setRecent(next);
                saveRecent(next);
                onChange(site);
              }}
            >
              <strong>{site.name}</strong>
              <span>{site.address}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="report-hint">{t('report.siteNone')}</li>}
      </ul>
    </fieldset>
  );
}
