import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  adminSecretFile,
  issueToken,
  loadOrCreateAdminSecret,
  loadOrCreateSigningKey,
  PRIVILEGED_DEV_ROLES,
  sameSecret,
} from '@waymark/auth';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { DomainException } from '@waymark/contracts';
import { SOPS } from '@waymark/workflows/sops';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Public } from './actor';
import { signInAgencies } from './sign-in-options';
import { ApiErrors } from '../common/api-errors';

export class DevTokenDto {
  @ApiProperty({ example: 'venice-cau', pattern: '^[a-z0-9-]{1,64}$' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'agency must be an agency id such as venice-cau' })
  agency: string;

  @ApiProperty({ example: 'social-worker', pattern: '^[a-z0-9-]{1,64}$' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'role must be a role name such as social-worker' })
  role: string;

  @ApiProperty({
    required: false,
    description:
      'The local admin secret (`npm start` prints it; file local-admin-secret in the data directory): required for operator, data-protection-officer, platform-admin and auditor',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  adminSecret?: string;
}

/**
 * How the web application signs people in. The embedded default (no OIDC_ISSUER) issues local tokens for the
 * seeded agencies and roles; production names the OIDC issuer and the client the browser uses (code + PKCE).
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig) {}

  private get local(): boolean {
    return !this.config.env.OIDC_ISSUER;
  }

  @Get('config')
  @ApiErrors()
  @ApiOkResponse({ description: 'OK' })
  @Public()
  @ApiOperation({ summary: 'Sign-in mode: `local` (embedded default, with the seeded agencies and roles) or `oidc`' })
  authConfig() {
    const { env } = this.config;
    if (!this.local) {
      return {
        mode: 'oidc' as const,
        issuer: env.OIDC_ISSUER!,
        clientId: env.OIDC_CLIENT_ID,
        scopes: env.OIDC_SCOPES,
        agencyClaim: env.OIDC_AGENCY_CLAIM,
        rolesClaim: env.OIDC_ROLES_CLAIM,
      };
    }
    return { mode: 'local' as const, agencies: signInAgencies(SOPS) };
  }

  @Post('dev-token')
  @ApiErrors('body', 'forbidden', 'notFound')
  @ApiCreatedResponse({ description: 'Created' })
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Embedded default only: a local token for a seeded agency and role (404 under OIDC)' })
  async devToken(@Body() dto: DevTokenDto) {
    // Under OIDC the route does not exist for callers: identity comes from the issuer only.
    if (!this.local) throw new DomainException('not_found', 'No such route.');
    const agency = signInAgencies(SOPS).find((a) => a.id === dto.agency);
    if (!agency) {
      throw new DomainException('validation_failed', 'Unknown agency; see `fields`.', [
        { field: 'agency', reason: 'must be one of the agencies GET /auth/config lists' },
      ]);
    }
    if (!agency.roles.includes(dto.role)) {
      throw new DomainException('validation_failed', 'This agency has no such role; see `fields`.', [
        { field: 'role', reason: 'must be one of the roles GET /auth/config lists for the agency' },
      ]);
    }
    if (PRIVILEGED_DEV_ROLES.includes(dto.role)) {
      const { secret } = loadOrCreateAdminSecret(adminSecretFile(this.config.dataDir));
      if (!dto.adminSecret || !sameSecret(dto.adminSecret, secret)) {
        throw new DomainException('forbidden', 'This role needs the local admin secret; see `fields`.', [
          {
            field: 'adminSecret',
            reason:
              'required for this role: the value `npm start` printed (file local-admin-secret in the data directory)',
          },
        ]);
      }
    }
    const keys = await loadOrCreateSigningKey(this.config.signingKeyFile);
    const sub = `${dto.agency}-${dto.role}`;
    const token = await issueToken(keys, { sub, agency: dto.agency, roles: [dto.role] }, '12h');
    return { token, sub, agency: dto.agency, roles: [dto.role] };
  }
}
