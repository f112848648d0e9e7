import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgencyStore } from '@waymark/agencies';
import { CaseRowStore } from '@waymark/cases';
import { DomainException, SUPERVISOR_ROLES, assignTaskUpdate, findStep, type Actor } from '@waymark/contracts';
import { TaskEntity } from '@waymark/database';
import { TemporalClientHolder } from '@waymark/temporal';
import { DataSource } from 'typeorm';
import { caseErased } from '../erasure/case-erased';
import { SopOverlays } from '../sops/sop-overlays';
import { updateKnownTask } from './task-update';

/**
 * Who holds a task: its holder or a supervisor releases it; a supervisor hands it to a colleague of the same agency
 * who has a role the task needs (the agency's people: `memberships`, kept in step by PeopleSeen). The workflow checks
 * again in its update validator, so a request that raced a completion is refused there.
 */
@Injectable()
export class TaskAssignmentService {
  private readonly people: AgencyStore;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly temporal: TemporalClientHolder,
    private readonly overlays: SopOverlays,
  ) {
    this.people = new AgencyStore(ds);
  }

  /** The colleagues a supervisor may hand the task to, and who holds it now. */
  async assignees(actor: Actor, taskId: string) {
    const task = await this.openTaskOfAgency(actor, taskId);
    this.requireSupervisor(actor, task);
    const members = await this.people.members(task.agencyId);
    return {
      taskId,
      claimedBy: task.claimedBy,
      items: members
        .filter((m) => m.roles.some((r) => task.roles.includes(r)))
        .map((m) => ({ sub: m.sub, roles: m.roles, holds: m.sub === task.claimedBy })),
    };
  }

  async release(actor: Actor, taskId: string) {
    const task = await this.openTaskOfAgency(actor, taskId);
    if (!task.claimedBy) throw new DomainException('conflict', 'Nobody holds this task; there is nothing to release.');
    if (task.claimedBy !== actor.sub) this.requireSupervisor(actor, task);
    return this.update(task, actor, null);
  }

  async assign(actor: Actor, taskId: string, assignee: string) {
    const task = await this.openTaskOfAgency(actor, taskId);
    this.requireSupervisor(actor, task);
    const member = (await this.people.members(task.agencyId)).find((m) => m.sub === assignee);
    if (!member || !member.roles.some((r) => task.roles.includes(r))) {
      throw new DomainException('validation_failed', 'The task cannot go to this person; see `fields`.', [
        {
          field: 'assignee',
          reason: `is not someone of your agency with one of the roles: ${task.roles.join(', ')}`,
        },
      ]);
    }
    if (task.claimedBy === assignee) {
      throw new DomainException('conflict', 'This colleague holds the task already.');
    }
    return this.update(task, actor, { sub: member.sub, roles: member.roles });
  }

  private async update(task: TaskEntity, actor: Actor, assignee: { sub: string; roles: string[] } | null) {
    const result = await updateKnownTask(() =>
      this.temporal.bounded((client) =>
        client.workflow
          .getHandle(task.workflowId)
          .executeUpdate(assignTaskUpdate, { args: [{ taskId: task.id, actor, assignee }] }),
      ),
    );
    return { ...result, caseId: task.caseId };
  }

  /** Another agency's task is answered exactly like a missing one. */
  private async openTaskOfAgency(actor: Actor, taskId: string): Promise<TaskEntity> {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task || task.agencyId !== actor.agencyId) {
      throw new DomainException('not_found', "No such task in your agency's inbox.");
    }
    if (task.status !== 'open') {
      const erasedAt = await new CaseRowStore(this.ds).erasedAt(task.caseId);
      throw erasedAt
        ? caseErased()
        : new DomainException('task_closed', 'The task is already closed; reload the inbox.');
    }
    return task;
  }

  private requireSupervisor(actor: Actor, task: TaskEntity): void {
    const sop = this.overlays.sop(task.sop);
    const slot = sop ? findStep(sop, task.step).actor.slot : undefined;
    const roles = (slot && sop?.participants[slot]?.supervisorRoles) || SUPERVISOR_ROLES;
    if (!actor.roles.some((r) => roles.includes(r))) {
      throw new DomainException('forbidden', `Handing tasks out needs one of the roles: ${roles.join(', ')}.`);
    }
  }
}
