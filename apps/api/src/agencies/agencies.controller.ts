import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainException, type Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { CreateAgencyDto, SetMembershipDto } from './agency.dto';
import { AgenciesService } from './agencies.service';
import { ApiErrors } from '../common/api-errors';

const SUB = /^[A-Za-z0-9._@-]{1,128}$/;

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @ApiErrors('auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: 'Agencies taking part in SOPs (id, name, kind, country)' })
  list() {
    return this.agencies.list();
  }

  @Post()
  @ApiErrors('body', 'auth', 'forbidden', 'conflict')
  @ApiCreatedResponse({ description: 'Created' })
  @ApiOperation({ summary: 'Register an agency (platform-admin)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgencyDto) {
    return this.agencies.create(actor, dto);
  }

  @Get(':id/members')
  @ApiErrors('auth', 'forbidden', 'notFound')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: "An agency's people and their roles (agency-admin of the agency, or platform-admin)" })
  members(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.agencies.members(actor, id);
  }

  @Put(':id/members/:sub')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound')
  @ApiOkResponse({ description: 'OK' })
  @ApiParam({
    name: 'sub',
    schema: { type: 'string', pattern: SUB.source },
    description: "The person's subject (token `sub`).",
  })
  @ApiOperation({ summary: "Set a person's roles in an agency" })
  setMember(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('sub') sub: string,
    @Body() dto: SetMembershipDto,
  ) {
    if (!SUB.test(sub)) {
      throw new DomainException('validation_failed', 'The person id in the path is malformed.', [
        { field: 'sub', reason: 'must be 1 to 128 letters, digits or . _ @ -' },
      ]);
    }
    return this.agencies.setMember(actor, id, sub, dto.roles);
  }
}
