import { useI18n } from '../i18n';
import { splitSource } from '../source-note';

/** A step's or field's guidance without its citations; the citations sit in a "Source" disclosure. */
export function SourceNote({ text, id, className = 'hint' }: { text: string; id?: string; className?: string }) {
  const { t } = useI18n();
  const { text: body, sources } = splitSource(text);
  return (
    <div className={`source-note ${className}`} id={id}>
      {body}
      {sources.length > 0 && (
        <details className="source">
          <summary>{t('source.summary')}</summary>
          {sources.join('; ')}
        </details>
      )}
    </div>
  );
}
