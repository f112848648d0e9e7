import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** A page's heading with its Refresh button: what the page shows is read again from the API on demand. */
export function PageHead({ title, onRefresh }: { title: ReactNode; onRefresh: () => void }) {
  const { t } = useI18n();
  return (
    <div className="page-head">
      <h1>{title}</h1>
      <button type="button" onClick={onRefresh}>
        {t('common.refresh')}
      </button>
    </div>
  );
}
