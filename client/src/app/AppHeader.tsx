// The header: the four tables, the committee to show (the office and managers may pick
// all; a member sees only its own), the interface language, the name others see, and the
// signed-in account with its role and a sign-out.
import { localize, ROLES } from '@civic-ledger/shared';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import { cleanName, type Identity } from '../presence/identity.ts';
import type { Lookups } from '../registry/lookups.ts';
import type { SessionUser } from '../session/session.ts';
import { seesAllCommittees, visibleCommittees } from './rights.ts';
import type { Route } from './route.ts';

interface AppHeaderProps {
  readonly route: Route;
  readonly lookups: Lookups;
  readonly identity: Identity;
  readonly online: boolean;
  readonly onNavigate: (route: Route) => void;
  readonly onRename: (name: string) => void;
  readonly user: SessionUser;
  readonly onSignOut: () => void;
}

const VIEWS = [
  'ledger',
  'roster',
  'sites',
  'committees',
  'dashboard',
  'coverage',
  'snapshots',
  'report',
] as const;

export function AppHeader(props: AppHeaderProps) {
  const { t, locale, setLocale } = useI18n();
  const { route } = props;
  const [name, setName] = useState(props.identity.name);
  const committeeId = route.view === 'ledger' || route.view === 'roster' ? route.committeeId : null;
  const user = props.user;
  const all = seesAllCommittees(user);
  const role = ROLES.find((r) => r.value === user.role);
  return (
    <header className="app-header">
      <h1>{t('app.title')}</h1>
      <nav className="tabs">
        {VIEWS.map((view) => (
          <button
            key={view}
            type="button"
            className={route.view === view ? 'tab active' : 'tab'}
            aria-current={route.view === view ? 'page' : undefined}
            data-testid={`nav-${view}`}
            onClick={() =>
              props.onNavigate(
                view === 'ledger' || view === 'roster'
                  ? { view, committeeId: committeeId ?? (all ? 'all' : (user.committeeId ?? 'all')) }
                  : { view },
              )
            }
          >
            {t(`nav.${view}`)}
          </button>
        ))}
      </nav>
      {committeeId !== null && (route.view === 'ledger' || route.view === 'roster') && (
        <label className="committee-picker">
          {t('nav.committee')}
          <select
            value={committeeId}
            data-testid="committee-picker"
            onChange={(e) => props.onNavigate({ view: route.view, committeeId: e.target.value })}
          >
            {all && <option value="all">{t('nav.allCommittees')}</option>}
            {visibleCommittees(user, props.lookups.committees.entries).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="spacer" />
      {!props.online && <span className="offline-banner">{t('offline.page')}</span>}
      <label className="identity" title={t('identity.hint')}>
        <span className="identity-dot" style={{ background: props.identity.color }} />
        {t('identity.label')}
        <input
          value={name}
          data-testid="display-name"
          onChange={(e) => setName(e.target.value)}
          onBlur={() => {
            const clean = cleanName(name, props.identity.name);
            setName(clean);
            props.onRename(clean);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
      </label>
      <span className="account" data-testid="account" data-role={user.role}>
        <span className="account-name">{user.displayName}</span>
        <span className="account-role" data-testid="account-role">
          {role ? localize(role.label, locale) : user.role}
        </span>
        <button type="button" onClick={props.onSignOut} data-testid="sign-out">
          {t('account.signOut')}
        </button>
      </span>
      <button
        type="button"
        className="language"
        data-testid="language-switch"
        onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
      >
        {t('language.switch')}
      </button>
    </header>
  );
}
