import { validateForm, type FieldSpec, type FormSpec } from '../../../../libs/contracts/src/forms.contract';
import type { JsonSchema } from '../api';
import type { I18n } from '../i18n';

export type FieldKind = 'string' | 'text' | 'boolean' | 'integer' | 'date' | 'enum' | 'string-list' | 'enum-list';

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  options?: string[];
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  patternHint?: string;
  /** A country code (published with `x-format: country`): picked by name, the codes it takes in `options`. */
  country?: boolean;
}

/** Longer strings get a text area; the server publishes `text` fields with their (larger) maxLength. */
const TEXTAREA_FROM = 201;

/** The fields of a step's published JSON Schema, in order, with what the inputs need. */
export function fieldsOf(schema: JsonSchema): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const base = { name, label: p.title ?? name, description: p.description, required: required.has(name) };
    if (p.type === 'boolean') return { ...base, kind: 'boolean' };
    if (p.type === 'integer') return { ...base, kind: 'integer', min: p.minimum, max: p.maximum };
    if (p.type === 'array') {
      if (p.items?.enum) return { ...base, kind: 'enum-list', options: p.items.enum };
      return {
        ...base,
        kind: 'string-list',
        maxLength: p.items?.maxLength,
        pattern: p.items?.pattern,
        patternHint: p['x-pattern-hint'],
      };
    }
    // Before the enum: a country's 250 codes are a picker by name, not a list of codes.
    if (p['x-format'] === 'country')
      return { ...base, kind: 'string', maxLength: 2, pattern: p.pattern, country: true, options: p.enum };
    if (p.enum) return { ...base, kind: 'enum', options: p.enum };
    if (p.format === 'date') return { ...base, kind: 'date' };
    const long = (p.maxLength ?? 0) >= TEXTAREA_FROM;
    return {
      ...base,
      kind: long ? 'text' : 'string',
      maxLength: p.maxLength,
      pattern: p.pattern,
      patternHint: p['x-pattern-hint'],
    };
  });
}

/**
 * The form declaration behind a published schema, so the browser runs the server's own validator
 * (libs/contracts validateForm) and cannot disagree with it. Lists of options have no declaration type; they are
 * checked here the way the server's JSON Schema states them.
 */
export function specOf(fields: FormField[]): FormSpec {
  const out: Record<string, FieldSpec> = {};
  for (const f of fields) {
    if (f.kind === 'enum-list') continue;
    const type = f.kind === 'text' ? 'text' : f.kind;
    out[f.name] = {
      type,
      label: f.label,
      required: f.required,
      ...(f.options ? { options: f.options } : {}),
      ...(f.country ? { format: 'country' as const } : {}),
      ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
      ...(f.min !== undefined ? { min: f.min } : {}),
      ...(f.max !== undefined ? { max: f.max } : {}),
      ...(f.pattern ? { pattern: f.pattern } : {}),
      ...(f.pattern && f.patternHint ? { patternHint: f.patternHint } : {}),
    };
  }
  return { fields: out };
}

/** What the inputs hold: text for text-like inputs, 'true'/'false'/'' for yes-no, a list for lists. */
export type FormValues = Record<string, string | string[]>;

/** Input values → the JSON the API expects; empty optional inputs are left out. */
export function toPayload(fields: FormField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length > 0 || f.required) out[f.name] = v;
      continue;
    }
    if (v === '') continue;
    switch (f.kind) {
      case 'boolean':
        out[f.name] = v === 'true';
        break;
      case 'integer':
        // A non-number stays text so the validator says "must be a whole number" instead of dropping it.
        out[f.name] = /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
        break;
      case 'string-list':
        out[f.name] = v.split(/[\s,;]+/).filter(Boolean);
        break;
      default:
        out[f.name] = v;
    }
  }
  return out;
}

export interface FieldErrorOut {
  field: string;
  reason: string;
}

/** Validates as the server does. */
export function validate(fields: FormField[], payload: Record<string, unknown>): FieldErrorOut[] {
  const errors: FieldErrorOut[] = validateForm(specOf(fields), stripEnumLists(fields, payload));
  for (const f of fields.filter((x) => x.kind === 'enum-list')) {
    const v = payload[f.name];
    if (v === undefined) {
      if (f.required) errors.push({ field: f.name, reason: 'is required' });
    } else if (!Array.isArray(v) || v.some((x) => !f.options?.includes(x as string))) {
      errors.push({ field: f.name, reason: `must be one of: ${(f.options ?? []).join(', ')}` });
    } else if (f.required && v.length === 0) errors.push({ field: f.name, reason: 'must have at least one entry' });
  }
  return errors;
}

function stripEnumLists(fields: FormField[], payload: Record<string, unknown>): Record<string, unknown> {
  const lists = new Set(fields.filter((f) => f.kind === 'enum-list').map((f) => f.name));
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !lists.has(k)));
}

/**
 * The server's field paths name the body (`form.decision`, `input.municipality`); inputs are named by the field.
 */
export function fieldNameOf(path: string): string {
  return path.replace(/^(form|input|data)\./, '').replace(/\[\d+\]$/, '');
}

/** A validator or server reason in the interface language; the English reason when no rule matches. */
export function readableReason(reason: string, i18n: I18n): string {
  const { t } = i18n;
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^is required$/, () => t('validation.required')],
    [/^must not be empty$/, () => t('validation.empty')],
    [/^must be at most (\d+) characters$/, (m) => t('validation.maxLength', { n: m[1] })],
    // A bare regular expression means nothing to a person: said in words unless the SOP gave a hint.
    [/^must match (\^.*)$/, () => t('validation.patternCode')],
    [/^must match (.+)$/, (m) => t('validation.pattern', { pattern: m[1] })],
    [/^must be a list of values matching (\^.*)$/, () => t('validation.patternCode')],
    [/^must be true or false$/, () => t('validation.boolean')],
    [/^must be a whole number$/, () => t('validation.integer')],
    [/^must be at least (-?\d+)$/, (m) => t('validation.min', { n: m[1] })],
    [/^must be at most (-?\d+)$/, (m) => t('validation.max', { n: m[1] })],
    [/^must be an ISO 8601 date/, () => t('validation.date')],
    [/^must be one of: (.*)$/, () => t('validation.enum')],
    [/^must be a list of strings of at most (\d+) characters$/, (m) => t('validation.listMaxLength', { n: m[1] })],
    [/^must have at least one entry$/, () => t('validation.listRequired')],
    [/^must be a list of values matching (.+)$/, (m) => t('validation.listPattern', { pattern: m[1] })],
    [/^is not a field of this form$/, () => t('validation.unknownField')],
    [/^must be a country from the list$/, () => t('validation.country')],
  ];
  for (const [re, msg] of rules) {
    const m = re.exec(reason);
    if (m) return msg(m);
  }
  return reason;
}
