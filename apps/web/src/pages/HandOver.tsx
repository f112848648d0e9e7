import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';

interface Assignees {
  claimedBy: string | null;
  items: { sub: string; roles: string[]; holds: boolean }[];
}

/**
 * A supervisor sees who holds an open task of their agency and hands it to a colleague with a role it needs
 * (POST /tasks/:id/assign), or gives it back to the agency (POST /tasks/:id/release). Shown on the case view beside
 * "Extend the deadline"; the colleagues are loaded when the supervisor opens it.
 */
export function HandOver({
  taskId,
  onDone,
}: {
  taskId: string;
  onDone: (key: 'handover.done' | 'handover.released') => void;
}) {
  const { t } = useI18n();
  const uid = useId();
  const [people, setPeople] = useState<Assignees | null>(null);
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (err: unknown) =>
    setError(
      err instanceof ApiError
        ? (err.fields[0]?.reason ?? t('error.api', { status: err.status, message: err.message }))
        : t('error.network'),
    );

  const load = async () => {
    try {
      setPeople(await api<Assignees>(`/tasks/${taskId}/assignees`));
    } catch (err) {
      fail(err);
    }
  };

  const act = async (path: 'assign' | 'release') => {
    setBusy(true);
    setError(null);
    try {
      await api(`/tasks/${taskId}/${path}`, {
        method: 'POST',
        ...(path === 'assign' ? { body: { assignee } } : {}),
        repeatSafe: true,
      });
      setAssignee('');
      setPeople(null);
      onDone(path === 'assign' ? 'handover.done' : 'handover.released');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!assignee) setError(t('validation.required'));
    else void act('assign');
  };

  const others = people?.items.filter((p) => !p.holds) ?? [];
  return (
    <details className="handover" onToggle={(e) => (e.currentTarget.open && !people ? void load() : undefined)}>
      <summary>{t('handover.title')}</summary>
      {error && <p role="alert">{error}</p>}
      {people && (
        <form onSubmit={submit} noValidate>
          <p data-testid="handover-holder">
            {people.claimedBy ? t('handover.heldBy', { who: people.claimedBy }) : t('handover.nobody')}{' '}
            {people.claimedBy && (
              <button type="button" className="secondary" disabled={busy} onClick={() => void act('release')}>
                {t('handover.release')}
              </button>
            )}
          </p>
          {others.length === 0 ? (
            <p>{t('handover.noColleagues')}</p>
          ) : (
            <>
              <div className="field">
                <label htmlFor={`${uid}-assignee`}>{t('handover.to')}</label>
                <select id={`${uid}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                  <option value="">{t('form.choose')}</option>
                  {others.map((p) => (
                    <option key={p.sub} value={p.sub}>
                      {p.sub}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" disabled={busy}>
                {t('handover.submit')}
              </button>
            </>
          )}
        </form>
      )}
    </details>
  );
}
