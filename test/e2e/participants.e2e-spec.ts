import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/**
 * An agency joins a running case (POST /cases/:id/participants) through the real API, worker, Temporal and
 * PostgreSQL: after a joint operation found a person, the police put another NGO in the NGO slot. The person
 * branch's open task moves to it, later tasks open for it, and the NGO replaced loses access at once.
 */
const stack = new AppStack('participants');
const POLICE = 'mossos-thb-unit';
const OLD_NGO = 'sicar-cat';
const NEW_NGO = `joining-ngo-${process.pid}`;
const POLICE_KIND = `other-police-${process.pid}`;
const day = (days: number) => new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);
const tokens = {} as Record<'pc' | 'po' | 'nc' | 'np' | 'newNc' | 'newNp', string>;

interface TaskItem {
  taskId: string;
  step: string;
  subject: string | null;
  agencyId: string;
}

beforeAll(async () => {
  await stack.start();
  await stack.registerAgency(NEW_NGO, 'ngo');
  await stack.registerAgency(POLICE_KIND, 'police');
  tokens.pc = await stack.token(POLICE, ['police-coordinator'], 'pt-pc');
  tokens.po = await stack.token(POLICE, ['police-officer'], 'pt-po');
  tokens.nc = await stack.token(OLD_NGO, ['ngo-coordinator'], 'pt-nc');
  tokens.np = await stack.token(OLD_NGO, ['ngo-professional'], 'pt-np');
  tokens.newNc = await stack.token(NEW_NGO, ['ngo-coordinator'], 'pt-new-nc');
  tokens.newNp = await stack.token(NEW_NGO, ['ngo-professional'], 'pt-new-np');
});
afterAll(() => stack.stop());

const inbox = async (token: string, caseId: string): Promise<TaskItem[]> =>
  (await stack.http('GET', `/tasks?caseId=${caseId}`, { token })).body.items;

const task = (token: string, caseId: string, step: string, subject: string | null = null) =>
  waitFor(
    `${step}${subject ? ` for ${subject}` : ''}`,
    async () => (await inbox(token, caseId)).find((t) => t.step === step && t.subject === subject),
    { timeoutMs: 30_000, intervalMs: 100 },
  );

async function completeOk(token: string, t: TaskItem, form: Record<string, unknown>) {
  const res = await stack.http('POST', `/tasks/${t.taskId}/complete`, { token, body: { form } });
  expect({ step: t.step, status: res.status }).toEqual({ step: t.step, status: 200 });
}

const change = (token: string, caseId: string, body: Record<string, unknown>, key?: string) =>
  stack.http('POST', `/cases/${caseId}/participants`, {
    token,
    body: { reason: 'The person asked for the NGO of the town they moved to.', ...body },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

it('moves the slot to the NGO that joins: open and later tasks go to it, the NGO replaced loses access', async () => {
  const start = await stack.http('POST', '/cases', {
    token: tokens.pc,
    body: {
      sop: 'joint-operation',
      input: { operationCode: 'OP-JOIN-1', exploitationType: 'labour', plannedDate: day(3) },
    },
  });
  expect(start.status).toBe(201);
  const caseId: string = start.body.caseId;
  await completeOk(tokens.nc, await task(tokens.nc, caseId, 'accept-request'), {
    decision: 'accepted',
    contactPointCode: 'SC-07',
  });
  await completeOk(tokens.pc, await task(tokens.pc, caseId, 'plan-operation'), {
    deploymentDate: day(3),
    officersDeployed: 4,
    sitesCount: 1,
    expectedPersons: 1,
    communicationChannelAgreed: true,
  });
  await completeOk(tokens.nc, await task(tokens.nc, caseId, 'plan-logistics'), {
    accommodationPlaces: 1,
    interpretersBooked: 1,
    referralRoutes: ['shelter'],
    ngoProfessionalsOnSite: 1,
  });
  await completeOk(tokens.po, await task(tokens.po, caseId, 'deploy-operation'), {
    deployedOn: day(3),
    personsIdentified: 1,
    ngoPresent: true,
  });
  const rights = await task(tokens.np, caseId, 'rights-information', 'P1');
  expect(rights.agencyId).toBe(OLD_NGO);

  // Only the lead's coordinator; only a changeable slot; only a registered agency of the slot's kind.
  expect((await change(tokens.nc, caseId, { slot: 'ngo', agencyId: NEW_NGO })).status).toBe(403);
  const lead = await change(tokens.pc, caseId, { slot: 'police', agencyId: POLICE_KIND });
  expect({ status: lead.status, fields: lead.body.fields }).toEqual({
    status: 400,
    fields: [{ field: 'slot', reason: "is the lead agency's slot, which runs the case and does not change" }],
  });
  const unknown = await change(tokens.pc, caseId, { slot: 'ngo', agencyId: 'nobody-here' });
  expect(unknown.body.fields).toEqual([
    { field: 'agencyId', reason: 'is not an agency of this deployment (see GET /agencies)' },
  ]);
  const wrongKind = await change(tokens.pc, caseId, { slot: 'ngo', agencyId: POLICE_KIND });
  expect(wrongKind.body.fields).toEqual([
    { field: 'agencyId', reason: 'must be a ngo agency (the Specialised NGO); this agency is a police' },
  ]);
  const blank = await change(tokens.pc, caseId, { slot: 'ngo', agencyId: NEW_NGO, reason: ' ' });
  expect(blank.status).toBe(400);
  expect(blank.body.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);

  const key = `join-${process.pid}`;
  const done = await change(tokens.pc, caseId, { slot: 'ngo', agencyId: NEW_NGO }, key);
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ caseId, slot: 'ngo', from: OLD_NGO, to: NEW_NGO, movedTasks: 1 });
  // A repeat with the same key replays the answer and changes nothing twice.
  const again = await change(tokens.pc, caseId, { slot: 'ngo', agencyId: NEW_NGO }, key);
  expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: done.body });

  // The NGO replaced: no task, no case, no completion.
  expect(await inbox(tokens.np, caseId)).toEqual([]);
  expect((await stack.http('GET', `/cases/${caseId}`, { token: tokens.nc })).status).toBe(404);
  const stale = await stack.http('POST', `/tasks/${rights.taskId}/complete`, {
    token: tokens.np,
    body: { form: {} },
  });
  expect(stale.status).toBe(404);

  // The NGO that joined holds the person's open task and the next one the branch opens.
  const moved = await task(tokens.newNp, caseId, 'rights-information', 'P1');
  expect(moved.taskId).toBe(rights.taskId);
  await completeOk(tokens.newNp, moved, {
    informedAt: day(3),
    language: 'ro',
    interpreterUsed: true,
    topicsCovered: ['rights'],
    understood: true,
  });
  const decision = await task(tokens.newNp, caseId, 'assistance-decision', 'P1');
  expect(decision.agencyId).toBe(NEW_NGO);

  const view = await stack.http('GET', `/cases/${caseId}`, { token: tokens.pc });
  expect(view.body.participants.ngo).toBe(NEW_NGO);
  expect(view.body.participantHistory).toEqual([
    { at: expect.any(String), slot: 'ngo', from: OLD_NGO, to: NEW_NGO, withdrawn: false, byAgency: POLICE },
  ]);
  expect(view.body.allowedActions).toContain('case:change-participants');
  expect(view.body.timeline.filter((e: { kind: string }) => e.kind === 'participant-changed')).toHaveLength(1);

  const joined = await stack.http('GET', '/notifications', { token: tokens.newNc });
  expect(joined.body.items.map((n: { kind: string }) => n.kind)).toContain('participant-joined');
  const left = await stack.http('GET', '/notifications', { token: tokens.nc });
  expect(left.body.items.map((n: { kind: string }) => n.kind)).toContain('participant-left');
});
