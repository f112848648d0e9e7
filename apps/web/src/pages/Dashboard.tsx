import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, download, qs, type Counterpart, type SopSummary, type TimelinessItem } from '../api';
import { BarChart } from '../components/charts';
import { useLatest } from '../components/latest';
import { PageHead } from '../components/PageHead';
import { SopSelect } from '../components/SopSelect';
import { TableWrap } from '../components/TableWrap';
import { useI18n, type I18n } from '../i18n';
import type { Session } from '../session';
import { Overdue } from './Overdue';
import { useNames } from '../directory';
import { useSopTitles } from '../components/sop-titles';

/** Seconds as the largest sensible unit, e.g. "3.2 h". */
export function formatDuration(seconds: number | null, i18n: Pick<I18n, 'formatNumber' | 't'>): string {
  if (seconds === null) return '—';
  const { formatNumber, t } = i18n;
  if (seconds < 60) return `${formatNumber(seconds, seconds < 10 ? 1 : 0)} ${t('unit.s')}`;
  if (seconds < 3600) return `${formatNumber(seconds / 60, 1)} ${t('unit.min')}`;
  if (seconds < 86400) return `${formatNumber(seconds / 3600, 1)} ${t('unit.h')}`;
  return `${formatNumber(seconds / 86400, 1)} ${t('unit.d')}`;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export function Dashboard({ session }: { session: Session }) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const [from, setFrom] = useState(daysAgo(30));
  const [to, setTo] = useState('');
  const [sop, setSop] = useState('');
  const [agency, setAgency] = useState(session.agency);
  const [sops, setSops] = useState<SopSummary[]>([]);
  const [items, setItems] = useState<TimelinessItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generatedAt, setGeneratedAt] = useState('');
  const [counterparts, setCounterparts] = useState<Counterpart[]>([]);
  const own = agency === session.agency;
  const titles = useSopTitles(items?.map((x) => x.sop) ?? []);
  const names = useNames();
  const agencyName = counterparts.find((c) => c.agencyId === agency)?.name ?? names.agency(agency);

  const query = qs({ from: from || undefined, to: to || undefined, sop: sop || undefined, agencyId: agency });
  const latest = useLatest();
  const load = useCallback(() => {
    setError(null);
    void latest(
      api<{ items: TimelinessItem[]; generatedAt: string }>(`/timeliness${query}`),
      (r) => {
        setItems(r.items);
        setGeneratedAt(r.generatedAt);
      },
      (e) =>
        setError(
          e instanceof ApiError
            ? e.fields.length
              ? e.fields.map((f) => `${f.field}: ${f.reason}`).join('; ')
              : t('error.api', { status: e.status, message: e.message })
            : t('error.network'),
        ),
    );
  }, [query, t, latest]);
  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    api<{ items: Counterpart[] }>('/timeliness/counterparts').then(
      (r) => setCounterparts(r.items),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    api<{ items: SopSummary[] }>('/sops').then(
      (r) => setSops(r.items),
      () => undefined,
    );
  }, []);

  const stepName = (x: TimelinessItem) => titles.step(x.sop, x.step);
  const dur = (s: number | null) => formatDuration(s, i18n);
  const pct = (r: number | null) => (r === null ? '—' : `${formatNumber(r * 100, 0)}%`);
  const exportCsv = async () => {
    try {
      await download(
        `/timeliness/export${qs({ format: 'csv', from: from || undefined, to: to || undefined })}`,
        `waymark-timeliness-${session.agency}.csv`,
      );
    } catch (e) {
      setError(e instanceof ApiError ? t('error.api', { status: e.status, message: e.message }) : t('error.network'));
    }
  };

  const rows = items ?? [];
  const breaches = rows.reduce((n, x) => n + x.escalations + x.overdueOpen, 0);
  return (
    <section>
      <PageHead title={t('nav.dashboard')} onRefresh={load} />
      <Overdue />
      <form className="filters" aria-label={t('dashboard.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="dash-from">{t('dashboard.from')}</label>
          <input id="dash-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="dash-to">{t('dashboard.to')}</label>
          <input id="dash-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <SopSelect
          id="dash-sop"
          label={t('inbox.filterSop')}
          emptyLabel={t('inbox.allSops')}
          value={sop}
          sops={sops}
          onChange={setSop}
        />
        <div className="field">
          <label htmlFor="dash-agency">{t('dashboard.agency')}</label>
          {/* Your agency, or an agency you share cases with: its steps in those cases (where time goes between agencies). */}
          <select id="dash-agency" value={agency} onChange={(e) => setAgency(e.target.value)}>
            <option value={session.agency}>{t('dashboard.ownAgency', { agency: names.agency(session.agency) })}</option>
            {counterparts.length > 0 && (
              <optgroup label={t('dashboard.counterparts')}>
                {counterparts.map((c) => (
                  <option key={c.agencyId} value={c.agencyId}>
                    {t('dashboard.counterpart', { agency: c.name ?? c.agencyId, n: c.sharedCases })}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        {own && (
          <div className="field">
            <button type="button" onClick={() => void exportCsv()}>
              {t('dashboard.export')}
            </button>
          </div>
        )}
      </form>
      {!own && (
        <p className="notice" data-testid="counterpart-scope">
          {t('dashboard.counterpartScope', { agency: agencyName, own: names.agency(session.agency) })}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {items === null && !error && <p role="status">{t('common.loading')}</p>}
      {items && (
        <>
          <p role="status" data-testid="breach-summary" className={breaches ? 'notice breach' : 'notice'}>
            {breaches ? t('dashboard.breaches', { n: breaches }) : t('dashboard.noBreaches')}
          </p>
          {rows.length === 0 ? (
            <p>{t('dashboard.empty')}</p>
          ) : (
            <>
              <div className="charts">
                <BarChart
                  title={t('dashboard.chartDuration')}
                  unit=""
                  format={(n) => dur(n)}
                  bars={rows.map((x) => ({
                    label: stepName(x),
                    values: [
                      { name: t('dashboard.median'), value: x.durationSeconds.median, className: 'bar-a' },
                      { name: t('dashboard.p90'), value: x.durationSeconds.p90, className: 'bar-b' },
                    ],
                  }))}
                />
                <BarChart
                  title={t('dashboard.chartOnTime')}
                  unit="%"
                  max={100}
                  format={(n) => formatNumber(n, 0)}
                  bars={rows.map((x) => ({
                    label: stepName(x),
                    values: [
                      {
                        name: t('dashboard.onTime'),
                        value: x.onTime.rate === null ? null : x.onTime.rate * 100,
                        className: 'bar-c',
                      },
                    ],
                  }))}
                />
              </div>
              <TableWrap label={t('dashboard.tableCaption', { agency: agencyName })}>
                <table data-testid="timeliness-table">
                  <caption>{t('dashboard.tableCaption', { agency: agencyName })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('inbox.col.sop')}</th>
                      <th scope="col">{t('inbox.col.step')}</th>
                      <th scope="col">{t('dashboard.completed')}</th>
                      <th scope="col">{t('dashboard.median')}</th>
                      <th scope="col">{t('dashboard.p90')}</th>
                      <th scope="col">{t('dashboard.onTime')}</th>
                      <th scope="col">{t('dashboard.open')}</th>
                      <th scope="col">{t('dashboard.overdue')}</th>
                      <th scope="col">{t('dashboard.escalations')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((x) => (
                      <tr
                        key={`${x.sop}/${x.step}`}
                        data-step={x.step}
                        className={x.escalations || x.overdueOpen ? 'overdue' : undefined}
                      >
                        <td>{titles.sop(x.sop)}</td>
                        <th scope="row">{stepName(x)}</th>
                        <td>{x.completed}</td>
                        <td>{dur(x.durationSeconds.median)}</td>
                        <td>{dur(x.durationSeconds.p90)}</td>
                        <td>{pct(x.onTime.rate)}</td>
                        <td>{x.open}</td>
                        <td data-col="overdue">{x.overdueOpen}</td>
                        <td data-col="escalations">{x.escalations}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <p className="hint">{t('dashboard.generated', { at: i18n.formatDate(generatedAt) })}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}
