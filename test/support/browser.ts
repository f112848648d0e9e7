import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { waitFor } from '../../libs/devstack/src/ports';
import { ARTIFACTS, type AppStack } from './stack';

/** Roles the sign-in page issues only with the local admin secret. */
const SECRET_ROLES = ['operator', 'data-protection-officer', 'platform-admin', 'auditor'];

export const SHOTS = join(ARTIFACTS, 'browser');
/** The pages a sign-in lands on, in English and Italian. */
export const LANDING_HEADINGS =
  /^(Inbox|Attività|Cases|Casi|Dashboard|Cruscotto|Decoding in Temporal's Web UI|Decodifica nell'interfaccia web di Temporal)$/;
let AXE_SOURCE: string | undefined;
interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Debian's Chromium driving the web application of one AppStack: one browser context per signed-in actor, with the
 * helpers the browser tests share (sign in, refresh until the API caught up, fill a generated form, complete a
 * step from the inbox). Every address a page visits is kept so a test can check no form value reached a URL.
 */
export class BrowserActors {
  browser!: Browser;
  readonly visited: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly stack: AppStack) {}

  async start(): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    this.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close();
  }

  /** A page in a fresh browser context, not signed in (closed with the others). */
  async newPage(): Promise<Page> {
    const context = await this.browser.newContext();
    this.contexts.push(context);
    return context.newPage();
  }

  /**
   * Signs in through the embedded sign-in page (reached from `/`, which sends the browser to `/app/`) in a fresh
   * browser context; lands on the role's landing page (managers and supervisors: the dashboard; operators: Temporal
   * decoding; people with tasks: the inbox; others: the agency's cases). The token stays in sessionStorage: never in
   * an address or a cookie.
   */
  async signIn(agency: string, role: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport, acceptDownloads: true });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) this.visited.push(f.url());
    });
    await page.goto(`${this.stack.apiUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/');
    await page.getByLabel('Agency').selectOption(agency);
    await page.getByLabel('Role').selectOption(role);
    // Staff and platform roles need the local admin secret (the e2e global setup generates it).
    if (SECRET_ROLES.includes(role)) {
      await page.getByLabel('Local admin secret').fill(process.env.WAYMARK_E2E_ADMIN_SECRET!);
    }
    const agencyName = (await page.getByLabel('Agency').locator(`option[value="${agency}"]`).textContent())!.trim();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: LANDING_HEADINGS }).waitFor();
    // The header names the agency once the directory has answered.
    await page.getByTestId('who').filter({ hasText: agencyName }).waitFor();
    expect(page.url()).not.toMatch(/token|eyJ/);
    expect(await context.cookies()).toEqual([]);
    return page;
  }

  /** Clicks Refresh until `probe` holds: the page shows what the API has, the API catches up with the workflow. */
  async until(page: Page, what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    await waitFor(
      what,
      async () => {
        if (await probe()) return true;
        // A short click timeout: a page without a Refresh button fails within the wait, not 30 s per round.
        await page
          .getByRole('button', { name: /^(Refresh|Aggiorna)$/ })
          .first()
          .click({ timeout: 5_000 });
        return undefined;
      },
      { timeoutMs, intervalMs: 300 },
    );
  }

  async inboxSteps(page: Page): Promise<string[]> {
    return page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step') ?? ''));
  }

  async openInbox(page: Page): Promise<void> {
    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  }

  /**
   * Opens `caseId`'s `step` from the inbox, checking the inbox holds only steps of `own`. Other test files leave
   * open cases of the same agencies in the shared database (some on task queues whose worker has stopped), so the
   * row is picked by case: the inbox is narrowed by the case reference, as a user would type it, and the row must
   * carry the case id.
   */
  async openCaseFromInbox(page: Page, step: string, own: readonly string[], caseId: string): Promise<void> {
    await this.openInbox(page);
    expect((await this.inboxSteps(page)).filter((s) => !own.includes(s))).toEqual([]);
    await page.getByLabel(/^(Step or case reference|Passaggio o riferimento del caso)$/).fill(caseId.slice(0, 8));
    const row = page.locator(`tbody tr[data-step="${step}"][data-case="${caseId}"]`);
    await this.until(page, `${step} of case ${caseId.slice(0, 8)} in the inbox`, async () => (await row.count()) > 0);
    expect([step, (await this.inboxSteps(page)).filter((s) => !own.includes(s))]).toEqual([step, []]);
    await row
      .first()
      .getByRole('link', { name: /^(Open case|Apri il caso) / })
      .click();
    await page.getByRole('heading', { name: 'Your tasks in this case' }).waitFor();
  }

  /** Opens a case through the agency's case list (for an actor without an open task in it). */
  async openCaseFromList(page: Page, caseId: string): Promise<void> {
    await page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByLabel('Status').selectOption('');
    // The list has no refresh: the case exists before the actor looks, so the first answer holds it.
    await page.getByRole('link', { name: `Open case ${caseId.slice(0, 8)}` }).click();
    await page.getByRole('heading', { name: 'Your tasks in this case' }).waitFor();
  }

  /** Fills a generated form: label prefix → value; selects take option values, the rest is typed. */
  async fill(scope: Locator, values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const input = scope.getByLabel(new RegExp(`^${escape(label)}`));
      const tag = await input.evaluate((el) => el.tagName);
      if (tag === 'SELECT') await input.selectOption(value);
      else await input.fill(value);
    }
  }

  /** Completes the caller's open `step` in the case view through its generated form. */
  async completeInBrowser(page: Page, step: string, values: Record<string, string>): Promise<void> {
    const card = page.locator(`section.task-card[data-step="${step}"]`).first();
    await this.until(page, `the ${step} form`, async () => (await card.count()) > 0);
    const heading = await card.locator('h3').first().getAttribute('id');
    await this.fill(card, values);
    await card.getByRole('button', { name: 'Complete the step' }).click();
    // Done when this task's card leaves the view; a refusal shown in the form fails at once with its text (the
    // wait itself keeps a probe's errors for its timeout message, so the refusal ends the wait instead).
    let refused = '';
    await this.until(page, `${step} to leave the case view`, async () => {
      const summary = card.locator('.error-summary');
      refused = (await summary.count()) > 0 ? ((await summary.first().textContent()) ?? '').trim() : '';
      return refused !== '' || (await page.locator(`[id="${heading}"]`).count()) === 0;
    });
    if (refused) throw new Error(`${step} refused: ${refused}`);
  }

  /**
   * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is and returns the serious and critical findings
   * as `rule: target` lines (empty when the page passes).
   */
  async accessibilityProblems(page: Page): Promise<string[]> {
    AXE_SOURCE ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol, not added as an inline <script>: the API's Content-Security-Policy
    // (script-src 'self') stays in force in the browser tests, and would refuse an inline tag.
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as { axe: { run: (opts: unknown) => Promise<{ violations: AxeViolation[] }> } }
      ).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.targets.map((t) => `${v.id}: ${t}`));
  }

  /** Completes another agency's step through the API (keeps a browser walk short). */
  async completeViaApi(token: string, caseId: string, step: string, form: Record<string, unknown>): Promise<void> {
    const task = await this.stack.waitForTask(token, step, caseId);
    const res = await waitFor(
      `${step} to complete`,
      async () => {
        const r = await this.stack.http('POST', `/tasks/${task.taskId}/complete`, { token, body: { form } });
        // The inbox row can show a moment before the workflow accepts the update for it.
        return r.status === 404 ? undefined : r;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect([step, res.status]).toEqual([step, 200]);
  }
}
