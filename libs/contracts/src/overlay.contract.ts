import { COUNTRY_CODES } from './countries';
import type { FieldSpec, FormSpec } from './forms.contract';
import { DEFAULT_ESCALATION, durationToMs, type SopDefinition, type StepSpec } from './sop.contract';

/**
 * A jurisdiction overlay: what one deployment changes in a SOP without code (docs/jurisdiction-overlay.md). It is read
 * from a data file at start (SOP_OVERLAY_FILE), checked against the declarations, and the part for a case's SOP is
 * recorded in the case's start input, so a case keeps the overlay it started under as it keeps its SOP version.
 */
export interface SopOverlay {
  /** The SOP's title and summary as this deployment names them. */
  title?: string;
  summary?: string;
  /** The SOP-wide escalation interval (ISO 8601 duration), instead of the declaration's. */
  escalationEvery?: string;
  /** Per step: its target (ISO 8601), escalation interval, title. */
  steps?: Readonly<Record<string, { target?: string; escalationEvery?: string; title?: string }>>;
  /**
   * Option lists by field path (`intake.<field>`, `<step>.<field>`, `event:<type>.<field>`): a field the declaration
   * marks `overlayOptions` takes any list of option keys; a country field takes a subset of ISO 3166-1 codes.
   */
  options?: Readonly<Record<string, readonly string[]>>;
  /** Field labels by the same paths. */
  labels?: Readonly<Record<string, string>>;
}

export interface OverlayFile {
  /** Names the overlay in every case started under it (with its digest), e.g. `it-veneto-2026-03`. */
  name: string;
  sops: Readonly<Record<string, SopOverlay>>;
}

/** What a case records of the overlay it started under: the name, the file's digest, and its SOP's part. */
export interface CaseOverlay {
  name: string;
  digest: string;
  sop?: SopOverlay;
}

const OPTION_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const COUNTRY_SET = new Set<string>(COUNTRY_CODES);

function isDuration(value: unknown): boolean {
  try {
    return typeof value === 'string' && durationToMs(value) > 0;
  } catch {
    return false;
  }
}

const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.trim() !== '' && v.length <= max;

/** The form a field path names, and the field: `intake.x`, `<step>.x` or `event:<type>.x`. */
export function overlayField(sop: SopDefinition, path: string): FieldSpec | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 1) return undefined;
  const [where, field] = [path.slice(0, dot), path.slice(dot + 1)];
  let form: FormSpec | undefined;
  if (where === 'intake') form = sop.intake;
  else if (where.startsWith('event:')) form = sop.events?.find((e) => e.type === where.slice(6))?.form;
  else form = sop.steps.find((s) => s.id === where)?.form;
  return form && Object.prototype.hasOwnProperty.call(form.fields, field) ? form.fields[field] : undefined;
}

/** Every problem of one SOP's overlay, each as `<key path>: <reason>` (never echoing a value). */
export function sopOverlayProblems(overlay: unknown, sop: SopDefinition, at: string): string[] {
  if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay)) return [`${at}: must be an object`];
  const o = overlay as Record<string, unknown>;
  const problems: string[] = [];
  const known = ['title', 'summary', 'escalationEvery', 'steps', 'options', 'labels'];
  for (const key of Object.keys(o)) if (!known.includes(key)) problems.push(`${at}.${key}: not a known setting`);
  if (o.title !== undefined && !isText(o.title, 200)) problems.push(`${at}.title: must be a text of 1-200 characters`);
  if (o.summary !== undefined && !isText(o.summary, 2000))
    problems.push(`${at}.summary: must be a text of 1-2000 characters`);
  if (o.escalationEvery !== undefined && !isDuration(o.escalationEvery))
    problems.push(`${at}.escalationEvery: must be a positive ISO 8601 duration such as PT12H or P1D`);
  const record = (key: string): Record<string, unknown> => {
    const v = o[key];
    if (v === undefined) return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push(`${at}.${key}: must be an object`);
      return {};
    }
    return v as Record<string, unknown>;
  };
  for (const [stepId, s] of Object.entries(record('steps'))) {
    const here = `${at}.steps.${stepId}`;
    if (!sop.steps.some((x) => x.id === stepId)) {
      problems.push(`${here}: ${sop.id} has no such step`);
      continue;
    }
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      problems.push(`${here}: must be an object`);
      continue;
    }
    for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
      if (k === 'target' || k === 'escalationEvery') {
        if (!isDuration(v)) problems.push(`${here}.${k}: must be a positive ISO 8601 duration such as PT12H or P1D`);
      } else if (k === 'title') {
        if (!isText(v, 200)) problems.push(`${here}.title: must be a text of 1-200 characters`);
      } else problems.push(`${here}.${k}: not a known setting`);
    }
  }
  for (const [path, list] of Object.entries(record('options'))) {
    const here = `${at}.options.${path}`;
    const field = overlayField(sop, path);
    if (!field) {
      problems.push(`${here}: ${sop.id} has no such field (intake.<field>, <step>.<field> or event:<type>.<field>)`);
      continue;
    }
    const country = field.format === 'country';
    if (!country && !(field.type === 'enum' && field.overlayOptions)) {
      problems.push(
        `${here}: the SOP branches on these options; only fields marked overlayOptions and country fields change`,
      );
      continue;
    }
    if (!Array.isArray(list) || list.length === 0 || list.length > 300) {
      problems.push(`${here}: must be a list of 1-300 options`);
      continue;
    }
    if (new Set(list).size !== list.length) problems.push(`${here}: lists an option twice`);
    if (country && list.some((c) => typeof c !== 'string' || !COUNTRY_SET.has(c)))
      problems.push(`${here}: must list ISO 3166-1 alpha-2 codes such as RO`);
    if (!country && list.some((c) => typeof c !== 'string' || !OPTION_KEY.test(c)))
      problems.push(`${here}: options must be keys of lower-case letters, digits and dashes`);
  }
  for (const [path, label] of Object.entries(record('labels'))) {
    if (!overlayField(sop, path)) problems.push(`${at}.labels.${path}: ${sop.id} has no such field`);
    else if (!isText(label, 200)) problems.push(`${at}.labels.${path}: must be a text of 1-200 characters`);
  }
  return problems;
}

/** Every problem of an overlay file, each as `<key path>: <reason>`. */
export function overlayFileProblems(file: unknown, sops: readonly SopDefinition[]): string[] {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return ['(file): must hold a JSON object'];
  const f = file as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(f)) if (key !== 'name' && key !== 'sops') problems.push(`${key}: not a known setting`);
  if (typeof f.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(f.name))
    problems.push('name: must name the overlay (1-64 letters, digits, dots, dashes, underscores)');
  if (typeof f.sops !== 'object' || f.sops === null || Array.isArray(f.sops)) {
    problems.push('sops: must be an object of SOP id → overlay');
    return problems;
  }
  for (const [id, overlay] of Object.entries(f.sops as Record<string, unknown>)) {
    const sop = sops.find((s) => s.id === id);
    if (!sop) problems.push(`sops.${id}: must be one of ${sops.map((s) => s.id).join(', ')}`);
    else problems.push(...sopOverlayProblems(overlay, sop, `sops.${id}`));
  }
  return problems;
}

function overlaidForm(form: FormSpec, prefix: string, o: SopOverlay): FormSpec {
  let fields: Record<string, FieldSpec> | undefined;
  for (const [name, spec] of Object.entries(form.fields)) {
    const options = o.options?.[`${prefix}.${name}`];
    const label = o.labels?.[`${prefix}.${name}`];
    if (options === undefined && label === undefined) continue;
    fields ??= { ...form.fields };
    fields[name] = { ...spec, ...(options ? { options } : {}), ...(label ? { label } : {}) };
  }
  return fields ? { ...form, fields } : form;
}

/** The SOP as a deployment's overlay changes it. Pure and deterministic: workflows apply it to their declaration. */
export function applySopOverlay(sop: SopDefinition, o: SopOverlay | undefined): SopDefinition {
  if (!o) return sop;
  const step = (s: StepSpec): StepSpec => {
    const so = o.steps?.[s.id];
    const every = so?.escalationEvery;
    return {
      ...s,
      ...(so?.title ? { title: so.title } : {}),
      ...(so?.target && s.target !== undefined ? { target: so.target } : {}),
      ...(every ? { escalation: { ...(s.escalation ?? sop.escalation ?? DEFAULT_ESCALATION), every } } : {}),
      form: overlaidForm(s.form, s.id, o),
    };
  };
  return {
    ...sop,
    ...(o.title ? { title: o.title } : {}),
    ...(o.summary ? { summary: o.summary } : {}),
    ...(o.escalationEvery
      ? { escalation: { ...(sop.escalation ?? DEFAULT_ESCALATION), every: o.escalationEvery } }
      : {}),
    intake: overlaidForm(sop.intake, 'intake', o),
    steps: sop.steps.map(step),
    events: sop.events?.map((e) => ({ ...e, form: overlaidForm(e.form, `event:${e.type}`, o) })),
  };
}
