import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { it } from './it';
import { SOP_LABELS_IT } from './sop-labels.it';
import { DEMO_LABELS_IT } from './sop-labels-demo.it';
import { COURT_TESTIMONY_LABELS_IT } from './sop-labels-court-testimony.it';
import { SHELTER_ADMISSION_LABELS_IT } from './sop-labels-shelter-admission.it';
import { HOTLINE_INTAKE_LABELS_IT } from './sop-labels-hotline-intake.it';
import { JOINT_OPERATION_LABELS_IT } from './sop-labels-joint-operation.it';
import { ASSISTED_RETURN_LABELS_IT } from './sop-labels-assisted-return.it';

export type Lang = 'en' | 'it';
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, it };
/** Labels of SOP steps, form fields and options by language; English comes from the SOP description itself. */
export const SOP_LABELS: Record<Lang, Record<string, string>> = {
  en: {},
  it: {
    ...SOP_LABELS_IT,
    ...DEMO_LABELS_IT,
    ...COURT_TESTIMONY_LABELS_IT,
    ...SHELTER_ADMISSION_LABELS_IT,
    ...HOTLINE_INTAKE_LABELS_IT,
    ...JOINT_OPERATION_LABELS_IT,
    ...ASSISTED_RETURN_LABELS_IT,
  },
};
const STORAGE_KEY = 'waymark.lang';

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(CATALOGUES[lang][key] ?? en[key] ?? key, params);
}

export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** An SOP label: `sop.step` / `sop.step.field` / `sop.step.field.option` / `sop.intake.field`; `fallback` (the server's English) otherwise. */
  sopLabel: (key: string, fallback: string) => string;
  formatDate: (iso: string | null | undefined) => string;
  formatNumber: (n: number, digits?: number) => string;
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'it') return saved;
  } catch {
    // Storage blocked: fall through to the browser language.
  }
  return typeof navigator !== 'undefined' && navigator.language?.startsWith('it') ? 'it' : 'en';
}

export function makeI18n(lang: Lang, setLang: (l: Lang) => void = () => undefined): I18n {
  const locale = lang === 'it' ? 'it-IT' : 'en-GB';
  return {
    lang,
    setLang,
    t: (key, params) => translate(lang, key, params),
    sopLabel: (key, fallback) => SOP_LABELS[lang][key] ?? fallback,
    formatDate: (iso) =>
      iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—',
    formatNumber: (n, digits = 0) =>
      n.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }),
  };
}

const Ctx = createContext<I18n>(makeI18n('en'));

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(initial ?? initialLang());
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not remembered: the choice still holds for this page.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
