import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
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
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decode Temporal payloads (roles operator or platform-admin); every decode is audited' })
  @ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal Web UI; not used.' })
  async decode(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const payloads = await this.codec.decode(actor, parsePayloads(body));
    return { payloads: payloads.map(toJsonPayload) };
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encode Temporal payloads with the deployment key (roles operator or platform-admin)' })
  async encode(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const payloads = await this.codec.encode(actor, parsePayloads(body));
    return { payloads: payloads.map(toJsonPayload) };
  }
}
