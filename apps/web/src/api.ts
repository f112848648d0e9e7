import { clearSession, loadSession } from './session';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** An API answer other than 2xx: status, error code, message and the fields the server named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorisedListeners = new Set<Listener>();
/** Called when the API answers 401: the session has expired or the token is no longer valid. */
export function onUnauthorised(l: Listener): () => void {
  unauthorisedListeners.add(l);
  return () => unauthorisedListeners.delete(l);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  idempotencyKey?: string;
  /**
   * Sends an Idempotency-Key that stays the same for this exact request until the server gives a final answer
   * (2xx or 4xx): a retry after a 503, a timeout or a lost connection is recognised by the server and runs once.
   */
  repeatSafe?: boolean;
  /** Sign-in calls go without a token. */
  anonymous?: boolean;
}

/** Set by signing out: requests a page still makes on its way out stay in the browser until the next sign-in. */
let signedOut = false;
export function requestsSignedOut(): void {
  signedOut = true;
}

/** Keys of repeat-safe requests still waiting for a final answer, by method, path and body. */
const pendingKeys = new Map<string, string>();

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!opts.anonymous) {
    const session = loadSession();
    if (session) {
      signedOut = false;
      headers.authorization = `Bearer ${session.token}`;
    } else if (signedOut) {
      // Signed out while a page was still loading: the request would only be refused (and logged as a failed load).
      throw new ApiError(401, 'unauthorized', 'Signed out.', []);
    }
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const pending = opts.repeatSafe ? `${opts.method ?? 'GET'} ${path}\n${body ?? ''}` : undefined;
  const key = opts.idempotencyKey ?? (pending ? (pendingKeys.get(pending) ?? newIdempotencyKey()) : undefined);
  if (pending && key) pendingKeys.set(pending, key);
  if (key) headers['idempotency-key'] = key;
  const res = await fetch(path, { method: opts.method ?? 'GET', headers, body });
  // A final answer frees the key: the same request made again on purpose later is a new request.
  if (pending && res.status < 500) pendingKeys.delete(pending);
  if (res.status === 401 && !opts.anonymous) {
    clearSession();
    unauthorisedListeners.forEach((l) => l());
  }
  if (!res.ok) {
    let body: { error?: string; message?: string; fields?: FieldProblem[] } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    throw new ApiError(res.status, body.error ?? 'error', body.message ?? res.statusText, body.fields ?? []);
  }
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads an authenticated response as a file (the token cannot ride in a link). */
export async function download(path: string, filename: string): Promise<void> {
  const res = await send(path, {});
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const qs = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][];
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
};

// Response shapes of the routes the application uses.
export type { TaskItem as Task } from '../../../libs/contracts/src/api.contract';
import type { CaseSummary } from '../../../libs/contracts/src/api.contract';

export interface CompartmentRecord {
  step: string;
  subject: string | null;
  source: string;
  agencyId: string;
  recordedAt: string;
  data: Record<string, unknown>;
  /** Fields kept from the caller, with the reason (no consent naming your agency, police only, not for enforcement). */
  withheld?: { field: string; category: string; reason: 'no-consent' | 'police-only' | 'not-for-enforcement' }[];
}

export type { CaseSummary } from '../../../libs/contracts/src/api.contract';

export interface CaseDetail extends CaseSummary {
  participants: Record<string, string>;
  /** The case-level actions the access policy grants the caller in this case (GET /policy `caseActions`). */
  allowedActions: ('case:cancel' | 'case:erase' | 'case:change-participants' | 'case:link')[];
  /** Slots the SOP lets change while the case runs (`changeable` in the declaration). */
  changeableSlots?: string[];
  /** Who filled which slot when, oldest first (ids and slots only). */
  participantHistory?: {
    at: string;
    slot: string;
    from: string | null;
    to: string;
    withdrawn?: boolean;
    byAgency: string | null;
  }[];
  /** Linked cases: the other case's id and SOP only (it opens only for agencies taking part in it). */
  links?: {
    caseId: string;
    sop: string;
    relation: 'follow-on' | 'same-operation' | 'same-family';
    direction: 'outgoing' | 'incoming';
    at: string;
  }[];
  state: { status: string; endState: string | null; currentSteps: string[] };
  openTasks: {
    taskId?: string;
    step: string;
    subject: string | null;
    phase: string | null;
    title: string;
    agencyId: string;
    roles: string[];
    openedAt: string;
    dueAt: string | null;
    /** The earliest deadline from the case's data guarding the step. */
    deadline?: { id: string; at: string } | null;
  }[];
  /** Deadlines computed from the case's data; `at` absent when withheld (its source is in another compartment). */
  dataDeadlines?: { id: string; label: string; at?: string | null; steps: string[] | null; withheld?: string }[];
  timeline: {
    at: string;
    kind: string;
    step: string | null;
    agencyId: string | null;
    detail: Record<string, unknown>;
  }[];
  escalations: {
    step: string;
    agencyId: string;
    dueAt: string;
    escalatedAt: string;
    resolvedAt: string | null;
    resolution: string | null;
  }[];
  compartments?: Record<string, CompartmentRecord[]>;
  redacted?: string[];
  /** Steps held back until a consent is recorded. */
  waitingForConsent?: {
    step: string;
    purpose: string;
    sharedWithAgency?: string;
    scope: string[];
    subject?: string;
    since: string;
  }[];
}

export interface Consent {
  consentId: string;
  caseId: string;
  purpose: string;
  sharedWithAgency: string | null;
  /** Every agency of this kind in the case, instead of one agency. */
  sharedWithKind?: string | null;
  /** A partner deployment's agency abroad (`deployment/agency`), for referrals abroad. */
  sharedWithPartner?: string | null;
  /** Given for one person of the case (W1, P2). */
  subject?: string | null;
  /** The person asked that what it shares is not disclosed to their family. */
  notForFamily?: boolean;
  /** The consent runs until then (null: until withdrawn). */
  validUntil?: string | null;
  scope: string[];
  form: string;
  givenBy: string;
  recordedBy: { sub: string; agencyId: string };
  recordedAt: string;
  status: 'active' | 'withdrawn' | 'expired';
  withdrawnAt: string | null;
  withdrawnBySub: string | null;
}

/** `GET /policy?sop=` : the caller's own read/write per compartment in that SOP. */
export interface PolicyView {
  view: {
    sop: string;
    agencyId: string;
    roles: string[];
    slots: string[];
    compartments: Record<string, { read: { allowed: boolean }; write: { allowed: boolean } }>;
  };
}

export type JsonSchema = {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
  items?: JsonSchema;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
  /** What `pattern` expects, in words (the declaration's `patternHint`). */
  'x-pattern-hint'?: string;
  format?: string;
  /** `country`: an ISO 3166-1 alpha-2 code, with the codes it takes as `enum` (the form shows a country picker). */
  'x-format'?: string;
  'x-personal'?: boolean;
};

export interface SopStep {
  id: string;
  title: string;
  actor: { slot: string; roles: string[] };
  target: string | null;
  phase: string | null;
  description: string;
  form: JsonSchema;
}

export interface SopEvent {
  type: string;
  title: string;
  reporters: { slot: string; roles: string[] }[];
  description: string;
  form: JsonSchema;
}

export interface SopDescription {
  id: string;
  version: number;
  title: string;
  summary: string;
  participants: Record<string, { kind: string; alsoKinds?: string[]; label: string; defaultAgency?: string }>;
  intake: JsonSchema;
  steps: SopStep[];
  events: SopEvent[];
  transitions: { from: string; to: string; when?: string }[];
  endStates: { id: string; title?: string; description?: string }[];
  diagram: string;
  /** Deadlines computed from the case's data (GET /sops/:id). */
  dataDeadlines?: { id: string; label: string }[];
}

export interface SopSummary {
  id: string;
  version: number;
  title: string;
  summary: string;
}

export interface Notification {
  id: string;
  kind: string;
  caseId: string | null;
  taskId: string | null;
  sop: string | null;
  step: string | null;
  read: boolean;
  createdAt: string;
  /** Codes only (a referral's decision or status and reason); emptied when the case is erased. */
  detail?: Record<string, unknown>;
}

export type { Counterpart, TimelinessStepStats as TimelinessItem } from '../../../libs/contracts/src/api.contract';

export type AuthConfig =
  | { mode: 'local'; agencies: { id: string; name: string; kind: string; roles: string[] }[] }
  | { mode: 'oidc'; issuer: string; clientId: string; scopes: string; agencyClaim: string; rolesClaim: string };
