// The sign-in page: username and password, with a clear reason when it fails (wrong
// password, account disabled, too many attempts, server unreachable) and why sign-in is
// asked again (expired or revoked).
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { Session } from './session.ts';
import { type LoginResult, login } from './session-api.ts';

interface LoginPageProps {
  /** Why the page is shown (expired, revoked, signed out), if there is a reason. */
  readonly notice: MessageKey | null;
  readonly initialUsername?: string;
  readonly onSignedIn: (session: Session) => void;
}

const FAILURE_TEXT: Record<Exclude<LoginResult, { ok: true }>['failure'], MessageKey> = {
  bad_credentials: 'login.badCredentials',
  account_disabled: 'login.disabled',
  too_many_attempts: 'login.tooMany',
  unreachable: 'login.unreachable',
  failed: 'login.failed',
};

export function LoginPage(props: LoginPageProps) {
  const { t, locale, setLocale } = useI18n();
  const [username, setUsername] = useState(props.initialUsername ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (username.trim() === '' || password === '') {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await login(username.trim(), password);
    setBusy(false);
    if (result.ok) {
      props.onSignedIn(result.session);
      return;
    }
    setPassword('');
    setError(
      t(FAILURE_TEXT[result.failure], {
        reason: result.error?.message[locale] ?? '',
      }),
    );
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form" noValidate>
        <h1>{t('app.title')}</h1>
        <h2>{t('login.title')}</h2>
        {props.notice && (
          <p className="login-notice" role="status" data-testid="login-notice">
            {t(props.notice)}
          </p>
        )}
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
            // biome-ignore lint/a11y/noAutofocus: the page has one job
            autoFocus
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p className="login-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
        <p className="login-hint">{t('login.localKept')}</p>
        <button
          type="button"
          className="language"
          data-testid="language-switch"
          onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('language.switch')}
        </button>
      </form>
    </main>
  );
}
