import type { TimelineNoteInput } from '@waymark/contracts';
import { TaskEntity } from '@waymark/database';
import { IsNull, type EntityManager } from 'typeorm';
import type { EscalationResolution, EscalationStore } from './escalation.store';

/**
 * Two timeline entries end tasks that were still open, in the same transaction that records them: a person's
 * branch ended by an event about the person (`person-branch-ended`: the branch's tasks), and a new round of the case
 * (`round-started`: the tasks the old round left open in the workflow that started it; person branches keep theirs).
 */
export async function closeTasksLeftOpen(
  em: EntityManager,
  escalations: EscalationStore,
  note: TimelineNoteInput,
): Promise<void> {
  const subject = typeof note.detail?.subject === 'string' ? note.detail.subject : null;
  if (note.kind === 'person-branch-ended' && subject !== null)
    await closeOpenTasks(em, escalations, note.caseId, subject, note.at, 'branch-ended');
  if (note.kind === 'round-started')
    await closeOpenTasks(em, escalations, note.caseId, subject, note.at, 'round-reopened');
}

async function closeOpenTasks(
  em: EntityManager,
  escalations: EscalationStore,
  caseId: string,
  subject: string | null,
  at: string,
  resolution: EscalationResolution,
): Promise<void> {
  const where = { caseId, subject: subject ?? IsNull(), status: 'open' as const };
  const open = await em.find(TaskEntity, { where, select: { id: true } });
  if (open.length === 0) return;
  await em.update(TaskEntity, where, { status: 'cancelled' });
  for (const t of open) await escalations.resolveForTask(em, t.id, at, resolution);
}
