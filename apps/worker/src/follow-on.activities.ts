import { Injectable } from '@nestjs/common';
import { CaseStore } from '@waymark/cases';
import type { LinkedCaseActivities, StartFollowOnInput, StartFollowOnResult } from '@waymark/contracts';
import { CaseStarter } from '../../api/src/cases/case-starter';
import { followOnCaseId } from './follow-on-id';

/**
 * Starts a follow-on case for a person (StepSpec.startsCase) the way `POST /cases` starts one (CaseStarter: the
 * same checks of the intake and the participants, the same start), then links both cases. Every part is
 * idempotent: the id is derived, the workflow start tolerates its own earlier start, the row and the link are
 * written once.
 */
@Injectable()
export class FollowOnActivitiesService implements LinkedCaseActivities {
  constructor(
    private readonly starter: CaseStarter,
    private readonly store: CaseStore,
  ) {}

  async startFollowOnCase(input: StartFollowOnInput): Promise<StartFollowOnResult> {
    const sop = this.starter.sop(input.targetSop);
    if ('field' in sop) return { started: false, errors: [sop] };
    const checked = await this.starter.check(sop, input.intake, input.participants);
    if ('errors' in checked) return { started: false, errors: checked.errors };
    if (!Object.values(checked.participants).includes(input.openedBy.agencyId)) {
      return {
        started: false,
        errors: [
          { field: 'participants', reason: 'the agency completing the step takes no part in the follow-on case' },
        ],
      };
    }
    const caseId = followOnCaseId(input.caseId, input.step, input.subject);
    await this.starter.launch(caseId, checked, input.openedBy);
    const { created } = await this.store.links.link({
      fromCaseId: input.caseId,
      toCaseId: caseId,
      relation: 'follow-on',
      step: input.step,
      subject: input.subject,
      actor: input.openedBy,
      at: input.at,
      origin: 'workflow',
    });
    return { started: true, caseId, created };
  }

  toActivities(): LinkedCaseActivities {
    return { startFollowOnCase: this.startFollowOnCase.bind(this) };
  }
}
