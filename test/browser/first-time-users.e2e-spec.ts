import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../libs/devstack/src/ports';
import { BrowserActors, SHOTS } from '../support/browser';
import { AppStack } from '../support/stack';

/**
 * First-time users in Debian's Chromium, each doing only what a person would: clicks and typing into forms, never
 * an address typed or an id copied. A caseworker of the referring agency starts a demo hand-off, opens the task
 * from its inbox row, completes it and reads the confirmation; a caseworker of the receiving agency, on a 390 px
 * phone, sees the next task arrive without pressing Refresh and closes the case; the first caseworker's case view
 * follows by itself. A manager lands on the dashboard and finds an overdue task from its "Overdue now" list.
 * Screenshots (test-artifacts/browser/first-*.png) are the ones docs/screenshots/ keeps.
 */
const REVIEW = 'Review the intake and hand over';
const OUTCOME = 'Record the outcome';
const PHONE = { width: 390, height: 844 };

describe('first-time users in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-first-'));
  const timelinessFile = join(dir, 'timeliness.json');
  // The referring agency's review is due one second after it opens: the manager has something overdue to find.
  writeFileSync(
    timelinessFile,
    JSON.stringify({ targets: [{ sop: 'demo-handoff', step: 'review-intake', agency: 'demo-a', target: 'PT1S' }] }),
  );
  const stack = new AppStack('browser-first', { TIMELINESS_FILE: timelinessFile });
  const actors = new BrowserActors(stack);

  beforeAll(async () => {
    await stack.start();
    await actors.start();
  });
  afterAll(async () => {
    await actors.stop();
    await stack.stop();
  });
  afterEach(() => {
    // Every address was reached by a click: the app's own pages, ids only.
    for (const url of actors.visited)
      expect(new URL(url).pathname).toMatch(
        /^\/(app\/(cases(\/[0-9a-f-]{36}(\/tasks\/[0-9a-f-]{36})?)?|dashboard|start|notifications)?)?$/,
      );
  });

  /** Problems a person would meet: a page wider than the screen, and axe's serious or critical findings. */
  const problems = async (page: Page, where: string): Promise<string[]> => {
    const [scroll, width] = await page.evaluate(() => {
      const doc = (globalThis as any).document.documentElement;
      return [doc.scrollWidth as number, (globalThis as any).innerWidth as number];
    });
    const found = scroll > width ? [`${where}: ${scroll}px wide in ${width}px`] : [];
    for (const p of await actors.accessibilityProblems(page)) found.push(`${where} | ${p}`);
    return found;
  };

  /** The inbox row of `step` in the case whose reference (the first block of its id) the person read on screen. */
  it('lets a supervisor see who holds a task and hand it to a colleague, who is told', async () => {
    const referring = await stack.token('demo-a', ['caseworker'], 'cw-handover');
    const anna = await stack.token('demo-b', ['caseworker'], 'anna-handover');
    const bruno = await stack.token('demo-b', ['caseworker'], 'bruno-handover');
    const started = await stack.http('POST', '/cases', {
      token: referring,
      body: { sop: 'demo-handoff', input: { channel: 'phone' } },
    });
    expect(started.status).toBe(201);
    const caseId: string = started.body.caseId;
    const ref = caseId.slice(0, 8);
    const review = await stack.waitForTask(referring, 'review-intake', caseId);
    const sent = await stack.http('POST', `/tasks/${review.taskId}/complete`, {
      token: referring,
      body: { form: { ready: true } },
    });
    expect(sent.status).toBe(200);
    const outcome = await stack.waitForTask(anna, 'record-outcome', caseId);
    expect((await stack.http('POST', `/tasks/${outcome.taskId}/claim`, { token: anna })).status).toBe(200);
    // Bruno has used Waymark before: the agency knows him and his role.
    expect((await stack.http('GET', '/tasks', { token: bruno })).status).toBe(200);

    const page = await actors.signIn('demo-b', 'supervisor');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('link', { name: `Open case ${ref}` }).click();
    await page.getByTestId('case-status').waitFor();
    await page.getByText('Who holds it, and hand it to a colleague (supervisors)').click();
    await page.getByTestId('handover-holder').filter({ hasText: 'Held by anna-handover.' }).waitFor();
    await page.getByLabel('Colleague who takes it over').selectOption('bruno-handover');
    expect(await problems(page, 'case view with the hand-over form')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'supervisor-hand-over.png'), fullPage: true });
    await page.getByRole('button', { name: 'Hand it over' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The task is with your colleague now; they have been told.' })
      .waitFor();
    await page.locator('ol.timeline li', { hasText: 'Step handed to a colleague' }).first().waitFor();

    const task = await waitFor('Bruno to hold the task', async () => {
      const res = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: bruno });
      return res.body.items.find((x: { claimedBy: string }) => x.claimedBy === 'bruno-handover');
    });
    expect(task.taskId).toBe(outcome.taskId);
    const told = await stack.http('GET', '/notifications?unread=true', { token: bruno });
    expect(
      told.body.items.some(
        (n: { kind: string; caseId: string; detail: { assignee?: string } }) =>
          n.kind === 'task-assigned' && n.caseId === caseId && n.detail.assignee === 'bruno-handover',
      ),
    ).toBe(true);
  });

  const inboxRow = (page: Page, step: string, ref: string) =>
    page.locator(`tbody tr[data-step="${step}"]`, { hasText: ref });

  it('walks a demo hand-off from the inbox rows of two agencies, with confirmations and live pages', async () => {
    const found: string[] = [];
    const referring = await actors.signIn('demo-a', 'caseworker');
    const receiving = await actors.signIn('demo-b', 'caseworker', PHONE);
    // The receiving caseworker looks at the agency's cases meanwhile: the header will say when a task arrives.
    await receiving.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await receiving.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    // Who is signed in reads as words: the agency's name and the role's.
    expect(await referring.getByTestId('who').textContent()).toBe('Referring agency · Caseworker');

    // Start a case: the procedure, then the agency for each of its roles from the directory, then the intake.
    await referring.getByRole('navigation').getByRole('link', { name: 'Start a case' }).click();
    await referring.getByLabel('Procedure (SOP)').selectOption('demo-handoff');
    const receivingSlot = referring.getByLabel('Receiving agency', { exact: true });
    await receivingSlot.waitFor();
    expect(await receivingSlot.locator('option:checked').textContent()).toBe('Receiving agency');
    await referring.getByLabel(/^How the case came in/).selectOption('referral');
    await referring.getByRole('button', { name: 'Start the case' }).click();
    await referring
      .getByRole('status')
      .filter({ hasText: /^Case started\./ })
      .waitFor();
    const heading = (await referring.getByRole('heading', { level: 1 }).textContent())!;
    const ref = /^Case ([0-9a-f]{8})/.exec(heading)![1];
    await referring.screenshot({ path: join(SHOTS, 'first-1-case-started.png'), fullPage: true });

    // The inbox row opens the task: a click anywhere on it (here on its due date).
    await actors.openInbox(referring);
    const row = inboxRow(referring, 'review-intake', ref);
    await waitFor('the new task in the inbox, without Refresh', async () => (await row.count()) > 0, {
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    await referring.screenshot({ path: join(SHOTS, 'first-2-inbox.png'), fullPage: true });
    found.push(...(await problems(referring, 'inbox')));
    await row.locator('td').nth(4).click();
    await referring.getByRole('heading', { level: 1, name: REVIEW }).waitFor();
    // The form first; beside it the case: who is on it, the deadline, who holds the task.
    const context = referring.getByRole('complementary', { name: 'About this case' });
    await context.getByText('Receiving agency').first().waitFor();
    // Opening an unclaimed task claims it, so colleagues know someone is on it; the notice offers to undo that.
    await referring
      .getByRole('status')
      .filter({ hasText: 'You hold this task now, so colleagues know you are on it.' })
      .getByRole('button', { name: 'Undo' })
      .waitFor();
    await context
      .getByTestId('task-holder')
      .filter({ hasText: /^Claimed by you/ })
      .waitFor();
    found.push(...(await problems(referring, 'task page')));
    await referring.screenshot({ path: join(SHOTS, 'first-3-task.png'), fullPage: true });
    // Submitting empty names the missing answer before anything is sent.
    await referring.getByRole('button', { name: 'Complete the step' }).click();
    await referring.getByText('1 field(s) need attention: see the messages next to them.').waitFor();
    found.push(...(await problems(referring, 'task page with form errors')));
    await actors.fill(referring.locator('form.schema-form'), { 'Ready to hand over': 'true' });
    await referring.getByRole('button', { name: 'Complete the step' }).click();

    // Back on the inbox, a confirmation says what was done and leads to the case, which has moved on.
    const status = referring.getByTestId('inbox-status');
    await status.filter({ hasText: `Completed: ${REVIEW} (case ${ref}). The case has moved on.` }).waitFor();
    expect(await status.getAttribute('role')).toBe('status');
    await referring.screenshot({ path: join(SHOTS, 'first-4-confirmation.png'), fullPage: true });
    await status.getByRole('link').click();
    await referring.getByRole('heading', { name: 'Your tasks in this case' }).waitFor();
    await referring.locator('ol.timeline li', { hasText: `Step completed: ${REVIEW} (Referring agency)` }).waitFor();
    await referring.getByText(`${OUTCOME} — Receiving agency (roles: Caseworker)`).waitFor();

    // On a phone, the receiving agency's caseworker is told a task arrived, without pressing anything.
    await receiving.getByTestId('new-tasks').waitFor({ timeout: 40_000 });
    expect(await receiving.getByTestId('new-tasks').textContent()).toMatch(/new task\(s\) since you last looked/);
    await actors.openInbox(receiving);
    const next = inboxRow(receiving, 'record-outcome', ref);
    await waitFor('the hand-off in the receiving inbox', async () => (await next.count()) > 0, {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    expect(await next.locator('.tag.new').textContent()).toBe('New');
    found.push(...(await problems(receiving, 'phone inbox')));
    await receiving.screenshot({ path: join(SHOTS, 'first-5-phone-inbox.png'), fullPage: true });
    await next.getByRole('link', { name: OUTCOME }).click();
    await receiving.getByRole('heading', { level: 1, name: OUTCOME }).waitFor();
    // What happened before on this case is beside the form: the other agency's step, by name.
    await receiving
      .getByRole('complementary', { name: 'About this case' })
      .getByText('Referring agency')
      .first()
      .waitFor();
    found.push(...(await problems(receiving, 'phone task page')));
    await receiving.screenshot({ path: join(SHOTS, 'first-6-phone-task.png'), fullPage: true });
    await receiving.getByLabel(/^Outcome/).selectOption('resolved');
    await receiving.getByRole('button', { name: 'Complete the step' }).click();
    await receiving
      .getByTestId('inbox-status')
      .filter({ hasText: `Completed: ${OUTCOME} (case ${ref}).` })
      .waitFor();

    // The referring caseworker's case view follows by itself: the case is completed, resolved.
    await waitFor(
      'the open case view to show the completed case',
      async () => (await referring.getByTestId('case-status').textContent()) === 'Completed',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    await referring.getByText('Resolved', { exact: true }).waitFor();
    await referring.screenshot({ path: join(SHOTS, 'first-7-case-completed.png'), fullPage: true });
    expect(found).toEqual([]);
  });

  it('lands a manager on the dashboard, where the overdue list leads to the overdue task', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'cw-overdue');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'phone' } },
    });
    expect(started.status).toBe(201);
    const ref = (started.body.caseId as string).slice(0, 8);
    await stack.waitForTask(caseworker, 'review-intake', started.body.caseId);
    // The API: managers and supervisors only, the agency's own overdue tasks, whoever holds them.
    const refused = await stack.http('GET', '/tasks/overdue', { token: caseworker });
    expect([refused.status, refused.body.error]).toEqual([403, 'forbidden']);
    const manager = await stack.token('demo-a', ['manager'], 'mgr-overdue');
    await waitFor('the task to be overdue', async () => {
      const r = await stack.http('GET', '/tasks/overdue?step=review-intake', { token: manager });
      return r.body.items.some((x: { caseId: string }) => x.caseId === started.body.caseId);
    });
    const other = await stack.http('GET', '/tasks/overdue', { token: await stack.token('demo-b', ['manager']) });
    expect(other.body.items.filter((x: { agencyId: string }) => x.agencyId !== 'demo-b')).toEqual([]);

    const page = await actors.signIn('demo-a', 'manager');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const overdue = page.getByTestId('overdue-now');
    await overdue.getByRole('heading', { name: 'Overdue now' }).waitFor();
    await overdue.locator('option', { hasText: REVIEW }).waitFor({ state: 'attached' });
    await overdue.getByLabel('Step').selectOption({ label: REVIEW });
    const row = overdue.locator('tbody tr', { hasText: ref });
    await row.waitFor();
    expect(await row.textContent()).toContain('Not claimed');
    expect(await problems(page, 'dashboard with the overdue list')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'first-8-manager-overdue.png'), fullPage: true });
    await row.getByRole('link', { name: `Open case ${ref} at ${REVIEW}` }).click();
    await page.getByTestId('case-status').waitFor();
    await page.getByText(`${REVIEW} — Referring agency (roles: Caseworker)`).waitFor();
    // From there the manager can move the deadline (a supervisor's tool on every open step).
    await page.getByText('Extend the deadline (supervisors)').first().waitFor();
  });

  it('takes a task from the inbox to its confirmation with the keyboard alone', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'cw-keys');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'walk-in' } },
    });
    expect(started.status).toBe(201);
    const ref = (started.body.caseId as string).slice(0, 8);
    await stack.waitForTask(caseworker, 'review-intake', started.body.caseId);
    const page = await actors.signIn('demo-a', 'caseworker');
    await actors.openInbox(page);
    /** Presses Tab until `target` has the focus (at most 80 times: a page that traps or skips it fails). */
    const tabTo = async (target: ReturnType<Page['locator']>, what: string) => {
      for (let i = 0; i < 80; i++) {
        if (await target.evaluate((el) => el === (globalThis as any).document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${what}`);
    };
    const link = inboxRow(page, 'review-intake', ref).getByRole('link', { name: REVIEW });
    await link.waitFor();
    await tabTo(link, 'the task link of the inbox row');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: REVIEW }).waitFor();
    const ready = page.getByLabel(/^Ready to hand over/);
    await tabTo(ready, 'the first field of the form');
    await page.keyboard.press('ArrowDown');
    expect(await ready.inputValue()).toBe('true');
    const submit = page.getByRole('button', { name: 'Complete the step' });
    await tabTo(submit, 'the submit button');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('inbox-status')
      .filter({ hasText: `Completed: ${REVIEW} (case ${ref}).` })
      .waitFor();
    // The focus went back to the top of the page, where the confirmation is.
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('main');
  });
});
