import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import {
  caseEndState,
  interviewProblems,
  personsFound,
  type InterviewRecord,
  type PersonsFound,
} from './venice-inspection.persons';
import { VENICE_INSPECTION_SOP } from './venice-inspection.sop';

type PlanDecision = 'confirmed' | 'revise' | 'call-off';

/**
 * Venice Crisis and Assessment Unit (seed P6, L4402-L4416): joint planning, the inspection by labour inspectors and
 * law enforcement, then, kept apart from it (L1618-L1621), the municipal team's work with each vulnerable worker and
 * each child, each in its own child workflow.
 */
export async function veniceInspectionWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(VENICE_INSPECTION_SOP, input);
  return sop.run(async () => {
    const plannedDate = await jointPlanning(sop);
    if (plannedDate === undefined) return 'inspection-called-off';
    await untilInspectionDay(sop, plannedDate);
    // L4406-L4408: inspectors and officers check the premises together; each records what its mandate covers.
    await Promise.all([sop.humanTask('compliance-check-labour'), sop.humanTask('compliance-check-police')]);
    const found = await workerInterviews(sop);
    // L4413: the workers not found vulnerable are informed while the municipal team works with the others.
    const [, workerEnds] = await Promise.all([informNotVulnerable(sop, found), protectionPhase(sop, found)]);
    return caseEndState(workerEnds);
  });
}

/**
 * L4405-L4406: "the team meets and jointly plans". Each agency confirms its part in parallel (inferred); any request
 * to revise opens a new round for all three; only the Unit, which received the signal, may call the inspection off.
 * Returns the agreed date, or undefined when called off.
 */
async function jointPlanning(sop: SopRuntime): Promise<string | undefined> {
  for (let round = 1; ; round += 1) {
    const unit = sop.decide<PlanDecision>('joint-planning-unit', 'decision');
    const partners = Promise.all([
      sop.decide<PlanDecision>('joint-planning-inspectorate', 'decision'),
      sop.decide<PlanDecision>('joint-planning-police', 'decision'),
    ]);
    // A cancellation rejects both waits; `unit` surfaces it, and this keeps the other from being an unhandled rejection.
    partners.catch(() => undefined);
    const own = await unit;
    // A call-off does not wait for the partners: their open confirmations are cancelled with the case.
    if (own.value === 'call-off') return undefined;
    const answers = [own, ...(await partners)];
    const asking = answers.filter((a) => a.value !== 'confirmed').map((a) => a.actor.agencyId);
    if (asking.length === 0) return own.form.plannedDate as string;
    await sop.note('plan-revision-requested', { step: 'joint-planning-unit', detail: { round, agencies: asking } });
  }
}

/** The on-site tasks open on the agreed day (start of the day, UTC, for a date without a time). */
async function untilInspectionDay(sop: SopRuntime, plannedDate: string): Promise<void> {
  const wait = Date.parse(plannedDate) - Date.now();
  if (wait <= 0) return;
  await sop.note('waiting-for-inspection-day', { detail: { plannedDate } });
  await sop.sleep(wait);
}

/** L4408-L4410: the interview record; one whose codes could be names or do not add up is sent back. */
async function workerInterviews(sop: SopRuntime): Promise<PersonsFound> {
  for (;;) {
    const { form } = await sop.humanTask<InterviewRecord>('worker-interviews');
    const problems = interviewProblems(form);
    if (problems.length === 0) return personsFound(form);
    await sop.note('interview-record-sent-back', { step: 'worker-interviews', detail: { problems } });
  }
}

async function informNotVulnerable(sop: SopRuntime, found: PersonsFound): Promise<void> {
  if (found.notVulnerable > 0) await sop.humanTask('information-non-vulnerable');
}

/**
 * L4409-L4416: only now does the municipal team join; one child workflow per vulnerable worker and per child, all in
 * parallel. Returns the workers' end states (children end on their own branch).
 */
async function protectionPhase(sop: SopRuntime, found: PersonsFound): Promise<string[]> {
  if (found.vulnerable.length === 0 && found.children.length === 0) return [];
  await sop.humanTask('municipal-team-joins');
  const branches = [];
  for (const code of found.vulnerable)
    branches.push(await sop.startPerson<CaseResult>('veniceVulnerableWorkerWorkflow', code));
  for (const code of found.children) branches.push(await sop.startPerson<CaseResult>('veniceChildWorkflow', code));
  const results = await sop.awaitPersons(branches);
  return results.slice(0, found.vulnerable.length).map((r) => r.endState);
}
