import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgencyStore } from '@waymark/agencies';
import type { Actor } from '@waymark/contracts';
import { DataSource } from 'typeorm';

/** How many people one API process remembers having recorded (then it forgets and records again: harmless). */
const REMEMBERED = 10_000;

/**
 * Keeps each agency's list of people (memberships) in step with who acts for it: a supervisor hands a task only to
 * a colleague the list knows, with the roles their token carries. One write per person and set of roles per API
 * process, off the request's path; a failed write is logged without the person's id and tried on a later request.
 */
@Injectable()
export class PeopleSeen {
  private readonly logger = new Logger('PeopleSeen');
  private readonly store: AgencyStore;
  private readonly recorded = new Set<string>();

  constructor(@InjectDataSource() ds: DataSource) {
    this.store = new AgencyStore(ds);
  }

  seen(actor: Actor): void {
    const key = `${actor.agencyId}\u0000${actor.sub}\u0000${[...actor.roles].sort().join(',')}`;
    if (this.recorded.has(key)) return;
    if (this.recorded.size >= REMEMBERED) this.recorded.clear();
    this.recorded.add(key);
    this.store.recordSeen(actor.agencyId, actor.sub, actor.roles).catch((err: unknown) => {
      this.recorded.delete(key);
      this.logger.warn(`Could not record a person of an agency: ${err instanceof Error ? err.name : 'error'}`);
    });
  }
}
