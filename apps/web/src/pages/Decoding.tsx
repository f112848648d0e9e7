import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

interface Opened {
  expiresAt: string;
  temporalUiOrigins: string[];
}

/**
 * For platform operators: lets Temporal's Web UI in this browser decode payloads through Waymark's codec endpoint
 * for an hour (POST /codec/session sets an HttpOnly cookie scoped to /codec; the UI sends it when "Include
 * cross-origin credentials" is on). The embedded Web UI has no sign-in of its own, so this is how it decodes.
 */
export function Decoding() {
  const { t, formatDate } = useI18n();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) =>
    setError(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'));

  // A session opened earlier in this browser (the cookie itself is out of the page's reach: HttpOnly).
  useEffect(() => {
    api<Opened & { active: boolean }>('/codec/session').then(
      (s) => {
        if (s.active) setOpened(s);
      },
      () => undefined,
    );
  }, []);

  const open = async () => {
    setError(null);
    try {
      setOpened(await api<Opened>('/codec/session', { method: 'POST' }));
      setNotice(null);
    } catch (e) {
      fail(e);
    }
  };
  const close = async () => {
    setError(null);
    try {
      await api('/codec/session', { method: 'DELETE' });
      setOpened(null);
      setNotice('decoding.closed');
    } catch (e) {
      fail(e);
    }
  };
  const ui = opened?.temporalUiOrigins[0];

  return (
    <section aria-labelledby="decoding-h">
      <h1 id="decoding-h">{t('decoding.title')}</h1>
      <p>{t('decoding.intro')}</p>
      {error && <p role="alert">{error}</p>}
      <p role="status" aria-live="polite" className={opened || notice ? 'notice' : 'visually-hidden'}>
        {opened ? t('decoding.opened', { time: formatDate(opened.expiresAt) }) : notice ? t(notice) : ''}
      </p>
      {opened && ui && (
        <ol data-testid="decoding-steps">
          <li>
            {t('decoding.step1')}{' '}
            <a href={ui} target="_blank" rel="noreferrer">
              {ui}
            </a>
          </li>
          <li>{t('decoding.step2')}</li>
          <li>{t('decoding.step3')}</li>
        </ol>
      )}
      <p className="actions">
        <button type="button" onClick={() => void open()}>
          {t('decoding.open')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => void close()}>
          {t('decoding.close')}
        </button>
      </p>
    </section>
  );
}
