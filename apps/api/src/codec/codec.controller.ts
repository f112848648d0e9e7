import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import type { Actor } from '@waymark/contracts';
import type { Request, Response } from 'express';
import { AcceptsCodecSession, CurrentActor } from '../auth/actor';
import { CodecSessions, codecSessionCookie, CODEC_SESSION_COOKIE, readCodecSessionCookie } from './codec-session';
import { parsePayloads, toJsonPayload } from './codec-payloads';
import { CodecService } from './codec.service';

/**
 * Temporal's remote codec protocol (`--codec-endpoint` of the CLI, `--ui-codec-endpoint` of the dev server's UI):
 * POST {endpoint}/decode and {endpoint}/encode with `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`.
 * The body is read untyped so the global validation pipe leaves it to `parsePayloads`.
 */
@ApiTags('codec')
@ApiBearerAuth()
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
  @HttpCode(204)
  @ApiOperation({ summary: 'End the codec session of this browser (clears the cookie)' })
  closeSession(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    res.setHeader('Set-Cookie', codecSessionCookie(null, this.secureCookie(req)));
  }

  @Post('decode')
  @HttpCode(200)
  @AcceptsCodecSession()
  @ApiCookieAuth(CODEC_SESSION_COOKIE)
  @ApiOperation({ summary: 'Decode Temporal payloads (roles operator or platform-admin); every decode is audited' })
  @ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal Web UI; not used.' })
  async decode(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const payloads = await this.codec.decode(actor, parsePayloads(body));
    return { payloads: payloads.map(toJsonPayload) };
  }

  @Post('encode')
  @HttpCode(200)
  @AcceptsCodecSession()
  @ApiCookieAuth(CODEC_SESSION_COOKIE)
  @ApiOperation({ summary: 'Encode Temporal payloads with the deployment key (roles operator or platform-admin)' })
  async encode(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const payloads = await this.codec.encode(actor, parsePayloads(body));
    return { payloads: payloads.map(toJsonPayload) };
  }
}
