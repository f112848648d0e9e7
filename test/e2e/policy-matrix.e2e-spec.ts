import {
  COMPARTMENT_IDS,
  hiddenSlotKeys,
  categoryWithheld,
  fieldCategory,
  caseParticipants,
  decideInCase,
  defaultParticipants,
  type CompartmentId,
  type ConsentFact,
  type SopDefinition,
} from '@waymark/contracts';
import { ACCESS_POLICY, SOPS } from '@waymark/workflows/sops';
import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack, type HttpResult } from '../support/stack';

/**
 * The access policy as a matrix, generated from ACCESS_POLICY and the SOP declarations and run against the real
 * API: for every SOP, every (participant agency, role) the SOP or the policy knows, and every compartment, a case
 * note is accepted (201) exactly when the policy allows the write, and `GET /cases/:id` carries the compartment,
 * with the notes of the allowed writers, exactly when the policy allows the read (else it is absent and listed in
 * `redacted`). A slot the case's intake does not call for (the child-protection authority in an adult's return) is
 * left empty: its agency gets 404 for every write and read, as for a case it does not know. Adding a role, a slot, a
 * compartment or an SOP adds rows. Consent-conditioned reads of the return are
 * checked before any sharing consent, under one, and after its withdrawal.
 */

/** The one hand-written input per SOP: a valid intake (a new SOP without one fails here, by name). */
/** A date `days` from today (UTC): intake dates that plan ahead refuse the past. */
const inDays = (days: number) => new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);

const INTAKES: Record<string, Record<string, unknown>> = {
  'venice-inspection': {
    triggerType: 'hotline-call',
    premisesType: 'manufacturing-company',
    suspectedExploitation: 'labour',
    municipality: 'Padova',
  },
  'joint-operation': { operationCode: 'OP-MATRIX-1', exploitationType: 'labour', plannedDate: inDays(7) },
  'assisted-return': { isMinor: false, plannedReturnDate: '2031-01-15', returnCountry: 'RO', nationality: 'RO' },
  'demo-handoff': { channel: 'referral' },
  'court-testimony': {
    requestCode: 'HN-MATRIX-1',
    witnessCode: 'P1',
    requestedBy: 'prosecutor',
    proceedings: 'trial',
    courtInAnotherCountry: true,
    isMinor: false,
  },
  'shelter-admission': { referralSource: 'police', identificationStatus: 'presumed', isMinor: false },
  'hotline-intake': {
    callerCode: 'C1',
    callerCategory: 'anonymous',
    personCode: 'P1',
    contactChannel: 'phone',
    exploitation: 'unclear',
    isMinor: false,
  },
};

interface Caller {
  sop: SopDefinition;
  /** The agencies the case actually has (the slots its intake calls for). */
  participants: Record<string, string>;
  /** The caller's agency fills one of those slots: it knows the case. */
  inCase: boolean;
  agencyId: string;
  role: string;
  slots: string[];
  token?: string;
}

/** Every (agency, role) an SOP knows: step actors, event reporters, supervisors, and the roles the policy names. */
function callersOf(sop: SopDefinition): Caller[] {
  const participants = defaultParticipants(sop);
  const inCase = caseParticipants(sop, INTAKES[sop.id] ?? {}).participants;
  const bySlot = new Map<string, Set<string>>();
  const add = (slot: string, roles: readonly string[]) => {
    if (!(slot in participants)) return;
    const set = bySlot.get(slot) ?? new Set<string>();
    for (const r of roles) set.add(r);
    bySlot.set(slot, set);
  };
  for (const s of sop.steps) add(s.actor.slot, s.actor.roles);
  for (const e of sop.events ?? []) for (const r of e.reporters) add(r.slot, r.roles);
  for (const [slot, spec] of Object.entries(sop.participants))
    if (spec.supervisorRoles) add(slot, spec.supervisorRoles);
  for (const rule of ACCESS_POLICY.rules) {
    if (rule.roles === '*' || (rule.sops !== '*' && !rule.sops.includes(sop.id))) continue;
    for (const [slot, spec] of Object.entries(sop.participants)) {
      const kindOk = rule.agencyKinds === '*' || rule.agencyKinds.includes(spec.kind);
      if (kindOk && (rule.slots === undefined || rule.slots.includes(slot))) add(slot, rule.roles);
    }
  }
  const byKey = new Map<string, Caller>();
  for (const [slot, roles] of bySlot) {
    for (const role of roles) {
      const agencyId = participants[slot];
      const key = `${agencyId} ${role}`;
      const c = byKey.get(key) ?? {
        sop,
        participants: inCase,
        inCase: Object.values(inCase).includes(agencyId),
        agencyId,
        role,
        slots: [],
      };
      c.slots.push(slot);
      byKey.set(key, c);
    }
  }
  return [...byKey.values()].sort((a, b) => `${a.agencyId} ${a.role}`.localeCompare(`${b.agencyId} ${b.role}`));
}

const CALLERS = SOPS.flatMap(callersOf);
const may = (c: Caller, compartment: CompartmentId, access: 'read' | 'write', consents: ConsentFact[] = []) =>
  decideInCase(
    ACCESS_POLICY,
    c.sop,
    c.participants,
    { agencyId: c.agencyId, roles: [c.role] },
    compartment,
    access,
    consents,
  ).allowed;
const noteText = (c: Caller, compartment: CompartmentId) => `matrix ${c.sop.id} ${c.agencyId} ${c.role} ${compartment}`;

type Row = [string, Caller, CompartmentId];
const ROWS: Row[] = CALLERS.flatMap((c) =>
  COMPARTMENT_IDS.map((comp): Row => [
    `${c.sop.id} | ${c.slots.join('+')} (${c.agencyId}) | ${c.role} | ${comp}`,
    c,
    comp,
  ]),
);

/** SOPs with consent-conditioned reads, and the agencies and scopes a sharing consent must name to open them. */
const CONSENT_SOPS = SOPS.filter((s) =>
  ACCESS_POLICY.rules.some((r) => r.requiresConsent && (r.sops === '*' || r.sops.includes(s.id))),
);
function consentTargets(sop: SopDefinition): { agencyId: string; scope: string[] }[] {
  const participants = caseParticipants(sop, INTAKES[sop.id]).participants;
  const out = new Map<string, Set<string>>();
  for (const rule of ACCESS_POLICY.rules) {
    if (!rule.requiresConsent || (rule.sops !== '*' && !rule.sops.includes(sop.id))) continue;
    for (const [slot, spec] of Object.entries(sop.participants)) {
      if (rule.agencyKinds !== '*' && !rule.agencyKinds.includes(spec.kind)) continue;
      if (rule.slots !== undefined && !rule.slots.includes(slot)) continue;
      if (!(slot in participants)) continue;
      const set = out.get(participants[slot]) ?? new Set<string>();
      for (const c of rule.compartments) for (const s of ACCESS_POLICY.consentScopes[c]) set.add(s);
      out.set(participants[slot], set);
    }
  }
  return [...out].map(([agencyId, scope]) => ({ agencyId, scope: [...scope].sort() }));
}

/** Runs the calls in parallel batches: fast, without flooding a 2-core machine. */
async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

type Phase = 'no-consent' | 'consented' | 'withdrawn';

/**
 * An origin-country agency (a slot declaring `hiddenUntilConsent`) does not know the case, as if it took no part,
 * until an active consent names it; the matrix's cases never open a task for it.
 */
const HIDDEN = hiddenSlotKeys(SOPS);
function hiddenAt(c: Caller, phase: Phase): boolean {
  const slots = Object.entries(c.participants).filter(([, a]) => a === c.agencyId);
  if (slots.length === 0 || !slots.every(([slot]) => HIDDEN.includes(`${c.sop.id}:${slot}`))) return false;
  return phase !== 'consented' || !consentTargets(c.sop).some((t) => t.agencyId === c.agencyId);
}

// One API and worker for the file: the matrix and the checks of real case data share them.
const stack = new AppStack('policy-matrix');
beforeAll(() => stack.start());
afterAll(() => stack.stop());

describe('policy matrix', () => {
  const caseIds = new Map<string, string>();
  const writes = new Map<string, HttpResult>();
  const reads = new Map<string, HttpResult>();
  /** Every other way data leaves, per caller and phase: the case list, the notifications. */
  const lists = new Map<string, HttpResult>();
  const notices = new Map<string, HttpResult>();
  const consentsBy = new Map<string, ConsentFact[]>();
  const started = Date.now();

  const readKey = (phase: Phase, c: Caller) => `${phase} ${c.sop.id} ${c.agencyId} ${c.role}`;
  // The case is started, and consents recorded, by an agency that writes the intake (the destination NGO of a return).
  const starterOf = (sop: SopDefinition) =>
    CALLERS.find((c) => c.sop === sop && c.inCase && may(c, 'intake', 'write'))!;

  async function readAll(phase: Phase, callers: readonly Caller[]): Promise<void> {
    await inBatches(callers, 8, async (c) => {
      reads.set(readKey(phase, c), await stack.http('GET', `/cases/${caseIds.get(c.sop.id)}`, { token: c.token }));
      lists.set(readKey(phase, c), await stack.http('GET', `/cases?sop=${c.sop.id}&limit=200`, { token: c.token }));
      notices.set(readKey(phase, c), await stack.http('GET', '/notifications?limit=200', { token: c.token }));
    });
  }

  beforeAll(async () => {
    for (const c of CALLERS) c.token = await stack.token(c.agencyId, [c.role], `${c.agencyId}-${c.role}`);
    for (const sop of SOPS) {
      expect([sop.id, sop.id in INTAKES]).toEqual([sop.id, true]);
      const res = await stack.http('POST', '/cases', {
        token: starterOf(sop).token,
        body: { sop: sop.id, input: INTAKES[sop.id] },
      });
      expect([sop.id, res.status]).toEqual([sop.id, 201]);
      caseIds.set(sop.id, res.body.caseId);
    }
    await inBatches(ROWS, 8, async ([name, c, comp]) => {
      const res = await stack.http('POST', `/cases/${caseIds.get(c.sop.id)}/notes`, {
        token: c.token,
        body: { compartment: comp, text: noteText(c, comp) },
      });
      writes.set(name, res);
    });
    await readAll('no-consent', CALLERS);

    for (const sop of CONSENT_SOPS) {
      const caseId = caseIds.get(sop.id)!;
      const recorder = starterOf(sop);
      const recorded: { id: string; fact: ConsentFact }[] = [];
      for (const t of consentTargets(sop)) {
        const body = {
          purpose: 'sharing',
          sharedWithAgency: t.agencyId,
          scope: t.scope,
          form: 'written',
          givenBy: 'person',
        };
        const res = await stack.http('POST', `/cases/${caseId}/consents`, { token: recorder.token, body });
        expect(res.status).toBe(201);
        recorded.push({
          id: res.body.consentId,
          fact: { purpose: 'sharing', sharedWithAgency: t.agencyId, scope: t.scope, withdrawn: false },
        });
      }
      consentsBy.set(
        `consented ${sop.id}`,
        recorded.map((r) => r.fact),
      );
      await readAll(
        'consented',
        CALLERS.filter((c) => c.sop === sop),
      );
      for (const r of recorded) {
        const res = await stack.http('POST', `/cases/${caseId}/consents/${r.id}/withdraw`, {
          token: recorder.token,
          body: { reason: 'matrix' },
        });
        expect(res.status).toBe(200);
      }
      consentsBy.set(
        `withdrawn ${sop.id}`,
        recorded.map((r) => ({ ...r.fact, withdrawn: true })),
      );
      await readAll(
        'withdrawn',
        CALLERS.filter((c) => c.sop === sop),
      );
    }
  });
  afterAll(async () => {
    // The matrix size and run time, for the record.
    process.stdout.write(
      `policy matrix: ${ROWS.length} rows (${CALLERS.length} callers x ${COMPARTMENT_IDS.length} compartments), ` +
        `${reads.size} case reads, ${lists.size} lists, ${notices.size} notification reads, ` +
        `${Math.round((Date.now() - started) / 1000)} s\n`,
    );
  });

  it.each(ROWS)('write %s', (name, c, comp) => {
    const res = writes.get(name)!;
    if (!c.inCase || hiddenAt(c, 'no-consent')) {
      expect([name, res.status, res.body.error]).toEqual([name, 404, 'not_found']);
    } else if (may(c, comp, 'write')) {
      expect([name, res.status]).toEqual([name, 201]);
      expect(res.body).toMatchObject({ compartment: comp });
    } else {
      expect([name, res.status]).toEqual([name, 403]);
      expect(res.body.error).toBe('forbidden');
      expect(res.body.message).toContain(`the ${comp} compartment`);
    }
  });

  /** The notes a reader should find in a compartment: those of every caller of the SOP allowed to write it. */
  const expectedNotes = (sop: SopDefinition, comp: CompartmentId) =>
    CALLERS.filter((w) => w.sop === sop && w.inCase && !hiddenAt(w, 'no-consent') && may(w, comp, 'write'))
      .map((w) => noteText(w, comp))
      .sort();
  /**
   * Of those, the notes whose text the reader sees: a note is free text about the person, so in `protection` it is
   * the person's story, read by another agency than the writer only under a consent naming it for the story
   * (data-categories.contract.ts); the others come back listed as withheld.
   */
  const visibleNotes = (c: Caller, comp: CompartmentId, consents: readonly ConsentFact[]) => {
    const kinds = Object.entries(c.participants)
      .filter(([, a]) => a === c.agencyId)
      .map(([slot]) => c.sop.participants[slot].kind);
    const lead = c.sop.lead !== undefined && c.participants[c.sop.lead.slot] === c.agencyId;
    const category = fieldCategory(undefined, 'text', comp);
    return CALLERS.filter((w) => w.sop === c.sop && w.inCase && !hiddenAt(w, 'no-consent') && may(w, comp, 'write'))
      .filter((w) => !categoryWithheld(category, { agencyId: c.agencyId, kinds, lead }, w.agencyId, consents))
      .map((w) => noteText(w, comp))
      .sort();
  };

  const readRows = (phase: Phase) =>
    ROWS.filter(([, c]) => phase === 'no-consent' || CONSENT_SOPS.includes(c.sop)).map(
      ([name, c, comp]) => [`${phase} | ${name}`, c, comp] as const,
    );

  describe.each(['no-consent', 'consented', 'withdrawn'] as const)('read (%s)', (phase) => {
    it.each(readRows(phase))('%s', (name, c, comp) => {
      const res = reads.get(readKey(phase, c))!;
      if (!c.inCase || hiddenAt(c, phase)) {
        expect([name, res.status, JSON.stringify(res.body).includes(noteText(c, comp))]).toEqual([name, 404, false]);
        return;
      }
      expect([name, res.status]).toEqual([name, 200]);
      const consents = consentsBy.get(`${phase} ${c.sop.id}`) ?? [];
      if (may(c, comp, 'read', consents)) {
        expect([name, comp in res.body.compartments]).toEqual([name, true]);
        expect(res.body.redacted).not.toContain(`compartment:${comp}`);
        const records = (res.body.compartments[comp] as { source: string; data: { text?: string } }[]).filter(
          (r) => r.source === 'note',
        );
        const notes = records.flatMap((r) => (r.data.text === undefined ? [] : [r.data.text])).sort();
        const visible = visibleNotes(c, comp, consents);
        expect([name, notes]).toEqual([name, visible]);
        // Every other allowed note is there, its text withheld with the reason, and appears nowhere in the answer.
        expect([name, records.length]).toEqual([name, expectedNotes(c.sop, comp).length]);
        for (const text of expectedNotes(c.sop, comp).filter((t) => !visible.includes(t)))
          expect([name, JSON.stringify(res.body).includes(text)]).toEqual([name, false]);
      } else {
        expect([name, comp in res.body.compartments]).toEqual([name, false]);
        expect(res.body.redacted).toContain(`compartment:${comp}`);
        // Nothing written to the compartment appears anywhere else in the answer.
        for (const text of expectedNotes(c.sop, comp)) expect(JSON.stringify(res.body)).not.toContain(text);
      }
    });
  });

  /**
   * The other exits, for every caller in every phase: a case an agency may not know is never in its list, never the
   * subject of a notice to it (nor so of a webhook, which carries the notice), and no note text leaves through a
   * list or a notice. A list is paged and shared with the run's other files, so only absence is asserted.
   */
  describe.each(['no-consent', 'consented', 'withdrawn'] as const)('exits (%s)', (phase) => {
    const callers = CALLERS.filter((c) => phase === 'no-consent' || CONSENT_SOPS.includes(c.sop)).map(
      (c) => [`${phase} | ${c.sop.id} | ${c.slots.join('+')} (${c.agencyId}) | ${c.role}`, c] as const,
    );
    it.each(callers)('%s', (name, c) => {
      const caseId = caseIds.get(c.sop.id)!;
      const list = lists.get(readKey(phase, c))!;
      const notes = notices.get(readKey(phase, c))!;
      expect([name, list.status, notes.status]).toEqual([name, 200, 200]);
      const listed = (list.body.items as { caseId: string }[]).some((i) => i.caseId === caseId);
      if (!c.inCase || hiddenAt(c, phase)) {
        expect([name, 'listed', listed]).toEqual([name, 'listed', false]);
        const about = (notes.body.items as { caseId: string }[]).filter((n) => n.caseId === caseId);
        expect([name, 'notices', about]).toEqual([name, 'notices', []]);
      }
      const leaving = JSON.stringify(list.body) + JSON.stringify(notes.body);
      for (const comp of COMPARTMENT_IDS)
        for (const w of CALLERS.filter((x) => x.sop === c.sop))
          expect([name, leaving.includes(noteText(w, comp))]).toEqual([name, false]);
    });
  });

  it('decodes Temporal payloads for operators only: no role of any SOP reads payloads through the codec', async () => {
    const roles = [...new Set(CALLERS.map((c) => `${c.agencyId} ${c.role}`))];
    const payload = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: '' }] };
    const answers = await inBatches(roles, 8, async (key) => {
      const caller = CALLERS.find((c) => `${c.agencyId} ${c.role}` === key)!;
      const res = await stack.http('POST', '/codec/decode', { token: caller.token, body: payload });
      return [key, res.status] as const;
    });
    expect(answers.filter(([, status]) => status !== 403)).toEqual([]);
    expect(answers.length).toBeGreaterThan(20);
  });

  it('exports timeliness without a case id or a note: a manager of every agency of the matrix', async () => {
    const agencies = [...new Set(CALLERS.map((c) => c.agencyId))];
    expect(agencies.length).toBeGreaterThan(10);
    await inBatches(agencies, 4, async (agencyId) => {
      const token = await stack.token(agencyId, ['manager'], `${agencyId}-matrix-manager`);
      const res = await stack.http('GET', '/timeliness/export?format=json', { token });
      expect([agencyId, res.status]).toEqual([agencyId, 200]);
      const body = JSON.stringify(res.body);
      for (const id of caseIds.values()) expect([agencyId, body.includes(id)]).toEqual([agencyId, false]);
      for (const w of CALLERS) for (const comp of COMPARTMENT_IDS) expect(body.includes(noteText(w, comp))).toBe(false);
    });
  });

  it('covers the separations the seed asks for', () => {
    const venice = CALLERS.filter((c) => c.sop.id === 'venice-inspection');
    const inspectors = venice.filter((c) =>
      ['labour-inspector', 'police-officer', 'cultural-mediator'].includes(c.role),
    );
    const protectors = venice.filter((c) =>
      ['coordinator', 'social-worker', 'protection-officer', 'shelter-worker'].includes(c.role),
    );
    expect(inspectors.length).toBeGreaterThanOrEqual(3);
    expect(protectors.length).toBeGreaterThanOrEqual(4);
    for (const c of inspectors)
      expect([c.role, 'protection' in reads.get(readKey('no-consent', c))!.body.compartments]).toEqual([c.role, false]);
    for (const c of protectors)
      expect([c.role, 'inspection' in reads.get(readKey('no-consent', c))!.body.compartments]).toEqual([c.role, false]);
    const police = CALLERS.filter((c) => c.sop.id === 'joint-operation' && c.slots.includes('police'));
    expect(police.length).toBeGreaterThanOrEqual(2);
    for (const c of police)
      expect([c.role, 'protection' in reads.get(readKey('no-consent', c))!.body.compartments]).toEqual([c.role, false]);
    // The return's partners read identity and the return only while consent allows.
    const consulate = CALLERS.find((c) => c.sop.id === 'assisted-return' && c.slots.includes('consulate'))!;
    // The consulate, an origin-country agency, does not know the case before a consent names it nor after its
    // withdrawal (404, as for a case it takes no part in).
    const seen = (phase: Phase) => Object.keys(reads.get(readKey(phase, consulate))!.body.compartments ?? {}).sort();
    expect(reads.get(readKey('no-consent', consulate))!.status).toBe(404);
    expect(seen('consented')).toEqual(['identity', 'intake', 'return']);
    expect(reads.get(readKey('withdrawn', consulate))!.status).toBe(404);
    // The child-protection authority takes part in child cases only: this adult's return is unknown to it.
    const childAuthority = CALLERS.filter((c) => c.sop.id === 'assisted-return' && c.slots.includes('child-authority'));
    expect(childAuthority.length).toBeGreaterThanOrEqual(1);
    for (const c of childAuthority)
      expect([c.role, c.inCase, reads.get(readKey('no-consent', c))!.status]).toEqual([c.role, false, 404]);
  });
});

describe('compartments of real case data', () => {
  let dest: string;
  let consulate: string;

  beforeAll(async () => {
    dest = await stack.token('mh-heilbronn', ['ngo-caseworker'], 'dest-1');
    consulate = await stack.token('ro-consulate-stuttgart', ['consular-officer'], 'consul-1');
  });

  it("puts a completed task's form values into the step's compartment, absent and redacted for a role without read", async () => {
    const started = await stack.http('POST', '/cases', {
      token: dest,
      body: { sop: 'assisted-return', input: INTAKES['assisted-return'] },
    });
    expect(started.status).toBe(201);
    const caseId: string = started.body.caseId;
    const task = await stack.waitForTask(dest, 'assess-return-options', caseId);
    const form = { option: 'return-to-origin', informedOfOptionsAndRights: true, culturalMediatorInvolved: true };
    const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, { token: dest, body: { form } });
    expect(done.status).toBeLessThan(300);

    const mine = await waitFor('the task values in the return compartment', async () => {
      const res = await stack.http('GET', `/cases/${caseId}`, { token: dest });
      return res.body.compartments?.return?.length > 0 ? res.body : undefined;
    });
    expect(mine.compartments.return).toEqual([
      {
        step: 'assess-return-options',
        subject: null,
        source: 'task',
        agencyId: 'mh-heilbronn',
        recordedAt: expect.any(String),
        data: form,
      },
    ]);
    // The intake is split by field: the nationality is identity, the rest intake.
    expect(mine.compartments.identity).toEqual([
      expect.objectContaining({ source: 'intake', data: { nationality: 'RO' } }),
    ]);
    expect(mine.compartments.intake[0].data).toEqual({
      isMinor: false,
      plannedReturnDate: '2031-01-15',
      returnCountry: 'RO',
    });

    // The consulate, an origin-country agency, does not know the case yet; a consent naming it for legal data only
    // lets it know the case, and read nothing but the intake.
    expect((await stack.http('GET', `/cases/${caseId}`, { token: consulate })).status).toBe(404);
    const legal = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: dest,
      body: {
        purpose: 'sharing',
        sharedWithAgency: 'ro-consulate-stuttgart',
        scope: ['legal'],
        form: 'verbal',
        givenBy: 'person',
      },
    });
    expect(legal.status).toBe(201);
    const theirs = await stack.http('GET', `/cases/${caseId}`, { token: consulate });
    expect(theirs.status).toBe(200);
    expect(Object.keys(theirs.body.compartments).sort()).toEqual(['intake']);
    expect(theirs.body.redacted).toEqual(
      expect.arrayContaining(['compartment:return', 'compartment:identity', 'compartment:protection']),
    );
    // The decision noted on the timeline loses its value too: no form value reaches the consulate.
    const body = JSON.stringify(theirs.body);
    expect(body).not.toContain('return-to-origin');
    expect(body).not.toContain('"nationality"');
    const decision = theirs.body.timeline.find(
      (e: { kind: string; step: string }) => e.kind === 'decision' && e.step === 'assess-return-options',
    );
    expect(decision?.detail).toEqual({ field: 'option', redacted: ['value'] });

    // An event's data goes to the event's compartment: the consulate writes identity it may not read back unasked.
    const data = {
      documentType: 'temporary-passport',
      validUntil: '2031-06-30',
      identityConfirmedBy: 'consular-interview',
    };
    const reported = await stack.http('POST', `/cases/${caseId}/events`, {
      token: consulate,
      body: { type: 'travel-document-issued', data },
    });
    expect(reported.status).toBe(202);
    const withEvent = await waitFor('the event data in the identity compartment', async () => {
      const res = await stack.http('GET', `/cases/${caseId}`, { token: dest });
      return res.body.compartments.identity.find((r: { source: string }) => r.source === 'event');
    });
    expect(withEvent).toMatchObject({ source: 'event', agencyId: 'ro-consulate-stuttgart', data });
    const consul = await stack.http('GET', `/cases/${caseId}`, { token: consulate });
    expect(JSON.stringify(consul.body)).not.toContain('consular-interview');
  });

  it('validates notes, honours Idempotency-Key and serves the policy with the caller’s own view', async () => {
    const started = await stack.http('POST', '/cases', {
      token: dest,
      body: { sop: 'assisted-return', input: INTAKES['assisted-return'] },
    });
    const caseId: string = started.body.caseId;
    const bad = await stack.http('POST', `/cases/${caseId}/notes`, {
      token: dest,
      body: { compartment: 'gossip', text: ' ', subject: 'Jane Doe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['compartment', 'subject', 'text']);
    expect(JSON.stringify(bad.body)).not.toContain('Jane');

    const headers = { 'Idempotency-Key': 'note-1' };
    const body = { compartment: 'protection', text: 'Interpreter booked for the next meeting.', subject: 'P1' };
    const first = await stack.http('POST', `/cases/${caseId}/notes`, { token: dest, body, headers });
    const again = await stack.http('POST', `/cases/${caseId}/notes`, { token: dest, body, headers });
    expect(first.status).toBe(201);
    expect(again.body.noteId).toBe(first.body.noteId);
    const kase = await stack.http('GET', `/cases/${caseId}`, { token: dest });
    expect(kase.body.compartments.protection).toEqual([
      expect.objectContaining({ source: 'note', subject: 'P1', data: { text: body.text } }),
    ]);

    const policy = await stack.http('GET', '/policy?sop=assisted-return', { token: consulate });
    expect(policy.status).toBe(200);
    expect(policy.body.compartments.map((c: { id: string }) => c.id)).toEqual([...COMPARTMENT_IDS]);
    expect(policy.body.rules.length).toBe(ACCESS_POLICY.rules.length);
    expect(policy.body.view.slots).toEqual(['consulate']);
    expect(policy.body.view.compartments.identity.read).toMatchObject({ allowed: false, needsConsent: true });
    expect(policy.body.view.compartments.identity.write.allowed).toBe(true);
    const unknown = await stack.http('GET', '/policy?sop=nope', { token: consulate });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].field).toBe('sop');
  });
});
