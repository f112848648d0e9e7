import { useEffect, useState } from 'react';
import { api, newIdempotencyKey, type SopDescription, type SopSummary } from '../api';
import { SchemaForm } from '../forms/SchemaForm';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import type { Session } from '../session';

/** The SOP's state diagram as an ordered, readable list of moves (the Mermaid source is offered beside it). */
export function SopDiagram({ sop }: { sop: SopDescription }) {
  const { t, sopLabel } = useI18n();
  const name = (id: string) => {
    if (id === 'start') return t('start.diagramStart');
    const step = sop.steps.find((s) => s.id === id);
    if (step) return sopLabel(`${sop.id}.${id}`, step.title);
    return sopLabel(`${sop.id}.end.${id}`, id);
  };
  return (
    <figure className="diagram">
      <figcaption>{t('start.diagram')}</figcaption>
      <ol>
        {sop.transitions.map((tr, i) => (
          <li key={i}>
            {name(tr.from)} <span aria-label={t('start.leadsTo')}>→</span> {name(tr.to)}
            {tr.when && <span className="hint"> ({tr.when})</span>}
          </li>
        ))}
      </ol>
      <details>
        <summary>{t('start.mermaid')}</summary>
        <pre>{sop.diagram}</pre>
      </details>
    </figure>
  );
}

export function StartCase({ session }: { session: Session }) {
  const { t, sopLabel } = useI18n();
  const [sops, setSops] = useState<SopSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [sop, setSop] = useState<SopDescription | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ items: SopSummary[] }>('/sops').then(
      (r) => setSops(r.items),
      () => setError(t('error.network')),
    );
  }, [t]);
  useEffect(() => {
    setSop(null);
    if (chosen) api<SopDescription>(`/sops/${chosen}`).then(setSop, () => setError(t('error.network')));
  }, [chosen, t]);

  // The caller's agency must take part: slots whose default agency is the caller's.
  const mySlots = sop ? Object.entries(sop.participants).filter(([, p]) => p.defaultAgency === session.agency) : [];

  const start = async (input: Record<string, unknown>) => {
    const r = await api<{ caseId: string }>('/cases', { method: 'POST', body: { sop: chosen, input }, idempotencyKey: newIdempotencyKey() });
    navigate(`/cases/${r.caseId}`);
  };

  return (
    <section>
      <h1>{t('nav.start')}</h1>
      {error && <p role="alert">{error}</p>}
      <div className="field">
        <label htmlFor="start-sop">{t('start.pickSop')}</label>
        <select id="start-sop" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {sops.map((s) => (
            <option key={s.id} value={s.id}>
              {sopLabel(`${s.id}.title`, s.title)}
            </option>
          ))}
        </select>
      </div>
      {sop && (
        <div className="sop-detail">
          <h2>{sopLabel(`${sop.id}.title`, sop.title)}</h2>
          <p>{sopLabel(`${sop.id}.summary`, sop.summary)}</p>
          <h3>{t('start.participants')}</h3>
          <ul>
            {Object.entries(sop.participants).map(([slot, p]) => (
              <li key={slot}>
                {sopLabel(`${sop.id}.slot.${slot}`, p.label)} — {p.defaultAgency ?? '—'}
              </li>
            ))}
          </ul>
          <SopDiagram sop={sop} />
          {mySlots.length === 0 && (
            <p className="notice" role="note">
              {t('start.notParticipant', { agency: session.agency })}
            </p>
          )}
          <h3>{t('start.intake')}</h3>
          <SchemaForm
            key={sop.id}
            schema={sop.intake}
            labelPrefix={`${sop.id}.intake`}
            submitLabel={t('start.submit')}
            onSubmit={start}
          />
        </div>
      )}
    </section>
  );
}
