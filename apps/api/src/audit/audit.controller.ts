import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog, type AuditRecord, type AuditVerifyResult } from '@waymark/audit';
import { CaseRowStore } from '@waymark/cases';
import { DomainException, type Actor } from '@waymark/contracts';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../auth/actor';
import { AuditQueryDto } from './audit-query.dto';
import { ApiErrors } from '../common/api-errors';

const READ_ROLES = ['auditor', 'manager', 'supervisor'];
const VERIFY_ROLES = ['auditor', 'manager'];

function requireRole(actor: Actor, roles: string[]): void {
  if (!actor.roles.some((r) => roles.includes(r))) {
    throw new DomainException('forbidden', `Only the roles ${roles.join(', ')} may do this; ask one of them.`);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Get()
  @ApiErrors('input', 'auth', 'forbidden', 'notFound')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: "A case's audit entries (auditors, managers, supervisors of a participating agency)" })
  async list(
    @CurrentActor() actor: Actor,
    @Query() q: AuditQueryDto,
  ): Promise<{ items: Omit<AuditRecord, 'prevHash'>[]; limit: number }> {
    requireRole(actor, READ_ROLES);
    if (!(await new CaseRowStore(this.ds).isParticipant(q.caseId, actor.agencyId)))
      throw new DomainException('not_found', 'No such case among those your agency takes part in.');
    const rows = await this.audit.forCase(q.caseId, q.limit);
    return { items: rows.map(({ prevHash: _prev, ...r }) => r), limit: q.limit };
  }

  @Get('verify')
  @ApiErrors('auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({
    summary: 'Walks the whole hash chain and names the first row that does not match (auditors, managers)',
  })
  verify(@CurrentActor() actor: Actor): Promise<AuditVerifyResult> {
    requireRole(actor, VERIFY_ROLES);
    return this.audit.verify();
  }
}
