import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, type AuthConfig } from '../api';
import { useI18n } from '../i18n';
import { beginLogin, completeLogin } from '../oidc';
import { navigate } from '../router';
import { roleLabel } from '../directory';
import { decodeClaims, saveSession, type Session } from '../session';

/** Roles local sign-in issues only with the local admin secret (PRIVILEGED_DEV_ROLES in libs/auth). */
const SECRET_ROLES = ['operator', 'data-protection-officer', 'platform-admin', 'auditor'];

const redirectUri = () => `${window.location.origin}/app/callback`;

export function SignIn({ config, onSignedIn }: { config: AuthConfig | null; onSignedIn: (s: Session) => void }) {
  const { t } = useI18n();
  const roleName = (r: string) => roleLabel(t, r);
  const [agency, setAgency] = useState('');
  const [role, setRole] = useState('');
  const [adminSecret, setAdminSecret] = useState('');
  const needsSecret = SECRET_ROLES.includes(role);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const agencies = useMemo(() => (config?.mode === 'local' ? config.agencies : []), [config]);
  const roles = agencies.find((a) => a.id === agency)?.roles ?? [];

  useEffect(() => {
    if (!roles.includes(role)) setRole('');
  }, [agency]);

  if (!config) return <p role="status">{t('common.loading')}</p>;

  if (config.mode === 'oidc') {
    return (
      <section className="signin">
        <h1>{t('signin.title')}</h1>
        <p>{t('signin.oidcIntro')}</p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button
          type="button"
          onClick={() => void beginLogin(config, redirectUri()).catch(() => setError(t('signin.oidcFailed')))}
        >
          {t('signin.oidcButton')}
        </button>
      </section>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!agency || !role) return setError(t('signin.pickBoth'));
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ token: string; sub: string; agency: string; roles: string[] }>('/auth/dev-token', {
        method: 'POST',
        body: needsSecret ? { agency, role, adminSecret } : { agency, role },
        anonymous: true,
      });
      const s: Session = { token: r.token, sub: r.sub, agency: r.agency, roles: r.roles, mode: 'local' };
      saveSession(s);
      onSignedIn(s);
    } catch (err) {
      setError(
        err instanceof ApiError ? t('error.api', { status: err.status, message: err.message }) : t('error.network'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="signin">
      <h1>{t('signin.title')}</h1>
      <p>{t('signin.localIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="signin-agency">{t('signin.agency')}</label>
          <select id="signin-agency" value={agency} onChange={(e) => setAgency(e.target.value)}>
            <option value="">{t('form.choose')}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="signin-role">{t('signin.role')}</label>
          <select id="signin-role" value={role} onChange={(e) => setRole(e.target.value)} disabled={!agency}>
            <option value="">{t('form.choose')}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </div>
        {needsSecret && (
          <div className="field">
            <label htmlFor="signin-admin-secret">{t('signin.adminSecret')}</label>
            <input
              id="signin-admin-secret"
              type="password"
              autoComplete="off"
              value={adminSecret}
              onChange={(e) => setAdminSecret(e.target.value)}
              aria-describedby="signin-admin-secret-hint"
            />
            <p id="signin-admin-secret-hint" className="hint">
              {t('signin.adminSecretHint')}
            </p>
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signin.button')}
        </button>
      </form>
    </section>
  );
}

export function OidcCallback({
  config,
  onSignedIn,
}: {
  config: Extract<AuthConfig, { mode: 'oidc' }>;
  onSignedIn: (s: Session) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const search = window.location.search;
    // The code leaves the address bar at once, whatever happens next.
    history.replaceState(null, '', '/app/callback');
    completeLogin(config, search, redirectUri())
      .then((token) => {
        const claims = decodeClaims(token);
        const roles = claims[config.rolesClaim];
        const s: Session = {
          token,
          sub: String(claims.sub ?? ''),
          agency: String(claims[config.agencyClaim] ?? ''),
          roles: Array.isArray(roles) ? roles.map(String) : typeof roles === 'string' ? roles.split(/[ ,]+/) : [],
          mode: 'oidc',
        };
        saveSession(s);
        onSignedIn(s);
        navigate('/', true);
      })
      .catch(() => setError(t('signin.oidcFailed')));
  }, []);
  return <main id="main">{error ? <p role="alert">{error}</p> : <p role="status">{t('signin.completing')}</p>}</main>;
}
