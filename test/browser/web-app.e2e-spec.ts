import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../libs/devstack/src/ports';
import { BrowserActors, LANDING_HEADINGS, SHOTS } from '../support/browser';
import type { Page } from 'playwright-core';
import { AppStack } from '../support/stack';

/**
 * The web application in Debian's Chromium against the real API, worker, Temporal and PostgreSQL. A social worker
 * and a labour inspector, each in their own browser context, walk the Venice main path as far as their own steps
 * go (the other agencies' steps go through the API); each inbox shows only its owner's tasks. A manager sees a
 * one-second target's breach on the dashboard and downloads the export. Screenshots land in test-artifacts/browser/.
 */
const TODAY = new Date().toISOString().slice(0, 10);
const MUNICIPALITY = 'Chioggia';

const INSPECTOR_STEPS = ['joint-planning-inspectorate', 'compliance-check-labour', 'worker-interviews'];
// The Unit's social workers also assess children found (other Venice cases of the same e2e run may hold some).
const SOCIAL_WORKER_STEPS = [
  'preliminary-needs-assessment',
  'information-and-counselling',
  'identification-decision',
  'child-assessment',
];

describe('web application in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-browser-'));
  const timelinessFile = join(dir, 'timeliness.json');
  writeFileSync(
    timelinessFile,
    JSON.stringify({ targets: [{ sop: 'demo-handoff', step: 'review-intake', agency: 'demo-a', target: 'PT1S' }] }),
  );
  const stack = new AppStack('browser', { TIMELINESS_FILE: timelinessFile });
  const actors = new BrowserActors(stack);
  // The shared helpers of test/support/browser.ts, under the names this file's walks use.
  const signIn = actors.signIn.bind(actors);
  const until = actors.until.bind(actors);
  const inboxSteps = actors.inboxSteps.bind(actors);
  const openInbox = actors.openInbox.bind(actors);
  const openCaseFromInbox = actors.openCaseFromInbox.bind(actors);
  const fill = actors.fill.bind(actors);
  const completeInBrowser = actors.completeInBrowser.bind(actors);
  const completeViaApi = actors.completeViaApi.bind(actors);

  beforeAll(async () => {
    await stack.start();
    await actors.start();
  });
  afterAll(async () => {
    await actors.stop();
    await stack.stop();
  });
  afterEach(() => {
    // No form value or free text ever reaches an address bar (and so no history, log or referrer).
    for (const url of actors.visited) expect([url, url.includes(MUNICIPALITY)]).toEqual([url, false]);
  });

  it('walks the Venice main path: a labour inspector and a social worker, each seeing only their own tasks', async () => {
    const coordinator = await stack.token('venice-cau', ['coordinator'], 'coord-1');
    const officer = await stack.token('venice-police', ['police-officer'], 'officer-1');
    const protection = await stack.token('venice-social-protection', ['protection-officer'], 'protection-1');

    const inspector = await signIn('venice-labour-inspectorate', 'labour-inspector');
    const social = await signIn('venice-cau', 'social-worker', { width: 1024, height: 768 });

    // The inspector starts the case from the SOP's description and intake form.
    await inspector.getByRole('link', { name: 'Start a case' }).click();
    await inspector.getByLabel('Procedure (SOP)').selectOption('venice-inspection');
    await inspector.getByRole('heading', { name: 'Venice crisis-and-assessment inspection' }).waitFor();
    expect(await inspector.locator('figure.diagram li').count()).toBeGreaterThan(10);
    // Submitting the empty intake names each missing field next to its input, without a round trip.
    await inspector.getByRole('button', { name: 'Start the case' }).click();
    await inspector.getByText(/field\(s\) need attention/).waitFor();
    expect(await inspector.getByLabel(/^How the Unit was informed/).getAttribute('aria-invalid')).toBe('true');
    await fill(inspector.locator('form.schema-form'), {
      'How the Unit was informed': 'hotline-call',
      'Type of premises': 'textile-workshop',
      'Suspected form of exploitation': 'labour',
      'Municipality of the premises': MUNICIPALITY,
    });
    await inspector.screenshot({ path: join(SHOTS, 'venice-1-intake.png'), fullPage: true });
    await inspector.getByRole('button', { name: 'Start the case' }).click();
    await inspector.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
    const caseId = /cases\/([0-9a-f-]{36})$/.exec(inspector.url())![1];

    await completeViaApi(coordinator, caseId, 'joint-planning-unit', {
      decision: 'confirmed',
      plannedDate: TODAY,
      socialWorkersOnCall: 2,
      mediatorAssigned: true,
    });
    await completeViaApi(officer, caseId, 'joint-planning-police', {
      decision: 'confirmed',
      force: 'carabinieri',
      officersAssigned: 3,
    });

    await openCaseFromInbox(inspector, 'joint-planning-inspectorate', INSPECTOR_STEPS, caseId);
    await inspector.screenshot({ path: join(SHOTS, 'venice-2-inspector-case.png'), fullPage: true });
    await completeInBrowser(inspector, 'joint-planning-inspectorate', {
      'The Inspectorate on the plan': 'confirmed',
      'Labour inspectors assigned': '2',
    });

    await openCaseFromInbox(inspector, 'compliance-check-labour', INSPECTOR_STEPS, caseId);
    // A value out of range is refused in the browser with the server's rule, next to the input.
    const labourCard = inspector.locator('section.task-card[data-step="compliance-check-labour"]');
    await fill(labourCard, { 'Workers present at the inspection': '501' });
    await labourCard.getByRole('button', { name: 'Complete the step' }).click();
    await labourCard.getByText('Enter 500 or less.').waitFor();
    await inspector.screenshot({ path: join(SHOTS, 'venice-3-validation.png'), fullPage: true });
    await completeInBrowser(inspector, 'compliance-check-labour', {
      'Workers present at the inspection': '3',
      'Health and safety breaches found': 'true',
      'Workers without a regular contract': '2',
      'Workers live on the premises': 'true',
      'Inspections database record': 'INS-42',
    });
    await completeViaApi(officer, caseId, 'compliance-check-police', {
      identityChecks: 3,
      withoutResidencePermit: 1,
      offenceReported: false,
    });

    await openCaseFromInbox(inspector, 'worker-interviews', INSPECTOR_STEPS, caseId);
    await completeInBrowser(inspector, 'worker-interviews', {
      'Migrant workers interviewed': '1',
      'Interviews held with the cultural mediator': 'true',
      'Codes of the workers found vulnerable': 'W1',
      'Children found on the premises': 'false',
      'A private interview setting was available': 'false',
    });
    await completeViaApi(coordinator, caseId, 'municipal-team-joins', {
      socialWorkersDeployed: 1,
      psychologistDeployed: false,
      separateSpaceAvailable: true,
    });

    // The social worker takes over the protection phase; the inspection stays out of view for them.
    await openCaseFromInbox(social, 'preliminary-needs-assessment', SOCIAL_WORKER_STEPS, caseId);
    await social.getByText('Phase “inspection”: withheld for your role').waitFor();
    await completeInBrowser(social, 'preliminary-needs-assessment', {
      'Language support present': 'true',
      'Needs healthcare': 'false',
      'Needs safe accommodation': 'true',
      'Needs legal advice': 'true',
      'Signs of immediate danger': 'false',
      'Enough time for the assessment': 'true',
    });
    await completeInBrowser(social, 'information-and-counselling', {
      'Italian migration law explained': 'true',
      'Protection and assistance options explained': 'true',
      'Information leaflet given': 'true',
      'A follow-up contact was agreed': 'true',
    });
    // The social worker switches the interface to Italian for the last step: labels follow.
    await social.locator('header.top select').selectOption('it');
    const idCard = social.locator('section.task-card[data-step="identification-decision"]');
    await until(social, 'the identification form', async () => (await idCard.count()) > 0);
    await idCard.getByLabel(/^Esito dell'identificazione/).selectOption('identified-consents-to-referral');
    await idCard.getByLabel(/^Forma di sfruttamento riscontrata/).selectOption('labour');
    await social.screenshot({ path: join(SHOTS, 'venice-4-social-worker-italian.png'), fullPage: true });
    const idHeading = await idCard.locator('h3').first().getAttribute('id');
    await idCard.getByRole('button', { name: 'Completa il passaggio' }).click();
    // Done when the card leaves (the previous step's notice, now in Italian, is on the page already).
    await until(
      social,
      'identification-decision to leave the case view',
      async () => (await social.locator(`[id="${idHeading}"]`).count()) === 0,
    );
    await social.getByText(/^Completato: /).waitFor();
    await social.locator('header.top select').selectOption('en');

    // Each inbox held only its owner's steps all along, and the case view withheld the other phase.
    await openInbox(social);
    expect((await inboxSteps(social)).filter((s) => !SOCIAL_WORKER_STEPS.includes(s))).toEqual([]);
    await openInbox(inspector);
    expect((await inboxSteps(inspector)).filter((s) => !INSPECTOR_STEPS.includes(s))).toEqual([]);
    const inspectorTasks = await stack.http('GET', `/tasks?caseId=${caseId}&status=all`, {
      token: await stack.token('venice-labour-inspectorate', ['labour-inspector']),
    });
    expect(new Set(inspectorTasks.body.items.map((x: { step: string }) => x.step))).toEqual(new Set(INSPECTOR_STEPS));

    await completeViaApi(protection, caseId, 'referral-to-social-protection', {
      programme: 'local',
      takenInChargeOn: TODAY,
      accommodationProvided: true,
    });
    // The inspector has no task left in the case: the agency's case list leads back to it.
    await inspector.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await inspector.getByLabel('Status').selectOption('');
    await inspector.getByRole('link', { name: `Open case ${caseId.slice(0, 8)}` }).click();
    await until(
      inspector,
      'the case to complete',
      async () => (await inspector.getByTestId('case-status').textContent()) === 'Completed',
    );
    await inspector.getByText('Phase “protection”: withheld for your role').waitFor();
    await inspector.screenshot({ path: join(SHOTS, 'venice-5-completed.png'), fullPage: true });
  });

  it('issues local tokens only for seeded agencies and roles, and serves the app with a fallback for its routes', async () => {
    const config = await stack.http('GET', '/auth/config');
    expect(config.body.mode).toBe('local');
    expect(config.body.agencies.find((a: { id: string }) => a.id === 'venice-cau').roles).toContain('social-worker');
    const bad = await stack.http('POST', '/auth/dev-token', { body: { agency: 'venice-cau', role: 'platform-admin' } });
    expect([bad.status, bad.body.fields]).toEqual([400, [{ field: 'role', reason: expect.any(String) }]]);
    const good = await stack.http('POST', '/auth/dev-token', { body: { agency: 'venice-cau', role: 'coordinator' } });
    expect((await stack.http('GET', '/tasks', { token: good.body.token })).status).toBe(200);
    const deepLink = await fetch(`${stack.apiUrl}/app/cases/00000000-0000-4000-8000-000000000000`);
    expect([deepLink.status, (await deepLink.text()).includes('<div id="root">')]).toEqual([200, true]);
    const root = await fetch(`${stack.apiUrl}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/app/']);
  });

  it('signs in as every seeded agency and role, in both languages, without a console error', async () => {
    const config = await stack.http('GET', '/auth/config');
    const seats = (config.body.agencies as { id: string; name: string; roles: string[] }[]).flatMap((a) =>
      a.roles.map((r) => [a.id, r, a.name] as const),
    );
    expect(seats.length).toBeGreaterThan(20);
    const page = await actors.newPage();
    const problems: string[] = [];
    let [agencyNow, roleNow] = ['', ''];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${agencyNow} ${roleNow}: ${m.text()} ${m.location().url}`);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${stack.apiUrl}/app/`);
    for (const [i, [agency, role, agencyName]] of seats.entries()) {
      [agencyNow, roleNow] = [agency, role];
      const lang = i % 2 === 0 ? 'en' : 'it';
      await page.locator('header.top select').selectOption(lang);
      await page.locator('#signin-agency').selectOption(agency);
      await page.locator('#signin-role').selectOption(role);
      if (['operator', 'data-protection-officer', 'platform-admin', 'auditor'].includes(role)) {
        await page.locator('#signin-admin-secret').fill(process.env.WAYMARK_E2E_ADMIN_SECRET!);
      }
      await page.locator('.signin button[type="submit"]').click();
      await page.getByTestId('who').filter({ hasText: agencyName }).waitFor();
      // Words, not keys: the agency's name and the role's name in the interface language.
      const who = (await page.getByTestId('who').textContent())!;
      const roleShown = who.slice(agencyName.length + 3);
      expect([who, who.startsWith(`${agencyName} · `), roleShown === role || roleShown.includes('-')]).toEqual([
        who,
        true,
        false,
      ]);
      // Each role lands where its work is: oversight on the dashboard, operators on decoding, the rest on their
      // inbox (or, with nothing in it, on their agency's cases).
      const landing = page.getByRole('heading', { level: 1, name: LANDING_HEADINGS });
      await landing.waitFor();
      const expected = ['manager', 'supervisor'].includes(role)
        ? ['Dashboard', 'Cruscotto']
        : role === 'operator'
          ? ["Decoding in Temporal's Web UI", "Decodifica nell'interfaccia web di Temporal"]
          : ['Inbox', 'Attività', 'Cases', 'Casi'];
      expect([agency, role, expected.includes((await landing.textContent())!)]).toEqual([agency, role, true]);
      const dashboardLinks = await page.getByRole('navigation').locator('a[href="/app/dashboard"]').count();
      expect([agency, role, dashboardLinks]).toEqual([agency, role, ['manager', 'supervisor'].includes(role) ? 1 : 0]);
      await page.getByRole('button', { name: lang === 'en' ? 'Sign out' : 'Esci' }).click();
      await page.locator('#signin-agency').waitFor();
    }
    expect(problems).toEqual([]);
  });

  it('passes an axe-core WCAG 2.1 A/AA audit on every page, in both languages, with no serious or critical finding', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'cw-axe');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    await stack.waitForTask(caseworker, 'review-intake', started.body.caseId);
    const found: string[] = [];
    const audit = async (page: Page, where: string) => {
      for (const problem of await actors.accessibilityProblems(page)) found.push(`${where} | ${problem}`);
    };
    const anonymous = await actors.newPage();
    await anonymous.goto(`${stack.apiUrl}/app/`);
    await anonymous.locator('#signin-agency').waitFor();
    // The audit finds what it should: an image without a text alternative, put in and taken out again.
    await anonymous.evaluate(() => {
      const doc = (globalThis as any).document;
      const img = doc.createElement('img');
      img.id = 'axe-probe';
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      doc.body.append(img);
    });
    expect(await actors.accessibilityProblems(anonymous)).toEqual(['image-alt: #axe-probe']);
    await anonymous.locator('#axe-probe').evaluate((el) => el.remove());
    await audit(anonymous, 'sign-in');

    for (const lang of ['en', 'it'] as const) {
      const page = await signIn('demo-a', 'caseworker');
      if (lang === 'it') await page.locator('header.top select').selectOption('it');
      const nav = (href: string) => page.getByRole('navigation').locator(`a[href="/app${href}"]`).click();
      await page.locator('tbody tr').first().waitFor();
      await audit(page, `${lang} inbox`);
      await page.goto(`${stack.apiUrl}/app/cases/${started.body.caseId}`);
      await page.locator('section.task-card[data-step="review-intake"]').waitFor();
      await audit(page, `${lang} case view`);
      // The form's error state too: every field named, described and announced.
      await page.locator('section.task-card button[type="submit"]').first().click();
      await page.locator('section.task-card .error-summary').first().waitFor();
      await audit(page, `${lang} case view with form errors`);
      await nav('/cases');
      await page.locator('main h1').first().waitFor();
      await audit(page, `${lang} cases`);
      await nav('/start');
      await page.locator('#start-sop').selectOption('venice-inspection');
      await page.locator('figure.diagram').waitFor();
      await audit(page, `${lang} start a case`);
      await nav('/notifications');
      await page.locator('main h1').first().waitFor();
      await audit(page, `${lang} notifications`);
      const manager = await signIn('demo-a', 'manager');
      if (lang === 'it') await manager.locator('header.top select').selectOption('it');
      await manager.getByRole('navigation').locator('a[href="/app/dashboard"]').click();
      await manager.locator('[data-testid="breach-summary"]').waitFor();
      await audit(manager, `${lang} dashboard`);
      const operator = await signIn('demo-a', 'operator');
      if (lang === 'it') await operator.locator('header.top select').selectOption('it');
      await operator.getByRole('navigation').locator('a[href="/app/decoding"]').click();
      await operator.locator('section[aria-labelledby="decoding-h"] button').first().click();
      await operator.getByTestId('decoding-steps').waitFor();
      await audit(operator, `${lang} Temporal decoding`);
    }
    expect(found).toEqual([]);
  });

  it('fits a laptop, a tablet in either orientation and a 390 px phone: no page scrolls sideways', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'cw-layout');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'walk-in' } },
    });
    expect(started.status).toBe(201);
    await stack.waitForTask(caseworker, 'review-intake', started.body.caseId);
    const wide: string[] = [];
    const check = async (page: Page, where: string) => {
      const [scroll, width] = await page.evaluate(() => {
        const doc = (globalThis as any).document.documentElement;
        return [doc.scrollWidth as number, (globalThis as any).innerWidth as number];
      });
      if (scroll > width) wide.push(`${where}: ${scroll}px wide in ${width}px`);
      // What scrolls inside the page (a wide table) must be reachable by keyboard and named: axe's rules bite here.
      for (const problem of await actors.accessibilityProblems(page)) wide.push(`${where} | ${problem}`);
    };
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1024, height: 768 },
      { width: 768, height: 1024 },
      { width: 390, height: 844 },
    ]) {
      const at = `${viewport.width}x${viewport.height}`;
      for (const lang of ['en', 'it'] as const) {
        const page = await signIn('demo-a', 'manager', viewport);
        if (lang === 'it') await page.locator('header.top select').selectOption('it');
        const nav = (href: string) => page.getByRole('navigation').locator(`a[href="/app${href}"]`).click();
        // A manager lands on the dashboard; the inbox is one click away.
        await nav('/');
        await page.getByRole('heading', { level: 1, name: lang === 'en' ? 'Inbox' : 'Attività' }).waitFor();
        await check(page, `${at} ${lang} inbox`);
        await page.goto(`${stack.apiUrl}/app/cases/${started.body.caseId}`);
        await page.getByTestId('case-status').waitFor();
        await check(page, `${at} ${lang} case view`);
        await nav('/cases');
        await page.locator('main table, main p').first().waitFor();
        await check(page, `${at} ${lang} cases`);
        await nav('/start');
        await page.locator('#start-sop').selectOption('venice-inspection');
        await page.locator('figure.diagram').waitFor();
        await check(page, `${at} ${lang} start a case`);
        await nav('/notifications');
        await page.locator('main h1').first().waitFor();
        await check(page, `${at} ${lang} notifications`);
        await nav('/dashboard');
        await page.locator('[data-testid="timeliness-table"]').waitFor();
        await check(page, `${at} ${lang} dashboard`);
        if (viewport.width === 768 && lang === 'en') {
          await page.screenshot({ path: join(SHOTS, 'tablet-portrait-dashboard.png'), fullPage: true });
        }
      }
    }
    expect(wide).toEqual([]);
  });

  it('shows a manager the breach of a one-second target and downloads the anonymised export', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'cw-1');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'phone' } },
    });
    expect(started.status).toBe(201);
    const manager = await stack.token('demo-a', ['manager'], 'mgr-1');
    // This case's own escalation (the accessibility test's case escalates too, so the dashboard's count alone
    // would not say this one's timer fired).
    await waitFor('the breach of this case to escalate', async () => {
      const r = await stack.http('GET', `/cases/${started.body.caseId}`, { token: manager });
      return r.body.timeline?.some((e: { kind: string }) => e.kind === 'task-escalated');
    });

    const page = await signIn('demo-a', 'manager');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const row = page.locator('[data-testid="timeliness-table"] tr[data-step="review-intake"]');
    await row.waitFor();
    expect(Number(await row.locator('[data-col="escalations"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('breach-summary').textContent()).toMatch(/missed or overdue deadline/);
    expect(await page.locator('svg[role="img"]').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'dashboard-breach.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /anonymised export/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('waymark-timeliness-demo-a.csv');
    const file = join(dir, 'export.csv');
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/sop/);

    // Where time goes between agencies: demo-b's steps in the cases demo-a shares with it (no export of those).
    const agencyFilter = page.getByLabel('Agency', { exact: true });
    expect(await agencyFilter.locator('option[value="demo-b"]').textContent()).toMatch(
      /^Receiving agency · shared cases: \d+$/,
    );
    await agencyFilter.selectOption('demo-b');
    await page.getByTestId('counterpart-scope').waitFor();
    expect(await page.getByTestId('counterpart-scope').textContent()).toMatch(
      /^Steps of Receiving agency in the cases Referring agency takes part in/,
    );
    expect(await page.getByRole('button', { name: /anonymised export/ }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'dashboard-counterpart.png'), fullPage: true });
    await agencyFilter.selectOption('demo-a');
    await page.getByRole('button', { name: /anonymised export/ }).waitFor();

    // The escalation notification leads to the case, where the manager moves the deadline with a reason.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Notifications/ })
      .click();
    // This case's escalation: other test files leave escalated demo cases of the same agency in the database.
    const escalation = page
      .locator('ul.notifications li', { hasText: 'Escalation' })
      .filter({ has: page.locator(`a[href$="/cases/${started.body.caseId}"]`) })
      .first();
    await until(page, "this case's escalation among the notifications", async () => (await escalation.count()) > 0);
    await escalation.getByRole('link').click();
    await page.getByText('Extend the deadline (supervisors)').click();
    await page.getByLabel('New due date and time').fill(`${new Date().getUTCFullYear() + 1}-01-15T10:00`);
    await page.getByLabel(/^Reason \(kept on the timeline/).fill('Interpreter available next week');
    await page.getByRole('button', { name: 'Extend the deadline', exact: true }).click();
    await page.getByText('Deadline moved.').waitFor();
    await until(
      page,
      'the extension on the timeline',
      async () => (await page.locator('ol.timeline li', { hasText: 'Deadline extended' }).count()) > 0,
    );
    expect(page.url()).not.toContain('Interpreter');
    await page.screenshot({ path: join(SHOTS, 'dashboard-extension.png'), fullPage: true });

    // A caseworker has no dashboard link and the page says why.
    const worker = await signIn('demo-a', 'caseworker');
    expect(await worker.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    await worker.goto(`${stack.apiUrl}/app/dashboard`);
    await worker.getByText('The dashboard is for managers and supervisors.').waitFor();
  });
});
