import type { CaseDetail } from '../api';
import { useSopTitles } from '../components/sop-titles';
import { useI18n } from '../i18n';
import { Link } from '../router';

type CaseLinks = Partial<Pick<CaseDetail, 'links'>>;

/**
 * The cases linked to this one (a follow-on case started for a person, or a link by hand): the other case's SOP,
 * the relation and a link to it. The other case opens only for agencies taking part in it (access stays per case).
 */
export function LinkedCases({ kase }: { kase: CaseLinks }) {
  const { t, formatDate } = useI18n();
  const links = kase.links ?? [];
  const titles = useSopTitles(links.map((l) => l.sop));
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="links-h" className="linked-cases">
      <h3 id="links-h">{t('links.title')}</h3>
      <ul>
        {links.map((l) => (
          <li key={`${l.caseId}-${l.relation}`} data-relation={l.relation}>
            <Link to={`/cases/${l.caseId}`}>{titles.sop(l.sop)}</Link> {t(`links.${l.relation}.${l.direction}`)} ·{' '}
            {formatDate(l.at)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('links.access')}</p>
    </section>
  );
}
