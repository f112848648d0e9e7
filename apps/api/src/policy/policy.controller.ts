import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DomainException,
  allowedCaseActions,
  defaultParticipants,
  effectiveView,
  type Actor,
} from '@waymark/contracts';
import { ACCESS_POLICY, SOPS, sopById } from '@waymark/workflows/sops';
import { CurrentActor } from '../auth/actor';
import { ApiErrors } from '../common/api-errors';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy')
export class PolicyController {
  @Get()
  @ApiErrors('input', 'auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({
    summary: 'The access policy over case compartments',
    description:
      'Compartments with their descriptions, the rules (which roles of which agency kinds may read or write which ' +
      'compartment in which SOP; deny rules win; some reads need a sharing consent), and the consent scope that covers ' +
      "each compartment, and `caseActions`: who may cancel or erase a whole case (the lead agency's coordinator, its " +
      "data-protection officer). With `?sop=`, also your own view in that SOP's default participants (before any consent).",
  })
  @ApiQuery({
    name: 'sop',
    required: false,
    enum: SOPS.map((s) => s.id),
    description: 'An SOP id: adds your effective read/write per compartment.',
  })
  get(@CurrentActor() actor: Actor, @Query('sop') sopId?: string) {
    if (sopId === undefined) return ACCESS_POLICY;
    const sop = sopById(sopId);
    if (!sop) {
      throw new DomainException('validation_failed', 'Unknown SOP; see GET /sops.', [
        { field: 'sop', reason: `must be one of: ${SOPS.map((s) => s.id).join(', ')}` },
      ]);
    }
    const participants = defaultParticipants(sop);
    const slots = Object.entries(participants)
      .filter(([, a]) => a === actor.agencyId)
      .map(([slot]) => slot);
    return {
      ...ACCESS_POLICY,
      view: {
        sop: sop.id,
        agencyId: actor.agencyId,
        roles: actor.roles,
        slots,
        compartments: effectiveView(ACCESS_POLICY, sop, participants, actor),
        caseActions: allowedCaseActions(ACCESS_POLICY.caseActions, sop, participants, actor),
      },
    };
  }
}
