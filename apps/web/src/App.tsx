import { useCallback, useEffect, useRef, useState } from 'react';
import { api, onUnauthorised, requestsSignedOut, type AuthConfig, type Notification } from './api';
import { useI18n, type Lang } from './i18n';
import { currentPath, Link, match, navigate, usePath } from './router';
import { clearSession, CODEC_ROLES, DASHBOARD_ROLES, hasAnyRole, loadSession, type Session } from './session';
import { Cases } from './pages/Cases';
import { CaseView } from './pages/CaseView';
import { Dashboard } from './pages/Dashboard';
import { Decoding } from './pages/Decoding';
import { Inbox } from './pages/Inbox';
import { IncomingReferrals } from './pages/IncomingReferrals';
import { TaskPage } from './pages/TaskPage';
import { landingFor } from './landing';
import { resetDirectory, useNames } from './directory';
import { useNewTasks } from './new-tasks';
import { Notifications } from './pages/Notifications';
import { OidcCallback, SignIn } from './pages/SignIn';
import { StartCase } from './pages/StartCase';

export function App() {
  const { t, lang, setLang } = useI18n();
  const [session, setSession] = useState<Session | null>(loadSession());
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [unread, setUnread] = useState(0);
  const path = usePath();
  const names = useNames(session?.token ?? null);
  // On the inbox itself the rows say which tasks are new; elsewhere the header counts them.
  const newTasks = useNewTasks(session, path);
  const route = match(path);

  useEffect(() => onUnauthorised(() => setSession(null)), []);
  useEffect(() => {
    api<AuthConfig>('/auth/config', { anonymous: true }).then(setConfig, () => setConfig(null));
  }, []);

  const refreshUnread = useCallback(() => {
    if (!session) return;
    api<{ items: Notification[] }>('/notifications?unread=true&limit=100').then(
      (r) => setUnread(r.items.length),
      () => undefined,
    );
  }, [session]);
  useEffect(() => {
    refreshUnread();
    const id = setInterval(refreshUnread, 30_000);
    return () => clearInterval(id);
  }, [refreshUnread]);

  // After a client-side navigation, focus goes to the page so keyboard and screen-reader users start at its top.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [path]);

  // Each page names itself in the document title, so screen readers announce the change of page.
  useEffect(() => {
    const titles: Record<string, string> = {
      inbox: t('nav.inbox'),
      case: t('case.title'),
      task: t('task.title'),
      start: t('nav.start'),
      cases: t('nav.cases'),
      dashboard: t('nav.dashboard'),
      notifications: t('nav.notifications'),
      decoding: t('nav.decoding'),
      referrals: t('nav.referrals'),
    };
    document.title = `${session ? (titles[route.name] ?? t('app.name')) : t('signin.title')} · ${t('app.name')}`;
  }, [route.name, session, t]);

  // A fresh sign-in goes to the person's landing page; a reload keeps the page it was on.
  const [landing, setLanding] = useState(false);
  const signedIn = (s: Session) => {
    resetDirectory();
    setSession(s);
    if (match(currentPath()).name !== 'inbox') return;
    setLanding(true);
    void landingFor(s).then((to) => {
      if (to !== '/' && match(currentPath()).name === 'inbox') navigate(to, true);
      setLanding(false);
    });
  };

  const signOut = () => {
    // An operator's decoding session for Temporal's Web UI ends with the sign-in (best effort: it expires anyway).
    if (session && hasAnyRole(session, CODEC_ROLES))
      void api('/codec/session', { method: 'DELETE' }).catch(() => undefined);
    clearSession();
    requestsSignedOut();
    setSession(null);
    navigate('/', true);
  };

  const langPicker = (
    <label className="lang">
      {t('header.language')}{' '}
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="en">English</option>
        <option value="it">Italiano</option>
      </select>
    </label>
  );

  if (route.name === 'callback' && config?.mode === 'oidc') {
    return <OidcCallback config={config} onSignedIn={signedIn} />;
  }

  if (!session) {
    return (
      <>
        <a className="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header className="top">
          <span className="brand">{t('app.name')}</span>
          {langPicker}
        </header>
        <main id="main" tabIndex={-1}>
          <SignIn config={config} onSignedIn={signedIn} />
        </main>
      </>
    );
  }

  const manager = hasAnyRole(session, DASHBOARD_ROLES);
  const operator = hasAnyRole(session, CODEC_ROLES);
  const current = (name: string) => (route.name === name ? 'page' : undefined);
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <Link to="/" aria-current={current('inbox')}>
                {t('nav.inbox')}
                {newTasks > 0 && route.name !== 'inbox' && (
                  <span className="badge" data-testid="new-tasks">
                    {' '}
                    <span aria-hidden="true">{newTasks}</span>
                    <span className="visually-hidden">{t('nav.newTasks', { n: newTasks })}</span>
                  </span>
                )}
              </Link>
            </li>
            <li>
              <Link to="/cases" aria-current={current('cases')}>
                {t('nav.cases')}
              </Link>
            </li>
            <li>
              <Link to="/start" aria-current={current('start')}>
                {t('nav.start')}
              </Link>
            </li>
            <li>
              <Link to="/referrals" aria-current={current('referrals')}>
                {t('nav.referrals')}
              </Link>
            </li>
            {manager && (
              <li>
                <Link to="/dashboard" aria-current={current('dashboard')}>
                  {t('nav.dashboard')}
                </Link>
              </li>
            )}
            {operator && (
              <li>
                <Link to="/decoding" aria-current={current('decoding')}>
                  {t('nav.decoding')}
                </Link>
              </li>
            )}
            <li>
              <Link to="/notifications" aria-current={current('notifications')}>
                {t('nav.notifications')}
                {unread > 0 && (
                  <span className="badge" aria-label={t('nav.unread', { n: unread })}>
                    {' '}
                    {unread}
                  </span>
                )}
              </Link>
            </li>
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {t('header.signedInAs', { agency: names.agency(session.agency), roles: names.roles(session.roles) })}
        </span>
        {langPicker}
        <button type="button" onClick={signOut}>
          {t('header.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {landing && <p role="status">{t('common.loading')}</p>}
        {route.name === 'inbox' && !landing && <Inbox session={session} />}
        {route.name === 'case' && <CaseView key={route.id} caseId={route.id} session={session} />}
        {route.name === 'task' && (
          <TaskPage key={route.taskId} caseId={route.caseId} taskId={route.taskId} session={session} />
        )}
        {route.name === 'start' && <StartCase session={session} />}
        {route.name === 'cases' && <Cases />}
        {route.name === 'dashboard' && (manager ? <Dashboard session={session} /> : <p>{t('dashboard.forbidden')}</p>)}
        {route.name === 'referrals' && <IncomingReferrals id={route.id} />}
        {route.name === 'notifications' && <Notifications onChange={refreshUnread} />}
        {route.name === 'decoding' && (operator ? <Decoding /> : <p>{t('decoding.forbidden')}</p>)}
        {(route.name === 'not-found' || route.name === 'callback') && (
          <section>
            <h1>{t('notFound.title')}</h1>
            <Link to="/">{t('nav.inbox')}</Link>
          </section>
        )}
      </main>
    </>
  );
}
