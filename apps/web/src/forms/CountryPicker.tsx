import { useEffect, useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import type { FormField } from './validate';

/** ISO 3166-1 alpha-2 codes (and XK, Kosovo, in common use); names come from the browser in the user's language. */
const CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

const COUNTRY_LABEL = /\s*\(ISO 3166[^)]*\)/i;

/** A text field the SOP declares as an ISO 3166 country code (two letters, labelled so). */
export const isCountryField = (f: FormField) =>
  f.country === true || (f.kind === 'string' && f.maxLength === 2 && COUNTRY_LABEL.test(f.label));

/** The label without its "(ISO 3166-1 alpha-2)": the picker takes care of the code. */
export const countryLabel = (label: string) => label.replace(COUNTRY_LABEL, '');

/** Countries by name in `lang`, sorted as that language sorts. */
export function countries(lang: string): { code: string; name: string }[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([lang], { type: 'region' });
  } catch {
    names = undefined;
  }
  return CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, lang),
  );
}

/** The code a typed text stands for: a country's name in the list (any case) or its two-letter code. */
export function codeFor(text: string, list: { code: string; name: string }[]): string | undefined {
  const s = text.trim().toLowerCase();
  if (!s) return undefined;
  const byName = list.find((c) => c.name.toLowerCase() === s || `${c.name} (${c.code})`.toLowerCase() === s);
  if (byName) return byName.code;
  return list.find((c) => c.code.toLowerCase() === s)?.code;
}

/**
 * A searchable country field: the person types or picks a name in their language, the form holds the ISO code the
 * API expects. A text that names no country is passed on as typed, so the validator names the field.
 */
export function CountryPicker({
  value,
  onChange,
  only,
  ...input
}: {
  /** The codes the field takes (a deployment may narrow a country field); all countries when absent. */
  only?: readonly string[];
  id: string;
  name: string;
  value: string;
  onChange: (code: string) => void;
  disabled?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}) {
  const { lang, t } = useI18n();
  const list = useMemo(() => countries(lang).filter((c) => !only || only.includes(c.code)), [lang, only]);
  const listId = useId();
  const nameOf = (code: string) => list.find((c) => c.code === code)?.name;
  const [text, setText] = useState(() => nameOf(value) ?? value);
  // Another language renames the chosen country.
  useEffect(() => {
    const name = nameOf(value);
    if (name) setText(name);
  }, [list]);
  const chosen = nameOf(value);
  return (
    <>
      <input
        {...input}
        type="text"
        autoComplete="off"
        list={listId}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(codeFor(e.target.value, list) ?? e.target.value);
        }}
      />
      <datalist id={listId}>
        {list.map((c) => (
          <option key={c.code} value={c.name} />
        ))}
      </datalist>
      <span className="hint" data-testid={`country-${input.name}`}>
        {chosen ? t('form.countryChosen', { name: chosen, code: value }) : t('form.countryHint')}
      </span>
    </>
  );
}

/**
 * The country fields whose value is not a code of the list, named with a reason the person can act on (the
 * validator's "at most 2 characters" would not say what to do); they replace the validator's findings on them.
 */
export function withCountryRules(
  fields: FormField[],
  payload: Record<string, unknown>,
  problems: { field: string; reason: string }[],
): { field: string; reason: string }[] {
  const bad = fields
    .filter(
      (f) => isCountryField(f) && typeof payload[f.name] === 'string' && !CODES.includes(payload[f.name] as string),
    )
    .map((f) => f.name);
  return [
    ...problems.filter((p) => !bad.includes(p.field)),
    ...bad.map((field) => ({ field, reason: 'must be a country from the list' })),
  ];
}
