import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../libs/devstack/src/ports';
import { BrowserActors, SHOTS } from '../support/browser';
import { AppStack } from '../support/stack';

/**
 * The assisted return and the Police–NGO joint operation in Debian's Chromium against the real API, worker,
 * Temporal and PostgreSQL. Each actor signs in in its own browser context and completes its own steps through the
 * generated forms; the agencies the walk does not follow go through the API. The consent gate is walked in the
 * case view: a withdrawn sharing consent holds the return agency's step back, visibly, until a new one is recorded.
 */
const DAY = 24 * 3600 * 1000;
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const NOTE = 'Interpreter booked for the next counselling session';

// The destination NGO caseworker's and the return agency's steps in an assisted return.
const DEST_STEPS = [
  'assess-return-options',
  'record-consent',
  'refer-to-origin',
  'request-travel-documents',
  'prepare-person-for-return',
  'confirm-departure',
];
const IOM_STEPS = ['assess-return-case', 'book-travel'];
const NGO_PROFESSIONAL_STEPS = [
  'rights-information',
  'assistance-decision',
  'arrange-assistance',
  'risk-assessment',
  'court-escort',
];

describe('assisted return and joint operation in Chromium', () => {
  const stack = new AppStack('browser-return-joint');
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
    // No form value or free text ever reaches an address bar.
    for (const url of actors.visited)
      expect([url, /Interpreter|withdraw|stop/.test(decodeURIComponent(url))]).toEqual([url, false]);
  });

  async function startInBrowser(page: Page, sop: string, values: Record<string, string>): Promise<string> {
    await page.getByRole('link', { name: 'Start a case' }).click();
    await page.getByLabel('Procedure (SOP)').selectOption(sop);
    await page.locator('form.schema-form').waitFor();
    await actors.fill(page.locator('form.schema-form'), values);
    await page.getByRole('button', { name: 'Start the case' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
    return /cases\/([0-9a-f-]{36})$/.exec(page.url())![1];
  }

  it('assisted return: the consent gate in the case view, then the walk to a closed monitoring', async () => {
    const origin = await stack.token('adpare', ['ngo-caseworker'], 'origin-1');
    const dest = await actors.signIn('mh-heilbronn', 'ngo-caseworker');
    const iom = await actors.signIn('iom-germany', 'return-officer');
    const consul = await actors.signIn('ro-consulate-stuttgart', 'consular-officer');

    const caseId = await startInBrowser(dest, 'assisted-return', {
      'The person is a child': 'false',
      'Planned return date': day(90),
      'Country of return': 'RO',
    });
    await actors.openCaseFromInbox(dest, 'assess-return-options', DEST_STEPS, caseId);
    await actors.completeInBrowser(dest, 'assess-return-options', {
      'Option the person chose': 'return-to-origin',
      'Informed of assistance options': 'true',
    });
    await actors.completeInBrowser(dest, 'record-consent', {
      'Consent to exchange data': 'true',
      'How the decision was given': 'written',
      'Scope: trafficking story': 'false',
      'Scope: needs': 'true',
      'Scope: risks': 'true',
      'Scope: pick-up details': 'true',
      'Date recorded': day(0),
    });

    // The consent step wrote one record per member of the return team; the caseworker withdraws the return agency's.
    const consents = dest.getByRole('table', { name: 'Consent records of this case' });
    await actors.until(
      dest,
      'the consents of the return team',
      async () => (await consents.locator('tbody tr').count()) === 4,
    );
    const withdraw = async (agency: string) => {
      const row = consents.locator(`tr[data-agency="${agency}"]`);
      await row.getByText('Withdraw', { exact: true }).click();
      await row.getByLabel(/^Reason for the withdrawal/).fill('The person asked to stop this exchange');
      await row.getByRole('button', { name: 'Withdraw the consent' }).click();
      await actors.until(dest, `the withdrawal for ${agency} in the list`, async () =>
        ((await row.locator('td').nth(5).textContent()) ?? '').startsWith('Withdrawn'),
      );
    };
    expect(await consents.locator('tr[data-agency="iom-germany"] td').nth(2).textContent()).toBe('Identity, Travel');
    await withdraw('iom-germany');
    await dest.getByText('Consent withdrawn. The other agencies in the case are told.').waitFor();

    // Withdrawn while the referral is open: the referral does not go out, and the form says why in words.
    await withdraw('adpare');
    const referral = dest.locator('section.task-card[data-step="refer-to-origin"]');
    const referralForm = {
      Channel: 'email',
      'Case data format': 'iom-case-data',
      'How the person is named': 'case-code',
      'One contact person named': 'true',
    };
    await actors.until(dest, 'the referral form', async () => (await referral.count()) > 0);
    await actors.fill(referral, referralForm);
    await referral.getByRole('button', { name: 'Complete the step' }).click();
    await referral.getByText(/a consent it shares data under has been withdrawn\. Record a new consent/).waitFor();
    await dest.getByRole('button', { name: 'Record a consent' }).click();
    const renewal = dest.getByRole('form', { name: 'Record a consent' });
    await renewal.getByLabel('Purpose').selectOption('sharing');
    await renewal.getByLabel('Shared with agency').selectOption('adpare');
    await renewal.getByLabel('Identity').check();
    await renewal.getByLabel('Travel').check();
    await renewal.getByLabel('Form of consent').selectOption('written');
    await renewal.getByLabel('Given by').selectOption('person');
    await renewal.getByRole('button', { name: 'Record the consent' }).click();
    await dest.getByText('Consent recorded.').waitFor();
    await actors.completeInBrowser(dest, 'refer-to-origin', referralForm);
    // The return agency's first step waits for its consent, and the case view says so up front.
    const waiting = dest.getByRole('region', { name: 'Steps waiting for a consent' });
    await actors.until(
      dest,
      'the step waiting for consent',
      async () => (await waiting.locator('[data-waiting-step="assess-return-case"]').count()) === 1,
    );
    expect(await waiting.textContent()).toContain(
      'needs consent for Sharing data with an agency with iom-germany covering Identity, Travel',
    );
    await dest.screenshot({ path: join(SHOTS, 'return-1-waiting-for-consent.png'), fullPage: true });
    // Nothing of this case for the return agency yet. Other files leave open iom-germany tasks of their own cases
    // in the shared database, so the inbox is looked at for this case only.
    const iomToken = await stack.token('iom-germany', ['return-officer']);
    expect((await stack.http('GET', `/tasks?caseId=${caseId}`, { token: iomToken })).body.items).toEqual([]);
    await actors.openInbox(iom);
    await iom.getByRole('button', { name: 'Refresh' }).click();
    await iom.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await iom.locator(`tbody tr[data-case="${caseId}"]`).count()).toBe(0);

    await waiting.getByRole('button', { name: 'Record the consent for Return agency assesses the case' }).click();
    const form = dest.getByRole('form', { name: 'Record a consent' });
    expect(await form.getByLabel('Purpose').inputValue()).toBe('sharing');
    expect(await form.getByLabel('Shared with agency').inputValue()).toBe('iom-germany');
    expect([await form.getByLabel('Identity').isChecked(), await form.getByLabel('Travel').isChecked()]).toEqual([
      true,
      true,
    ]);
    await form.getByLabel('Form of consent').selectOption('verbal');
    await form.getByLabel('Given by').selectOption('person');
    await dest.screenshot({ path: join(SHOTS, 'return-2-consent-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Record the consent' }).click();
    // Recorded when the form closes (the notice is still on the page from the first consent).
    await form.waitFor({ state: 'detached' });
    await dest.getByText('Consent recorded.').waitFor();
    await actors.until(dest, 'the gate to open', async () => (await waiting.count()) === 0);

    // Released: the return agency's task appears in its own inbox, and it completes it there.
    await actors.openCaseFromInbox(iom, 'assess-return-case', IOM_STEPS, caseId);
    await actors.completeInBrowser(iom, 'assess-return-case', {
      Decision: 'accepted',
      Programme: 'reag',
      'Assessed by': 'phone-interview',
    });

    await actors.openCaseFromInbox(dest, 'request-travel-documents', DEST_STEPS, caseId);
    await actors.completeInBrowser(dest, 'request-travel-documents', { 'Document needed': 'temporary-passport' });
    // The consulate has no task: it reports the document from the case view.
    await actors.openCaseFromList(consul, caseId);
    await consul.getByText('The consulate issued the travel document').click();
    const event = consul.locator('details.event[open]');
    await actors.fill(event, {
      Document: 'temporary-passport',
      'Valid until': day(365),
      'Identity confirmed by': 'consular-interview',
    });
    await event.getByRole('button', { name: 'Report' }).click();
    await consul.getByText('Event reported.').waitFor();

    await actors.completeInBrowser(dest, 'prepare-person-for-return', {
      'Phone sessions held': '3',
      'Options, rights and procedure explained': 'true',
      'Protection while waiting': 'shelter',
      Testimony: 'not-asked',
    });
    await actors.completeViaApi(origin, caseId, 'origin-social-enquiry', {
      enquiryRequestedVia: 'national-anti-trafficking-agency',
      familyTracing: 'traced-and-contacted',
      familySituation: 'supportive',
      translatedAndForwarded: true,
    });
    await actors.completeViaApi(origin, caseId, 'assess-return-risk', {
      physicalHealth: 'no-concern',
      emotionalState: 'stable',
      riskFromFamily: 'none',
      riskFromNetwork: 'medium',
      riskBehaviours: 'none',
      overallRisk: 'medium',
      familyReturnSafe: true,
      returnAdvisable: true,
      assessedOn: day(0),
    });
    await actors.completeViaApi(origin, caseId, 'draft-reintegration-plan', {
      agreedWithPerson: true,
      destinationInputsReceived: true,
      placementOnArrival: 'family',
      residentialWeeks: 0,
      monitoringMonths: 1,
    });

    await actors.openCaseFromInbox(iom, 'book-travel', IOM_STEPS, caseId);
    await actors.completeInBrowser(iom, 'book-travel', {
      'Departure date': day(60),
      'Means of travel': 'flight',
      Escort: 'return-agency-escort',
      'Who pays the journey': 'iom-reag',
    });
    await actors.completeViaApi(origin, caseId, 'arrange-reception', {
      pickUpPoint: 'airport',
      receivingTeam: 'origin-ngo',
      placement: 'family',
    });
    await actors.openCaseFromInbox(dest, 'confirm-departure', DEST_STEPS, caseId);
    await actors.completeInBrowser(dest, 'confirm-departure', {
      'Departed on': day(60),
      'Travel documents handed over': 'true',
      'Border police notified': 'not-required',
    });
    await actors.completeViaApi(origin, caseId, 'confirm-safe-arrival', {
      arrivedOn: day(60),
      receivedBy: 'origin-ngo',
      placedIn: 'family',
    });
    await actors.completeViaApi(origin, caseId, 'follow-up-report', {
      contact: 'home-visit',
      assistancePhase: 'case-management',
      livingSituation: 'family',
      riskChange: 'decreased',
      recommendClosure: true,
    });
    await actors.completeViaApi(origin, caseId, 'close-monitoring', {
      closureReason: 'reintegration-achieved',
      outcome: 'reintegrated',
      finalReportSent: true,
    });

    await actors.until(
      dest,
      'the case to complete',
      async () => (await dest.getByTestId('case-status').textContent()) === 'Completed',
    );
    // The timeline kept the gate: it waited for the consent and received it.
    const kinds = await dest.locator('ol.timeline li').allTextContents();
    expect(kinds.some((k) => k.includes('Waiting for a consent'))).toBe(true);
    await dest.screenshot({ path: join(SHOTS, 'return-3-completed.png'), fullPage: true });
    // Each inbox held only its owner's steps.
    await actors.openInbox(iom);
    expect((await actors.inboxSteps(iom)).filter((s) => !IOM_STEPS.includes(s))).toEqual([]);
  });

  it('joint operation: police and NGO each in their own browser, a court date reported in the case view', async () => {
    const officer = await stack.token('mossos-thb-unit', ['police-officer'], 'po-1');
    const ngoCoordinator = await stack.token('sicar-cat', ['ngo-coordinator'], 'nc-1');
    const police = await actors.signIn('mossos-thb-unit', 'police-coordinator');
    const coordinator = await actors.signIn('sicar-cat', 'ngo-coordinator');
    const professional = await actors.signIn('sicar-cat', 'ngo-professional');

    const caseId = await startInBrowser(police, 'joint-operation', {
      'Police reference code': 'OP-WEB-1',
      'Presumed form of exploitation': 'labour',
      'Planned date': day(7),
    });
    await actors.openCaseFromInbox(
      coordinator,
      'accept-request',
      ['accept-request', 'plan-logistics', 'arrange-assistance', 'risk-assessment', 'court-escort', 'person-follow-up'],
      caseId,
    );
    await actors.completeInBrowser(coordinator, 'accept-request', {
      'Does the NGO join': 'accepted',
      'Staff code': 'SC-07',
    });
    await actors.openCaseFromInbox(
      police,
      'plan-operation',
      ['plan-operation', 'deploy-operation', 'check-and-adjust', 'quarterly-review'],
      caseId,
    );
    await actors.completeInBrowser(police, 'plan-operation', {
      'Date of deployment': day(7),
      'Officers deployed': '14',
      'Sites to be entered': '1',
      'Presumed victims expected': '1',
      'Communication channel': 'true',
    });
    await actors.completeInBrowser(coordinator, 'plan-logistics', {
      'Accommodation places': '2',
      'Interpreters booked': '1',
      'Referral routes confirmed': 'shelter',
      'NGO professionals on site': '2',
    });
    await actors.completeViaApi(officer, caseId, 'deploy-operation', {
      deployedOn: day(7),
      personsIdentified: 1,
      ngoPresent: true,
    });

    await actors.openCaseFromInbox(professional, 'rights-information', NGO_PROFESSIONAL_STEPS, caseId);
    await actors.completeInBrowser(professional, 'rights-information', {
      'When the person was informed': day(7),
      'Language used': 'ro',
      'An interpreter was used': 'true',
      'Topics covered': 'rights',
      'The person confirmed': 'true',
    });
    await actors.completeInBrowser(professional, 'assistance-decision', {
      "The person's decision": 'accepts',
      'Willing to cooperate': 'not-willing',
      'Informed consent recorded': 'true',
    });
    await actors.completeViaApi(ngoCoordinator, caseId, 'arrange-assistance', {
      accommodation: 'ngo-shelter',
      interpreterAssigned: true,
    });
    await actors.completeInBrowser(professional, 'risk-assessment', {
      'Overall risk': 'high',
      'Risk from the trafficking network': 'high',
      'Risk to or from the family': 'medium',
      'Physical or mental health concern': 'false',
      'History of risk behaviours': 'false',
      'Police input': 'true',
    });

    // A protection note from the NGO lands in its compartment; the police never see it.
    const notes = professional.getByRole('region', { name: 'Add a note' });
    expect(await notes.getByLabel('Compartment').locator('option').allTextContents()).toContain('Protection');
    await notes.getByLabel('Compartment').selectOption('protection');
    await notes.getByLabel('Note').fill(NOTE);
    await notes.getByLabel(/^Person code/).fill('P 1');
    await notes.getByRole('button', { name: 'Add the note' }).click();
    // The server's rule for the person code shows next to the field.
    await notes.getByText(/must be a person code/).waitFor();
    expect(await notes.getByLabel(/^Person code/).getAttribute('aria-invalid')).toBe('true');
    await notes.getByLabel(/^Person code/).fill('P1');
    await notes.getByRole('button', { name: 'Add the note' }).click();
    await notes.getByText('Note added.').waitFor();
    const protection = professional.getByRole('region', { name: /^Records: Protection/ });
    await actors.until(
      professional,
      'the note in the protection records',
      async () => (await protection.getByText(NOTE).count()) > 0,
    );

    // The police report the court date from the case view; the escort opens in the NGO professional's inbox.
    await actors.openCaseFromList(police, caseId);
    await police.getByText('A court date is set for a person').click();
    const event = police.locator('details.event[open]');
    await actors.fill(event, { 'Person code': 'P1', 'Date of the hearing': day(60) });
    await event.getByRole('button', { name: 'Report' }).click();
    await police.getByText('Event reported.').waitFor();
    expect(await police.getByText(NOTE).count()).toBe(0);
    // The police may not write the NGO's counselling compartment either.
    const policeNotes = police.getByRole('region', { name: 'Add a note' });
    expect(await policeNotes.getByLabel('Compartment').locator('option').allTextContents()).not.toContain('Protection');
    await police.locator('[data-redacted="compartment:protection"]').waitFor();

    await actors.openCaseFromInbox(professional, 'court-escort', NGO_PROFESSIONAL_STEPS, caseId);
    await actors.completeInBrowser(professional, 'court-escort', {
      'Date of the hearing': day(60),
      'Escort outcome': 'attended',
      'NGO staff accompanied': 'true',
      'Interpreter provided': 'true',
      'Police protection provided': 'true',
    });
    await professional.screenshot({ path: join(SHOTS, 'joint-1-ngo-case.png'), fullPage: true });
    // P1 is back in follow-up: nothing is open in the operation.
    await waitFor(
      'the escort to close',
      async () =>
        (await stack.http('GET', `/cases/${caseId}`, { token: officer })).body.openTasks.length === 0
          ? true
          : undefined,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    await police.screenshot({ path: join(SHOTS, 'joint-2-police-case.png'), fullPage: true });
  });

  it('lets a data-protection officer erase a case from the case view; it then shows as erased', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'cw-erase');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'phone' } },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;

    const dpo = await actors.signIn('demo-a', 'data-protection-officer');
    await actors.openCaseFromList(dpo, caseId);
    await dpo.getByText('Erase this case (data protection)').click();
    await dpo.getByLabel(/^Reason \(kept in the erasure record/).fill('Erasure requested by the person');
    await dpo.getByRole('button', { name: 'Erase the case…' }).click();
    const confirm = dpo.getByRole('alertdialog', { name: /Erase this case permanently\?/ });
    await confirm.getByRole('button', { name: 'Erase permanently' }).click();
    await dpo.getByText('This case has been erased: its personal data can no longer be read.').waitFor();
    await dpo.screenshot({ path: join(SHOTS, 'erase-1-erased.png'), fullPage: true });
    const after = await stack.http('GET', `/cases/${caseId}`, { token: caseworker });
    expect([after.status, after.body.error]).toEqual([410, 'case_erased']);
    // A caseworker is offered no erasure.
    const worker = await actors.signIn('demo-a', 'caseworker');
    await worker.goto(`${stack.apiUrl}/app/cases/${caseId}`);
    await worker.getByTestId('case-error').waitFor();
    expect(await worker.getByText('Erase this case (data protection)').count()).toBe(0);
  });
});
