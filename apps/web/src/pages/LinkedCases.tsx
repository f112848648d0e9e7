import type { CaseDetail } from '../api';
import { useSopTitles } from '../components/sop-titles';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { LinkCase } from './LinkCase';

type CaseLinks = Partial<Pick<CaseDetail, 'links' | 'caseId' | 'allowedActions'>>;

/**
 * The cases linked to this one (a follow-on case started for a person, or a link by hand): the other case's SOP,
 * the relation and a link to it. The other case opens only for agencies taking part in it (access stays per case).
 * The lead's coordinator also links the case by hand here (LinkCase).
 */
export function LinkedCases({ kase, onLinked = () => undefined }: { kase: CaseLinks; onLinked?: () => void }) {
  const { t, formatDate } = useI18n();
  const links = kase.links ?? [];
  const titles = useSopTitles(links.map((l) => l.sop));
  const canLink = kase.caseId !== undefined && (kase.allowedActions ?? []).includes('case:link');
  if (links.length === 0 && !canLink) return null;
  return (
    <section aria-labelledby="links-h" className="linked-cases">
      <h3 id="links-h">{t('links.title')}</h3>
      {links.length === 0 && <p>{t('links.none')}</p>}
      <ul>
        {links.map((l) => (
          <li key={`${l.caseId}-${l.relation}`} data-relation={l.relation}>
            <Link to={`/cases/${l.caseId}`}>{titles.sop(l.sop)}</Link> {t(`links.${l.relation}.${l.direction}`)} ·{' '}
            {formatDate(l.at)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('links.access')}</p>
      {canLink && <LinkCase caseId={kase.caseId!} onLinked={onLinked} />}
    </section>
  );
}
