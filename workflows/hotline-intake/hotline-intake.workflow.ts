import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { HOTLINE_INTAKE_SOP } from './hotline-intake.sop';

interface Intake {
  isMinor: boolean;
}
interface RiskCheck {
  immediateDanger: boolean;
  personReachable: boolean;
}
interface EmergencyConsent {
  agreesToPolice: boolean;
  agreesToMedical: boolean;
}
type Located = {
  outcome: 'found-and-safe' | 'found-declined-help' | 'not-found';
  personAgreesToReferral: boolean;
  givenBy: 'person' | 'guardian';
  consentForm: 'verbal' | 'written';
};

/**
 * Hotline crisis intake (catalogue T1; C4 L6550-L6699). The risk check comes first; then two tracks side by side: the
 * emergency help the person agrees to (none without their word), and the partner NGO finding and assisting the
 * person, which never waits on the first. A person found safe who agrees is referred on; the call is closed last.
 */
export async function hotlineIntakeWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(HOTLINE_INTAKE_SOP, input);
  const intake = input.intake as unknown as Intake;
  return sop.run(async () => {
    const risk = (await sop.humanTask<RiskCheck>('risk-check')).form;
    const [located] = await Promise.all([sop.humanTask<Located>('locate-and-assist'), emergencyHelp(sop, risk)]);
    const found = located.form;
    let referred = false;
    if (found.outcome === 'found-and-safe' && found.personAgreesToReferral) {
      // The referral carries the person's needs on under their own consent (a child's: the guardian's), L6669.
      await sop.recordConsents(located, {
        form: found.consentForm,
        givenBy: intake.isMinor ? 'guardian' : found.givenBy,
        consents: [{ purpose: 'assistance', scope: ['needs-and-risks'] }],
      });
      const referral = await sop.decide<string>('refer-on', 'referral');
      referred = referral.value !== 'none';
    }
    await sop.humanTask('close-contact');
    if (found.outcome === 'not-found') return 'not-located';
    if (found.outcome === 'found-declined-help') return 'declined-help';
    return referred ? 'referred-for-assistance' : 'assisted';
  });
}

/**
 * The emergency track: only for a person in immediate danger who can be asked; each service is alerted only when the
 * person agreed to it. A person in danger who cannot be reached gets no call made in their name here (a timeline
 * entry says so); the partner NGO's search is already under way.
 */
async function emergencyHelp(sop: SopRuntime, risk: RiskCheck): Promise<void> {
  if (!risk.immediateDanger) return;
  if (!risk.personReachable) {
    await sop.note('warning', { step: 'emergency-consent', detail: { rule: 'emergency-help-only-where-agreed' } });
    return;
  }
  const agreed = (await sop.humanTask<EmergencyConsent>('emergency-consent')).form;
  const alerts: Promise<unknown>[] = [];
  if (agreed.agreesToPolice) alerts.push(sop.humanTask('alert-police'));
  if (agreed.agreesToMedical) alerts.push(sop.humanTask('alert-medical'));
  await Promise.all(alerts);
}
