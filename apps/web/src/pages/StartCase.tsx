import { useEffect, useState } from 'react';
import { api, type SopDescription, type SopSummary } from '../api';
import { SchemaForm } from '../forms/SchemaForm';
import { SopSelect } from '../components/SopSelect';
import { useI18n } from '../i18n';
import { layoutDiagram, NODE_H, NODE_W, wrapLabel } from '../components/diagram-layout';
import { navigate } from '../router';
import type { Session } from '../session';
import { useNames } from '../directory';
import { setFlash } from '../flash';

/** `closed-referral-declined` → `Closed referral declined`: end states have ids, not titles. */
export const humanize = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

/** The SOP's state diagram as an ordered, readable list of moves (the Mermaid source is offered beside it). */
export function SopDiagram({ sop }: { sop: SopDescription }) {
  const { t, sopLabel } = useI18n();
  const name = (id: string) => {
    if (id === 'start') return t('start.diagramStart');
    const step = sop.steps.find((s) => s.id === id);
    if (step) return sopLabel(`${sop.id}.${id}`, step.title);
    return sopLabel(`${sop.id}.end.${id}`, humanize(id));
  };
  return (
    <figure className="diagram">
      <figcaption>{t('start.diagram')}</figcaption>
      <DiagramSvg sop={sop} name={name} />
      <ol className="moves">
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

/** The diagram drawn as SVG; the list after it says the same for screen readers and small screens. */
function DiagramSvg({ sop, name }: { sop: SopDescription; name: (id: string) => string }) {
  const { nodes, edges, width, height } = layoutDiagram(sop.transitions);
  const ends = new Set(sop.endStates.map((e) => e.id));
  return (
    <div className="diagram-svg" aria-hidden="true">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
          </marker>
        </defs>
        {edges.map((e, i) => {
          const x1 = e.from.x + NODE_W / 2;
          const y1 = e.from.y + NODE_H;
          const x2 = e.to.x + NODE_W / 2;
          const y2 = e.to.y;
          // Moves back up (revise rounds) curve round the side so they do not cross the boxes.
          const d = e.back
            ? `M ${e.from.x + NODE_W} ${e.from.y + NODE_H / 2} C ${Math.max(e.from.x, e.to.x) + NODE_W + 40} ${e.from.y}, ${e.to.x + NODE_W + 40} ${e.to.y + NODE_H}, ${e.to.x + NODE_W} ${e.to.y + NODE_H / 2}`
            : `M ${x1} ${y1} C ${x1} ${(y1 + y2) / 2}, ${x2} ${(y1 + y2) / 2}, ${x2} ${y2}`;
          return <path key={i} d={d} className={e.back ? 'edge back' : 'edge'} markerEnd="url(#arrow)" />;
        })}
        {nodes.map((n) => {
          const lines = wrapLabel(name(n.id));
          const kind = n.id === 'start' ? 'node start' : ends.has(n.id) ? 'node end' : 'node';
          return (
            <g key={n.id} className={kind}>
              <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={n.id === 'start' || ends.has(n.id) ? 22 : 6} />
              {lines.map((l, i) => (
                <text
                  key={i}
                  x={n.x + NODE_W / 2}
                  y={n.y + NODE_H / 2 + (i - (lines.length - 1) / 2) * 14 + 4}
                  textAnchor="middle"
                >
                  {l}
                </text>
              ))}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export function StartCase({ session }: { session: Session }) {
  const { t, sopLabel } = useI18n();
  const [sops, setSops] = useState<SopSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [sop, setSop] = useState<SopDescription | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = useNames();
  // The agency chosen for each slot of the SOP (its default until the person picks another).
  const [partners, setPartners] = useState<Record<string, string>>({});

  useEffect(() => {
    api<{ items: SopSummary[] }>('/sops').then(
      (r) => setSops(r.items),
      () => setError(t('error.network')),
    );
  }, [t]);
  useEffect(() => {
    setSop(null);
    setPartners({});
    if (chosen)
      api<SopDescription>(`/sops/${chosen}`).then(
        (d) => {
          setSop(d);
          setPartners(
            Object.fromEntries(
              Object.entries(d.participants)
                .filter(([, p]) => p.defaultAgency)
                .map(([slot, p]) => [slot, p.defaultAgency!]),
            ),
          );
        },
        () => setError(t('error.network')),
      );
  }, [chosen, t]);

  // The caller's agency must take part: slots whose default agency is the caller's.
  const mySlots = sop ? Object.entries(sop.participants).filter(([slot]) => partners[slot] === session.agency) : [];

  const changedPartners = () =>
    Object.fromEntries(
      Object.entries(partners).filter(([slot, id]) => id && id !== sop?.participants[slot]?.defaultAgency),
    );

  const start = async (input: Record<string, unknown>) => {
    const r = await api<{ caseId: string }>('/cases', {
      method: 'POST',
      // Only the slots the person changed: a slot left at its default (or one the SOP needs only for some cases,
      // such as a child authority) is the server's to fill.
      body: { sop: chosen, input, participants: changedPartners() },
      repeatSafe: true,
    });
    setFlash({ key: 'start.started' });
    navigate(`/cases/${r.caseId}`);
  };

  return (
    <section>
      <h1>{t('nav.start')}</h1>
      {error && <p role="alert">{error}</p>}
      <SopSelect
        id="start-sop"
        label={t('start.pickSop')}
        emptyLabel={t('form.choose')}
        value={chosen}
        sops={sops}
        onChange={setChosen}
      />
      {sop && (
        <div className="sop-detail">
          <h2>{sopLabel(`${sop.id}.title`, sop.title)}</h2>
          <p>{sopLabel(`${sop.id}.summary`, sop.summary)}</p>
          <fieldset className="partners">
            <legend>{t('start.participants')}</legend>
            <p className="hint">{t('start.partnersHint')}</p>
            {Object.entries(sop.participants).map(([slot, p]) => {
              // The directory's agencies of the kind the slot needs (and the SOP's default, listed or not).
              const fit = names.agencies.filter((a) => a.kind === p.kind);
              const ids = [...new Set([...(p.defaultAgency ? [p.defaultAgency] : []), ...fit.map((a) => a.id)])];
              return (
                <div className="field" key={slot}>
                  <label htmlFor={`start-slot-${slot}`}>{sopLabel(`${sop.id}.slot.${slot}`, p.label)}</label>
                  <select
                    id={`start-slot-${slot}`}
                    value={partners[slot] ?? ''}
                    onChange={(e) => setPartners((old) => ({ ...old, [slot]: e.target.value }))}
                  >
                    {!p.defaultAgency && <option value="">{t('form.choose')}</option>}
                    {ids.map((id) => (
                      <option key={id} value={id}>
                        {names.agency(id)}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>
          <SopDiagram sop={sop} />
          {mySlots.length === 0 && (
            <p className="notice" role="note">
              {t('start.notParticipant', { agency: names.agency(session.agency) })}
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
