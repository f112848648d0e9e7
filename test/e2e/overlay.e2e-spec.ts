import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/**
 * A deployment's jurisdiction overlay (SOP_OVERLAY_FILE) through the real API, worker, Temporal and PostgreSQL: the
 * SOPs are served and validated as overlaid, a new case records the overlay's name and digest, and the workflow runs
 * the case on the overlaid step title and target (the task row it writes carries both).
 */
const dir = mkdtempSync(join(tmpdir(), 'waymark-overlay-'));
const file = join(dir, 'overlay.json');
writeFileSync(
  file,
  JSON.stringify({
    name: 'e2e-veneto-2026',
    sops: {
      'demo-handoff': {
        escalationEvery: 'PT6H',
        steps: { 'review-intake': { title: 'Rivedere la segnalazione', target: 'PT3H' } },
        labels: { 'intake.channel': 'Canale' },
      },
      'venice-inspection': {
        options: { 'joint-planning-police.force': ['polizia-locale-venezia', 'guardia-di-finanza'] },
      },
    },
  }),
);
const stack = new AppStack('overlay', { SOP_OVERLAY_FILE: file });
const tokens: Record<string, string> = {};

beforeAll(async () => {
  await stack.start();
  tokens.a = await stack.token('demo-a', ['caseworker'], 'ov-a');
  tokens.coordinator = await stack.token('venice-cau', ['coordinator'], 'ov-coord');
  tokens.officer = await stack.token('venice-police', ['police-officer'], 'ov-officer');
});
afterAll(() => stack.stop());

it('serves the SOPs as overlaid and names the overlay', async () => {
  const list = await stack.http('GET', '/sops', { token: tokens.a });
  expect(list.body.overlay).toEqual({ name: 'e2e-veneto-2026', digest: expect.stringMatching(/^[0-9a-f]{16}$/) });
  const demo = await stack.http('GET', '/sops/demo-handoff', { token: tokens.a });
  expect(demo.body.steps.find((s: { id: string }) => s.id === 'review-intake')).toMatchObject({
    title: 'Rivedere la segnalazione',
    target: 'PT3H',
  });
  expect(demo.body.intake.properties.channel.title).toBe('Canale');
});

it('starts a case under the overlay: recorded on the case, applied by the workflow', async () => {
  const start = await stack.http('POST', '/cases', {
    token: tokens.a,
    body: { sop: 'demo-handoff', input: { channel: 'phone' } },
  });
  expect(start.status).toBe(201);
  expect(start.body.overlay).toMatchObject({ name: 'e2e-veneto-2026' });
  const kase = await stack.http('GET', `/cases/${start.body.caseId}`, { token: tokens.a });
  expect(kase.body.overlay).toEqual(start.body.overlay);
  const task = await waitFor('the overlaid review task', async () => {
    const res = await stack.http('GET', `/tasks?caseId=${start.body.caseId}`, { token: tokens.a });
    return res.body.items[0];
  });
  // Title and target come from the workflow's own copy of the overlay (the case's start input).
  expect(task).toMatchObject({ step: 'review-intake', title: 'Rivedere la segnalazione' });
  expect(Date.parse(task.dueAt) - Date.parse(task.openedAt)).toBe(3 * 3600_000);
});

it("validates forms against the deployment's own option lists", async () => {
  const start = await stack.http('POST', '/cases', {
    token: tokens.coordinator,
    body: {
      sop: 'venice-inspection',
      input: {
        triggerType: 'hotline-call',
        premisesType: 'manufacturing-company',
        suspectedExploitation: 'labour',
        municipality: 'Venezia',
      },
    },
  });
  expect(start.status).toBe(201);
  const task = await waitFor('the police planning task', async () => {
    const res = await stack.http('GET', `/tasks?caseId=${start.body.caseId}&step=joint-planning-police`, {
      token: tokens.officer,
    });
    return res.body.items[0];
  });
  const form = { decision: 'confirmed', officersAssigned: 2 };
  const refused = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
    token: tokens.officer,
    body: { form: { ...form, force: 'carabinieri' } },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.fields).toEqual([
    { field: 'form.force', reason: 'must be one of: polizia-locale-venezia, guardia-di-finanza' },
  ]);
  const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
    token: tokens.officer,
    body: { form: { ...form, force: 'guardia-di-finanza' } },
  });
  expect(done.status).toBe(200);
});
