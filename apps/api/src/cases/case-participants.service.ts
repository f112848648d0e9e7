import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgencyStore } from '@waymark/agencies';
import {
  DomainException,
  changeParticipantUpdate,
  participantChangeErrors,
  slotKindMismatch,
  type Actor,
  type FieldError,
  type SopDefinition,
} from '@waymark/contracts';
import { TemporalClientHolder } from '@waymark/temporal';
import { sopById } from '@waymark/workflows/sops';
import { DataSource } from 'typeorm';
import { requireCaseAction } from '../policy/case-actions';
import type { ChangeParticipantDto } from './start-case.dto';
import { requireVisibleCase } from './visible-case';

/**
 * Agencies joining a running case (POST /cases/:id/participants): the lead agency's coordinator puts a registered
 * agency of a fitting kind in a changeable slot. The workflow takes the change as an update (the truth), moves the
 * slot's open tasks and the read model's access in one transaction, and the agency replaced sees the case no more.
 */
@Injectable()
export class CaseParticipantsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly temporal: TemporalClientHolder,
  ) {}

  async change(actor: Actor, caseId: string, dto: ChangeParticipantDto) {
    const row = await requireVisibleCase(this.ds.manager, actor, caseId);
    requireCaseAction(row, actor, 'case:change-participants');
    if (row.status !== 'open') throw new DomainException('case_closed', 'The case is already closed.');
    const sop = sopById(row.sop);
    if (!sop) throw new DomainException('conflict', 'This case runs an SOP this deployment no longer serves.');
    const errors = participantChangeErrors(sop, row.participants, dto);
    if (errors.length === 0 && dto.withdraw !== true)
      errors.push(...(await this.directoryErrors(sop, dto, dto.agencyId!)));
    if (errors.length > 0)
      throw new DomainException(
        'validation_failed',
        'The participant change has invalid fields; see `fields`.',
        errors,
      );
    const result = await this.temporal.bounded((client) =>
      client.workflow.getHandle(row.workflowId).executeUpdate(changeParticipantUpdate, {
        args: [
          {
            actor,
            slot: dto.slot,
            reason: dto.reason,
            ...(dto.withdraw === true ? { withdraw: true } : { agencyId: dto.agencyId }),
          },
        ],
      }),
    );
    return { caseId, ...result };
  }

  /** The agency exists in the directory and is of a kind the slot takes. */
  private async directoryErrors(
    sop: SopDefinition,
    dto: ChangeParticipantDto,
    agencyId: string,
  ): Promise<FieldError[]> {
    const kind = (await new AgencyStore(this.ds).kindsOf([agencyId])).get(agencyId);
    if (kind === undefined)
      return [{ field: 'agencyId', reason: 'is not an agency of this deployment (see GET /agencies)' }];
    const mismatch = slotKindMismatch(sop.participants[dto.slot], kind);
    return mismatch ? [{ field: 'agencyId', reason: mismatch }] : [];
  }
}
