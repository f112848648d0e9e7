import { useI18n } from '../i18n';
import type { SopSummary } from '../api';

interface Props {
  id: string;
  label: string;
  /** The first option's text, for no SOP chosen (e.g. "All SOPs", "— choose —"). */
  emptyLabel: string;
  value: string;
  sops: readonly SopSummary[];
  onChange(sop: string): void;
}

/** A labelled choice of SOP, each named in the interface language where a translation exists. */
export function SopSelect({ id, label, emptyLabel, value, sops, onChange }: Props) {
  const { sopLabel } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyLabel}</option>
        {sops.map((s) => (
          <option key={s.id} value={s.id}>
            {sopLabel(`${s.id}.title`, s.title)}
          </option>
        ))}
      </select>
    </div>
  );
}
