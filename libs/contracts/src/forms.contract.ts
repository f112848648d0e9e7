/**
 * A step's form is declared once as a FormSpec. The same declaration yields the validator that the API and the
 * workflow's update validator both run, and the JSON Schema that `GET /sops` publishes, so they cannot drift.
 * Pure TypeScript: this file is bundled into workflows.
 */
import type { CompartmentId } from './compartments.contract';
import type { DataCategory } from './data-categories.contract';
import { COUNTRY_CODES, isCountryCode } from './countries';

export type FieldType = 'string' | 'text' | 'boolean' | 'integer' | 'date' | 'enum' | 'string-list';

export interface FieldSpec {
  type: FieldType;
  label: string;
  required?: boolean;
  /** For `enum`. */
  options?: readonly string[];
  /** For `string` and `text`; defaults to 200 and 4000. */
  maxLength?: number;
  min?: number;
  max?: number;
  /** For `string` and `string-list`: a regular expression each value must match (e.g. person codes `^W[0-9]+$`). */
  pattern?: string;
  /** Says what the pattern expects, for the error message (values are never echoed). */
  patternHint?: string;
  /** For `string`: `country` takes an ISO 3166-1 alpha-2 code (countries.ts), never a name or a cut-short name. */
  format?: 'country';
  /**
   * For `enum`: the options are a list a deployment may replace in its jurisdiction overlay (its police forces, its
   * shelters, its services), because the SOP never branches on them (overlay.contract.ts).
   */
  overlayOptions?: boolean;
  /** For `date`: `today` refuses a date in the past (a planned date); a day's grace covers time zones. */
  notBefore?: 'today';
  /** Marks a field that may describe a person; it is never logged or echoed in errors. */
  personal?: boolean;
  /** Overrides the compartment of the form's step for this field (e.g. a document number goes to `identity`). */
  compartment?: CompartmentId;
  /**
   * What the field says about the person (data-categories.contract.ts); default: the form's, else the compartment's
   * (free text about a person in `protection`: the story).
   */
  category?: DataCategory;
  description?: string;
  /**
   * For `date`: the id (or ids) of the SOP's data deadlines (SopDefinition.dataDeadlines) the value must not fall
   * after (a travel date after the travel document expires is refused with 400 naming the field and the deadline).
   */
  notAfter?: string | readonly string[];
}

export interface FormSpec {
  fields: Readonly<Record<string, FieldSpec>>;
  /** The category of every field of the form that declares none. */
  category?: DataCategory;
}

export interface FieldError {
  field: string;
  reason: string;
}

export const EMPTY_FORM: FormSpec = { fields: {} };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The earliest date a `notBefore: 'today'` field takes: yesterday in UTC, so someone west of UTC entering their own
 * today late in the evening is not refused. Inside a workflow `Date.now()` is the workflow's own clock.
 */
function earliestToday(): string {
  return new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
}

function defaultMax(spec: FieldSpec): number {
  return spec.maxLength ?? (spec.type === 'text' ? 4000 : 200);
}

function checkField(name: string, spec: FieldSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'string':
    case 'text':
      if (typeof value !== 'string') return 'must be a string';
      if (spec.required && value.trim() === '') return 'must not be empty';
      if (value.length > defaultMax(spec)) return `must be at most ${defaultMax(spec)} characters`;
      if (spec.pattern && !new RegExp(spec.pattern).test(value))
        return `must match ${spec.patternHint ?? spec.pattern}`;
      if (spec.format === 'country' && !isCountryCode(value))
        return 'must be an ISO 3166-1 alpha-2 country code of two capital letters, such as RO (not a name)';
      // A deployment's overlay may narrow a country field to the countries it serves.
      if (spec.format === 'country' && spec.options && !spec.options.includes(value))
        return `must be one of the countries this deployment serves: ${spec.options.join(', ')}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
      return undefined;
    case 'date':
      if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
        return 'must be an ISO 8601 date (YYYY-MM-DD or a full timestamp)';
      }
      if (spec.notBefore === 'today' && value.slice(0, 10) < earliestToday()) return 'must not be in the past';
      return undefined;
    case 'enum':
      if (typeof value !== 'string' || !(spec.options ?? []).includes(value)) {
        return `must be one of: ${(spec.options ?? []).join(', ')}`;
      }
      return undefined;
    case 'string-list':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length > defaultMax(spec))) {
        return `must be a list of strings of at most ${defaultMax(spec)} characters`;
      }
      if (spec.required && value.length === 0) return 'must have at least one entry';
      if (spec.pattern && value.some((v) => !new RegExp(spec.pattern!).test(v))) {
        return `must be a list of values matching ${spec.patternHint ?? spec.pattern}`;
      }
      return undefined;
    default: {
      const unreachable: never = spec.type;
      return `has an unknown field type ${String(unreachable)}`;
    }
  }
}

/** Validates submitted data against a form. Unknown fields are rejected; values are never echoed. */
export function validateForm(form: FormSpec, data: unknown): FieldError[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [{ field: 'form', reason: 'must be an object' }];
  }
  const errors: FieldError[] = [];
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in form.fields)) errors.push({ field: key, reason: 'is not a field of this form' });
  }
  for (const [name, spec] of Object.entries(form.fields)) {
    const value = record[name];
    if (value === undefined || value === null) {
      if (spec.required) errors.push({ field: name, reason: 'is required' });
      continue;
    }
    const reason = checkField(name, spec, value);
    if (reason) errors.push({ field: name, reason });
  }
  return errors;
}

export type JsonSchema = Record<string, unknown>;

function fieldSchema(spec: FieldSpec): JsonSchema {
  const base: JsonSchema = { title: spec.label };
  if (spec.description) base.description = spec.description;
  if (spec.personal) base['x-personal'] = true;
  if (spec.compartment) base['x-compartment'] = spec.compartment;
  if (spec.overlayOptions) base['x-overlay-options'] = true;
  switch (spec.type) {
    case 'string':
    case 'text':
      if (spec.format === 'country')
        return {
          ...base,
          type: 'string',
          'x-format': 'country',
          enum: [...(spec.options ?? COUNTRY_CODES)],
          pattern: '^[A-Z]{2}$',
        };
      return {
        ...base,
        type: 'string',
        maxLength: defaultMax(spec),
        ...(spec.required ? { minLength: 1 } : {}),
        ...(spec.pattern ? { pattern: spec.pattern } : {}),
        ...(spec.pattern && spec.patternHint ? { 'x-pattern-hint': spec.patternHint } : {}),
      };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'integer':
      return {
        ...base,
        type: 'integer',
        ...(spec.min !== undefined ? { minimum: spec.min } : {}),
        ...(spec.max !== undefined ? { maximum: spec.max } : {}),
      };
    case 'date':
      return {
        ...base,
        type: 'string',
        format: 'date',
        ...(spec.notBefore ? { 'x-not-before': spec.notBefore } : {}),
        ...(spec.notAfter ? { 'x-not-after-deadlines': [spec.notAfter].flat() } : {}),
      };
    case 'enum':
      return { ...base, type: 'string', enum: [...(spec.options ?? [])] };
    case 'string-list':
      return {
        ...base,
        type: 'array',
        items: { type: 'string', maxLength: defaultMax(spec), ...(spec.pattern ? { pattern: spec.pattern } : {}) },
        ...(spec.required ? { minItems: 1 } : {}),
        ...(spec.pattern && spec.patternHint ? { 'x-pattern-hint': spec.patternHint } : {}),
      };
    default: {
      const unreachable: never = spec.type;
      throw new Error(`unknown field type ${String(unreachable)}`);
    }
  }
}

export function formToJsonSchema(form: FormSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(form.fields)) {
    properties[name] = fieldSchema(spec);
    if (spec.required) required.push(name);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties,
    required,
  };
}
