import type { ConsentWaitInput, FindConsentInput, RecordStepConsentsInput } from '@waymark/contracts';
import { uuidFromKey } from '@waymark/notifications';
import type { CaseWriteContext } from './case-write-context';

/** The workflow's consent gate: the look-up, the wait on the timeline, and the consents a step's form records. */
export class ConsentWrites {
  constructor(private readonly ctx: CaseWriteContext) {}

  /** An active consent of this purpose (naming the agency, for sharing) that covers every scope asked for. */
  findConsent(input: FindConsentInput): Promise<{ consentId: string } | null> {
    return this.ctx.consents.findActive(input);
  }

  /** A step held back until consent: the case's timeline says so and the acting agency is told (ids only). */
  async recordConsentWait(input: ConsentWaitInput): Promise<void> {
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      const detail = {
        purpose: input.purpose,
        scope: [...input.scope],
        ...(input.sharedWithAgency ? { sharedWithAgency: input.sharedWithAgency } : {}),
        ...(input.subject ? { subject: input.subject } : {}),
      };
      const fresh = await this.ctx.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.caseId}:${input.key}`,
        at: input.at,
        kind: 'waiting-for-consent',
        step: input.step,
        agencyId: input.notify[0]?.agencyId ?? null,
        detail,
      });
      for (const who of input.notify) {
        await this.ctx.notifications.notify(
          {
            key: `${input.key}:${who.agencyId}`,
            kind: 'waiting-for-consent',
            agencyId: who.agencyId,
            roles: who.roles,
            caseId: input.caseId,
            sop: input.sop,
            step: input.step,
            at: input.at,
            detail,
          },
          em,
        );
      }
      if (fresh)
        await this.ctx.auditWrite(em, 'waiting-for-consent', input.caseId, null, null, {
          step: input.step,
          purpose: input.purpose,
        });
    });
  }

  /** Consent records from a step's form; ids derive from the task so a retried activity writes nothing twice. */
  async recordStepConsents(input: RecordStepConsentsInput): Promise<void> {
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      for (const [index, c] of input.consents.entries()) {
        const id = uuidFromKey(`step-consent:${input.taskId}:${index}`);
        const inserted = await this.ctx.consents.insert(
          {
            id,
            caseId: input.caseId,
            purpose: c.purpose,
            sharedWithAgency: c.sharedWithAgency ?? null,
            subject: c.subject ?? null,
            notForFamily: c.notForFamily ?? false,
            scope: c.scope,
            form: input.form,
            givenBy: input.givenBy,
            recordedBySub: input.actor.sub,
            recordedByAgency: input.actor.agencyId,
          },
          em,
        );
        if (inserted) {
          await this.ctx.auditWrite(em, 'consent-recorded', input.caseId, input.actor.agencyId, input.actor.sub, {
            consentId: id,
            purpose: c.purpose,
            sharedWithAgency: c.sharedWithAgency ?? null,
          });
        }
      }
    });
  }
}
