import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLATFORM_ADMIN } from '../agencies/agencies.service';
import { DomainException, type Actor } from '@waymark/contracts';
import { KeyOwnedElsewhereError, ReferralError, type ReferralErrorCode } from '@waymark/referral';
import { importJWK } from 'jose';
import type { Request, Response } from 'express';
import { CurrentActor, Public } from '../auth/actor';
import { ApiErrors } from '../common/api-errors';
import { InboxDto, PartnerDto } from './referral.dto';
import { ReferralDeps } from './referral-deps';
import { ReferralInboxService } from './referral-inbox.service';

function requireAdmin(actor: Actor): void {
  if (!actor.roles.includes(PLATFORM_ADMIN))
    throw new DomainException('forbidden', `The partner directory and the keys need the ${PLATFORM_ADMIN} role.`);
}

@ApiTags('referrals')
@Controller('referral')
export class ReferralPartnersController {
  constructor(private readonly deps: ReferralDeps) {}

  @Get('keys')
  @Public()
  @ApiErrors()
  @ApiOkResponse({ description: "This deployment's id and public keys (signing and encryption), for partners" })
  @ApiOperation({ summary: "This deployment's public referral keys (no sign-in: partners register them)" })
  async keys() {
    return { deployment: this.deps.deployment, keys: await this.deps.keys.publicKeys() };
  }

  @Post('keys/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiErrors('auth', 'forbidden')
  @ApiOkResponse({ description: 'The public keys after the rotation: new active keys, the last ones as previous' })
  @ApiOperation({ summary: "Rotate this deployment's referral keys (platform-admin); partners register the new ones" })
  async rotate(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { deployment: this.deps.deployment, keys: await this.deps.keys.rotate() };
  }

  @Get('partners')
  @ApiBearerAuth()
  @ApiErrors('auth')
  @ApiOkResponse({ description: 'Partner deployments, their keys (with status) and the referrals they take' })
  @ApiOperation({ summary: 'The partner directory' })
  async list() {
    return { items: await this.deps.partners.list() };
  }

  @Post('partners')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiErrors('body', 'auth', 'forbidden', 'conflict')
  @ApiOkResponse({ description: 'The partner as registered; `created` says whether it is new' })
  @ApiOperation({
    summary: 'Register or update a partner deployment (platform-admin)',
    description:
      'Keys are added to those known (a rotation overlaps: both verify until the old one is revoked); `accepts` is ' +
      'replaced. A key id another partner registered is refused.',
  })
  async upsert(@CurrentActor() actor: Actor, @Body() dto: PartnerDto) {
    requireAdmin(actor);
    const partnerId = dto.id;
    const bad = (field: string, reason: string) =>
      new DomainException('validation_failed', 'The partner has invalid fields; see `fields`.', [{ field, reason }]);
    for (const [i, k] of dto.keys.entries()) {
      const crv = k.use === 'sig' ? 'Ed25519' : 'X25519';
      if (k.jwk.kty !== 'OKP' || k.jwk.crv !== crv || 'd' in k.jwk)
        throw bad(`keys.${i}.jwk`, `must be a public ${crv} key (kty OKP, crv ${crv}, no private part)`);
      try {
        await importJWK(k.jwk, k.use === 'sig' ? 'EdDSA' : 'ECDH-ES+A256KW');
      } catch {
        throw bad(`keys.${i}.jwk`, 'is not a usable key');
      }
    }
    if (!dto.keys.some((k) => k.use === 'sig') || !dto.keys.some((k) => k.use === 'enc'))
      throw bad('keys', 'must hold a signing (sig) and an encryption (enc) key');
    try {
      const { created } = await this.deps.partners.upsert(partnerId, dto);
      return { created, ...(await this.deps.partners.get(partnerId)) };
    } catch (err) {
      if (err instanceof KeyOwnedElsewhereError)
        throw new DomainException('conflict', 'A key id in `keys` belongs to another partner.');
      throw err;
    }
  }

  @Post('partners/:partnerId/keys/:kid/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiErrors('auth', 'forbidden', 'notFound')
  @ApiOkResponse({ description: 'Revoked: messages signed with it are refused as revoked_key' })
  @ApiOperation({ summary: "Revoke a partner's key (platform-admin)" })
  async revoke(@CurrentActor() actor: Actor, @Param('partnerId') partnerId: string, @Param('kid') kid: string) {
    requireAdmin(actor);
    if (!(await this.deps.partners.revokeKey(partnerId, kid)))
      throw new DomainException('not_found', 'No key with this id for this partner.');
    return { partnerId, kid, status: 'revoked' };
  }
}

const STATUS: Readonly<Record<ReferralErrorCode, number>> = {
  too_large: 413,
  unknown_key: 400,
  revoked_key: 400,
  undecryptable: 400,
  bad_signature: 400,
  invalid_message: 400,
  expired: 400,
  replayed: 409,
};

@ApiTags('referrals')
@Controller('referral/inbox')
export class ReferralInboxController {
  constructor(private readonly inbox: ReferralInboxService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiErrors('body')
  @ApiOkResponse({ description: '`{packet}`: the signed, encrypted acknowledgement of the message' })
  @ApiOperation({
    summary: 'The receiving endpoint of the referral protocol (partners only; authenticated by signature)',
    description:
      'Refusals answer `{error: <code>, message, fields}` with 400 (413 too_large, 409 replayed); 503 means try ' +
      'again later. See docs/referral-protocol.md.',
  })
  async receive(@Body() dto: InboxDto, @Req() _req: Request, @Res() res: Response) {
    if (typeof dto?.packet !== 'string' || dto.packet.length === 0) {
      res.status(400).json({ statusCode: 400, error: 'invalid_message', message: 'The body must be {packet}.' });
      return;
    }
    try {
      const answer = await this.inbox.receive(dto.packet);
      if (answer.duplicate) res.setHeader('x-referral-duplicate', 'true');
      res.status(200).json({ packet: answer.packet });
    } catch (err) {
      if (!(err instanceof ReferralError)) throw err;
      const statusCode = STATUS[err.code];
      res.status(statusCode).json({ statusCode, error: err.code, message: err.message, fields: err.fields });
    }
  }
}
