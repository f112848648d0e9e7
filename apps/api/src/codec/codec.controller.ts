import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import type { Actor } from '@waymark/contracts';
import type { Request, Response } from 'express';
import { AcceptsCodecSession, CurrentActor } from '../auth/actor';
import { CodecSessions, codecSessionCookie, CODEC_SESSION_COOKIE, readCodecSessionCookie } from './codec-session';
import { parsePayloads, toJsonPayload } from './codec-payloads';
import { CodecService } from './codec.service';

const BASE64 = { type: 'string', format: 'byte', pattern: '^[A-Za-z0-9+/]*={0,2}$' };
/** Temporal's codec JSON, as `parsePayloads` reads it (a body without `payloads` is an empty list). */
const PAYLOADS_BODY = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      payloads: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          additionalProperties: false,
          properties: { metadata: { type: 'object', additionalProperties: BASE64 }, data: BASE64 },
        },
      },
    },
  },
};
import { ApiErrors } from '../common/api-errors';

/**
 * Temporal's remote codec protocol (`--codec-endpoint` of the CLI, `--ui-codec-endpoint` of the dev server's UI):
 * POST {endpoint}/decode and {endpoint}/encode with `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`.
 * The body is read untyped so the global validation pipe leaves it to `parsePayloads`.
 */
@ApiTags('codec')
@Controller('codec')
export class CodecController {
  constructor(
    private readonly codec: CodecService,
    private readonly sessions: CodecSessions,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
  ) {}

  /** Secure whenever the request came over HTTPS, and always in production (which sits behind TLS). */
  private secureCookie(req: Request): boolean {
    return req.secure || this.config.env.NODE_ENV === 'production';
  }

  // GET and DELETE need the caller's bearer token (the guard answers 401 without one): they are the web app's.
  @Get('session')
  @ApiBearerAuth()
  @ApiErrors('auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({
    summary: "Whether this browser holds a valid codec session, and until when (reads only the caller's own cookie)",
  })
  sessionStatus(@Req() req: Request) {
    const value = readCodecSessionCookie(req.headers.cookie);
    const expiresAt = value ? this.sessions.expiryOf(value) : undefined;
    return expiresAt
      ? { active: true, expiresAt, temporalUiOrigins: this.config.codecCorsOrigins }
      : { active: false, temporalUiOrigins: this.config.codecCorsOrigins };
  }

  @Post('session')
  @ApiBearerAuth()
  @ApiErrors('auth', 'forbidden')
  @ApiCreatedResponse({ description: 'Created' })
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Let Temporal\'s Web UI in this browser decode for an hour (roles operator or platform-admin): sets an HttpOnly cookie for /codec; turn on "Include cross-origin credentials" in the UI\'s Codec Server settings',
  })
  async openSession(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const session = await this.codec.openSession(actor);
    res.setHeader('Set-Cookie', codecSessionCookie(session.value, this.secureCookie(req)));
    return { expiresAt: session.expiresAt, temporalUiOrigins: this.config.codecCorsOrigins };
  }

  @Delete('session')
  @ApiBearerAuth()
  @ApiErrors('auth')
  @ApiNoContentResponse({ description: 'Done; no body' })
  @HttpCode(204)
  @ApiOperation({ summary: 'End the codec session of this browser (clears the cookie)' })
  closeSession(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    res.setHeader('Set-Cookie', codecSessionCookie(null, this.secureCookie(req)));
  }

  @Post('decode')
  @ApiBearerAuth()
  @ApiErrors('body', 'auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @HttpCode(200)
  @AcceptsCodecSession()
  @ApiCookieAuth(CODEC_SESSION_COOKIE)
  @ApiBody(PAYLOADS_BODY)
  @ApiOperation({ summary: 'Decode Temporal payloads (roles operator or platform-admin); every decode is audited' })
  @ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal Web UI; not used.' })
  async decode(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const payloads = await this.codec.decode(actor, parsePayloads(body));
    return { payloads: payloads.map(toJsonPayload) };
  }

  @Post('encode')
  @ApiBearerAuth()
  @ApiErrors('body', 'auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @HttpCode(200)
  @AcceptsCodecSession()
  @ApiCookieAuth(CODEC_SESSION_COOKIE)
  @ApiBody(PAYLOADS_BODY)
  @ApiOperation({ summary: 'Encode Temporal payloads with the deployment key (roles operator or platform-admin)' })
  async encode(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const payloads = await this.codec.encode(actor, parsePayloads(body));
    return { payloads: payloads.map(toJsonPayload) };
  }
}
