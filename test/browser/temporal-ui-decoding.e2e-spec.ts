import { resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import type { Page } from 'playwright-core';
import { startTemporalDevServer, type TemporalDevServerHandle } from '../../libs/devstack/src/temporal-server';
import { BrowserActors, SHOTS } from '../support/browser';
import { AppStack } from '../support/stack';

/**
 * Temporal's own Web UI (the one `npm start` runs, no sign-in of its own) decoding a case's history in an
 * operator's browser through the codec session: without it the UI cannot reach the codec (401) and shows nothing of
 * the case; with it the intake reads in clear; after "End decoding" it is unreadable again. This file runs its own
 * Temporal dev server with the UI on (the shared one is headless), and the API and worker against it. The browser
 * addresses both as `localhost`, as the embedded default's banner and the decoding page do (one site, so the
 * SameSite=Strict cookie goes along).
 */
describe("Temporal's Web UI decoding through a codec session", () => {
  const root = resolve(__dirname, '../..');
  let temporal: TemporalDevServerHandle;
  let stack: AppStack;
  let actors: BrowserActors;
  let uiUrl = '';
  let appUrl = '';

  beforeAll(async () => {
    temporal = await startTemporalDevServer({ uiPort: 'free', namespace: 'default', projectRoot: root });
    uiUrl = temporal.uiUrl!;
    stack = new AppStack('browser-temporal-ui', { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_UI_ORIGIN: uiUrl });
    await stack.start();
    appUrl = stack.apiUrl.replace('127.0.0.1', 'localhost');
    actors = new BrowserActors(stack);
    await actors.start();
  });
  afterAll(async () => {
    await actors?.stop();
    await stack?.stop();
    await temporal?.stop();
  });

  /** The workflow's page in the UI, reloaded until its Input section has rendered, and that section's text. */
  async function workflowInput(page: Page, caseId: string): Promise<string> {
    await page.goto(`${uiUrl}/namespaces/default/workflows/case-${caseId}`);
    await page.locator('[data-testid^="data-encoder-status"]').first().waitFor();
    // The decode (or its refusal) lands after the page renders: wait until the UI says which it was.
    await page.waitForFunction(
      () => {
        const t = (globalThis as any).document.body.innerText as string;
        return t.includes('"channel"') || t.includes('could not connect');
      },
      undefined,
      { timeout: 30_000 },
    );
    return page.locator('body').innerText();
  }

  it('shows the history encrypted until an operator opens a session, decoded while it lasts, encrypted again after', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'cw-ui');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'walk-in' } },
    });
    expect(started.status).toBe(201);
    const caseId: string = started.body.caseId;
    await stack.waitForTask(caseworker, 'review-intake', caseId);

    const context = await actors.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    try {
      // The operator points the UI's Codec Server setting at Waymark and lets it send credentials (once per browser).
      await page.goto(`${uiUrl}/namespaces/default/workflows/case-${caseId}`);
      await page.locator('[data-testid^="data-encoder-status"]').first().click();
      await page.locator('#use-local-endpoint-radio').check({ force: true });
      await page.getByLabel('Codec Server browser endpoint').fill(`${appUrl}/codec`);
      await page.getByTestId('data-encoder-include-credentials').click();
      expect(await page.locator('#pass-access-credentials').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Apply' }).click();

      // No session yet: the codec answers 401 and the UI shows nothing of the intake.
      const before = await workflowInput(page, caseId);
      expect([before.includes('could not connect'), before.includes('walk-in')]).toEqual([true, false]);

      // Waymark's web app, signed in as an operator: open a session for this browser.
      await page.goto(`${appUrl}/app/`);
      await page.getByLabel('Agency').selectOption('demo-a');
      await page.getByLabel('Role').selectOption('operator');
      // A staff role: the sign-in page asks for the local admin secret (the e2e global setup generates it).
      await page.getByLabel('Local admin secret').fill(process.env.WAYMARK_E2E_ADMIN_SECRET!);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Temporal decoding' }).click();
      await page.getByRole('button', { name: /decode for one hour/ }).click();
      await page.getByTestId('decoding-steps').waitFor();
      expect(await page.getByTestId('decoding-steps').getByRole('link').getAttribute('href')).toBe(uiUrl);
      // (Cookies are per host, not per port: the UI's own `_csrf` cookie for localhost is in the jar too.)
      const codecCookie = async () =>
        (await context.cookies(`${appUrl}/codec`)).find((c) => c.name === 'waymark_codec');
      const cookie = await codecCookie();
      expect([cookie?.name, cookie?.path, cookie?.httpOnly, cookie?.sameSite]).toEqual([
        'waymark_codec',
        '/codec',
        true,
        'Strict',
      ]);

      const during = await workflowInput(page, caseId);
      expect([during.includes('could not connect'), during.includes('"channel": "walk-in"')]).toEqual([false, true]);
      await page.screenshot({ path: `${SHOTS}/temporal-ui-decoded.png`, fullPage: true });

      // Ended from the web app: the cookie is gone and the UI can no longer decode.
      await page.goto(`${appUrl}/app/decoding`);
      await page.getByRole('button', { name: 'End decoding in this browser' }).click();
      await page.getByText('Decoding ended in this browser.').waitFor();
      expect(await codecCookie()).toBeUndefined();
      const after = await workflowInput(page, caseId);
      expect([after.includes('could not connect'), after.includes('walk-in')]).toEqual([true, false]);
    } finally {
      await context.close();
    }

    // Each decode the UI asked for is in the audit log under the operator, with the case.
    const db = new PgClient({ connectionString: process.env.WAYMARK_E2E_DATABASE_URL });
    await db.connect();
    try {
      const rows = await db.query(
        `SELECT action, agency_id FROM audit_log WHERE case_id = $1 AND action = 'codec-decode' AND actor_sub = 'demo-a-operator'`,
        [caseId],
      );
      expect(rows.rows.length).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
  });
});
