import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hiddenSlotKeys, type FieldSpec, type FormSpec } from '@waymark/contracts';
import { SOPS } from '@waymark/workflows/sops';
import { waitFor } from '../../libs/devstack/src/ports';
import { CANARY, CANARY_MARK, canaryIntake } from '../support/canary';
import { ARTIFACTS, AppStack } from '../support/stack';

/** A value of the wrong shape for the field, carrying the canary: the error must name the field, never the value. */
function invalidWithCanary(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'text':
    case 'string':
      return `${CANARY} `.repeat(Math.ceil(((spec.maxLength ?? 500) + 1) / (CANARY.length + 1)) + 1);
    case 'string-list':
      return [`${CANARY} `.repeat(Math.ceil(((spec.maxLength ?? 500) + 1) / (CANARY.length + 1)) + 1)];
    default:
      // enum, boolean, integer, date: a name is never a valid value.
      return CANARY;
  }
}

function invalidForm(form: FormSpec): Record<string, unknown> {
  return Object.fromEntries(Object.entries(form.fields).map(([name, spec]) => [name, invalidWithCanary(spec)]));
}

/**
 * Nothing about a person leaks into logs, ids or error messages: a name is put into every free-text field, into
 * invalid values and a cancellation reason; afterwards neither the API's and worker's logs nor any error body
 * contain it.
 */
describe('no personal data in logs or errors', () => {
  const stack = new AppStack('canary');
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('keeps a canary name out of every log line and error body', async () => {
    const a = await stack.token('demo-a', ['caseworker'], 'alice');
    const errors: string[] = [];
    const expectError = async (res: { status: number; body: unknown }) => {
      expect(res.status).toBeGreaterThanOrEqual(400);
      errors.push(JSON.stringify(res.body));
    };

    await expectError(
      await stack.http('POST', '/cases', { token: a, body: { sop: 'demo-handoff', input: { channel: CANARY } } }),
    );
    await expectError(await stack.http('POST', '/cases', { token: a, body: { sop: CANARY, input: {} } }));
    await expectError(await stack.http('GET', `/cases/${encodeURIComponent(CANARY)}`, { token: a }));
    await expectError(await stack.http('GET', `/tasks?caseId=${encodeURIComponent(CANARY)}`, { token: a }));

    const started = await stack.http('POST', '/cases', {
      token: a,
      body: { sop: 'demo-handoff', input: { channel: 'phone' } },
    });
    const caseId = started.body.caseId;
    const task = await stack.waitForTask(a, 'review-intake', caseId);
    await expectError(
      await stack.http('POST', `/tasks/${task.taskId}/complete`, { token: a, body: { form: { ready: CANARY } } }),
    );
    await expectError(
      await stack.http('POST', `/tasks/${task.taskId}/complete`, {
        token: a,
        body: { form: { ready: true, note: CANARY.repeat(100) } },
      }),
    );
    const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: a,
      body: { form: { ready: true, note: `Met ${CANARY}` } },
    });
    expect(done.status).toBe(200);
    await expectError(
      await stack.http('POST', `/cases/${caseId}/events`, {
        token: a,
        body: { type: 'arrival-confirmed', data: { who: CANARY } },
      }),
    );
    // Only the lead agency's coordinator cancels (ACCESS_POLICY.caseActions): a supervisor of demo-a.
    const lead = await stack.token('demo-a', ['supervisor'], 'sara');
    const cancelled = await stack.http('POST', `/cases/${caseId}/cancel`, {
      token: lead,
      body: { reason: `${CANARY} asked to stop` },
    });
    expect(cancelled.status).toBe(202);
    await stack.waitForCaseStatus(a, caseId, 'cancelled');

    expect(errors.length).toBeGreaterThanOrEqual(7);
    for (const body of errors) expect(body).not.toContain(CANARY_MARK);
    await stack.stop();
    const logs = readFileSync(join(ARTIFACTS, 'canary.log'), 'utf8');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain(CANARY_MARK);
  });
});

/**
 * Generated from the SOP declarations: every field of every SOP's intake, of the steps that open first and of every
 * event gets a value carrying the canary that the API must refuse; each error names the field and never the value.
 * The accepted values along the SOP walks carry the canary too (test/support/canary.ts), and the e2e teardown scans
 * every log of the run for it.
 */
describe.each(SOPS.map((sop) => [sop.id, sop] as const))('no personal data in error bodies: %s', (sopId, sop) => {
  const stack = new AppStack(`canary-${sopId}`);
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const tokenFor = (slot: string, role: string) =>
    stack.token(sop.participants[slot].defaultAgency!, [role], `${slot}-${role}`);
  const firstStep = sop.steps[0];

  it('refuses every intake field, first-step field and event field with the canary, naming the field only', async () => {
    const starter = await tokenFor(firstStep.actor.slot, firstStep.actor.roles[0]);
    const bodies: string[] = [];
    const expectRefused = (res: { status: number; body: any }, prefix: string, fields: string[]) => {
      expect({ prefix, status: res.status }).toEqual({ prefix, status: 400 });
      const named = (res.body.fields as { field: string }[]).map((f) => f.field);
      for (const f of fields) expect(named).toContain(`${prefix}.${f}`);
      bodies.push(JSON.stringify(res.body));
    };

    const intake = await stack.http('POST', '/cases', {
      token: starter,
      body: { sop: sopId, input: invalidForm(sop.intake) },
    });
    expectRefused(intake, 'input', Object.keys(sop.intake.fields));

    const started = await stack.http('POST', '/cases', {
      token: starter,
      body: { sop: sopId, input: canaryIntake(sopId, validIntake(sop.intake)) },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;

    const task = await waitFor(
      `a ${firstStep.id} task`,
      async () =>
        (await stack.http('GET', `/tasks?caseId=${caseId}&step=${firstStep.id}`, { token: starter })).body.items[0],
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const step = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: starter,
      body: { form: invalidForm(firstStep.form) },
    });
    expectRefused(step, 'form', Object.keys(firstStep.form.fields));

    const hidden = hiddenSlotKeys([sop]);
    for (const event of sop.events ?? []) {
      if (Object.keys(event.form.fields).length === 0) continue;
      // An origin-country agency learns of the case only under a consent naming it: record one for it first.
      const reporter = event.reporters[0];
      if (hidden.includes(`${sop.id}:${reporter.slot}`)) {
        const consent = await stack.http('POST', `/cases/${caseId}/consents`, {
          token: starter,
          body: {
            purpose: 'sharing',
            sharedWithAgency: sop.participants[reporter.slot].defaultAgency,
            scope: ['legal'],
            form: 'verbal',
            givenBy: 'person',
          },
        });
        expect(consent.status).toBe(201);
      }
      const token = await tokenFor(reporter.slot, reporter.roles[0]);
      const res = await stack.http('POST', `/cases/${caseId}/events`, {
        token,
        body: { type: event.type, data: invalidForm(event.form) },
      });
      expectRefused(res, 'data', Object.keys(event.form.fields));
    }

    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of bodies) expect(body).not.toContain(CANARY_MARK);
  });
});

/** The least valid intake: required fields only, with a plausible value of each type. */
function validIntake(form: FormSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(form.fields)) {
    if (!spec.required) continue;
    switch (spec.type) {
      case 'enum':
        out[name] = spec.options![0];
        break;
      case 'boolean':
        out[name] = false;
        break;
      case 'integer':
        out[name] = spec.min ?? 0;
        break;
      case 'date':
        out[name] = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        break;
      case 'string-list':
        out[name] = [];
        break;
      default:
        // A code the field's pattern takes (worker, person or child code, or a reference code).
        out[name] = spec.pattern
          ? (['W1', 'P1', 'C1', 'REF-1'].find((v) => new RegExp(spec.pattern!).test(v)) ?? 'W1')
          : 'IT';
    }
  }
  return out;
}
