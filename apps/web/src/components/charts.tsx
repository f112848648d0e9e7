/**
 * Plain SVG bar charts: no chart library. Each chart carries a text title and every bar a <title>, and the same
 * figures are always in a table beside it, which is what screen readers should use.
 */
export interface Bar {
  label: string;
  values: { name: string; value: number | null; className: string }[];
}

export function BarChart({
  title,
  bars,
  unit,
  max: fixedMax,
  format,
}: {
  title: string;
  bars: Bar[];
  unit: string;
  max?: number;
  format: (n: number) => string;
}) {
  const rowH = 18;
  const groupGap = 10;
  const labelW = 220;
  const chartW = 360;
  const series = bars[0]?.values.length ?? 0;
  const groupH = series * rowH + groupGap;
  const height = Math.max(groupH * bars.length + 10, 40);
  const max = fixedMax ?? Math.max(1, ...bars.flatMap((b) => b.values.map((v) => v.value ?? 0)));
  const trunc = (s: string) => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${labelW + chartW + 80} ${height}`}
        role="img"
        aria-label={title}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((b, i) => {
          const y0 = i * groupH + 5;
          return (
            <g key={b.label}>
              <text x={labelW - 6} y={y0 + (series * rowH) / 2 + 4} textAnchor="end" className="chart-label">
                {trunc(b.label)}
              </text>
              {b.values.map((v, j) => {
                const w = v.value === null ? 0 : Math.max(1, (v.value / max) * chartW);
                const y = y0 + j * rowH;
                return (
                  <g key={v.name}>
                    <rect x={labelW} y={y} width={w} height={rowH - 4} className={v.className}>
                      <title>{`${b.label} — ${v.name}: ${v.value === null ? '—' : `${format(v.value)} ${unit}`}`}</title>
                    </rect>
                    <text x={labelW + w + 4} y={y + rowH - 7} className="chart-value">
                      {v.value === null ? '—' : format(v.value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {series > 1 && (
        <ul className="legend">
          {bars[0].values.map((v) => (
            <li key={v.name}>
              <span className={`swatch ${v.className}`} aria-hidden="true" /> {v.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
