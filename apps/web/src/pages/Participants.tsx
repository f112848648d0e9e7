import type { CaseDetail, SopDescription } from '../api';
import { useNames } from '../directory';
import { useI18n } from '../i18n';

/** Who is on the case: each slot of the SOP with the agency that fills it, by name. */
export function Participants({ kase, sop }: { kase: Pick<CaseDetail, 'participants'>; sop: SopDescription }) {
  const { t, sopLabel } = useI18n();
  const names = useNames();
  const slots = Object.entries(kase.participants ?? {});
  if (slots.length === 0) return null;
  return (
    <section aria-labelledby="participants-h" className="participants">
      <h3 id="participants-h">{t('case.participants')}</h3>
      <dl className="facts">
        {slots.map(([slot, agency]) => (
          <div key={slot} data-slot={slot}>
            <dt>{sopLabel(`${sop.id}.slot.${slot}`, sop.participants[slot]?.label ?? slot)}</dt>
            <dd>{names.agency(agency)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
