import type { ParticipantChangedInput } from '@waymark/contracts';
import type { CaseWriteContext } from './case-write-context';

/**
 * A participant change in the read model (see ParticipantChangedInput), in one transaction: the case row's slot map
 * and the agencies with access (the agency replaced loses access at the commit), the slot's open tasks moved to the
 * new agency, a timeline entry, a notice to each agency, and an audit entry. Idempotent under activity retries: the
 * timeline key says whether the change is new, and tasks already moved do not move again.
 */
export class ParticipantWrites {
  constructor(private readonly ctx: CaseWriteContext) {}

  async recordParticipantChanged(input: ParticipantChangedInput): Promise<{ movedTasks: number }> {
    return this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'update'))) return { movedTasks: 0 };
      const movedTasks = await this.ctx.rows.moveOpenTasks(em, input);
      if (input.moveOnly) return { movedTasks };
      await this.ctx.rows.setParticipants(em, input.caseId, input.participants);
      const fresh = await this.ctx.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: input.key,
        at: input.at,
        kind: 'participant-changed',
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        detail: {
          slot: input.slot,
          from: input.from,
          to: input.to,
          reason: input.reason,
          ...(input.withdrawn ? { withdrawn: true } : {}),
        },
      });
      if (!fresh) return { movedTasks };
      for (const [agencyId, kind] of [
        [input.to, 'participant-joined'],
        [input.from, 'participant-left'],
      ] as const) {
        await this.ctx.notifications.notify(
          {
            key: `${input.key}:${kind}`,
            agencyId,
            // Those acting in the slot and its supervisors hear of it: notices carry ids and the slot only.
            roles: input.notifyRoles,
            kind,
            caseId: input.caseId,
            sop: input.sop,
            at: input.at,
            detail: { slot: input.slot, movedTasks },
          },
          em,
        );
      }
      await this.ctx.auditWrite(em, 'participant-changed', input.caseId, input.actor.agencyId, input.actor.sub, {
        slot: input.slot,
        from: input.from,
        to: input.to,
        movedTasks,
      });
      return { movedTasks };
    });
  }
}
