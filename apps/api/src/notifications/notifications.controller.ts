import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { PageQuery } from '../common/page.query';
import { uuidParam } from '../common/uuid-param';
import { NotificationsService } from './notifications.service';
import { ApiErrors, ApiUuidParam } from '../common/api-errors';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  // Only `true` and `false` are booleans; any other word stays a string and IsBoolean refuses it (400 naming unread).
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean({ message: 'unread must be true or false' })
  unread = false;
}

export class CreateWebhookDto {
  /** Checked by the service against the target policy (docs/security/webhooks.md) with the delivery's URL parser. */
  @ApiProperty({
    example: 'https://agency.example/waymark-hook',
    format: 'uri',
    pattern: '^https?://',
    maxLength: 2048,
    description: 'https in production; never a loopback, private, link-local or metadata address',
  })
  @IsString({ message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url: string;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiErrors('input', 'auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: 'Your notifications (reminders, escalations, extensions); case reference and step only' })
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q.unread, q.limit, q.offset);
  }

  @Post('notifications/:id/read')
  @ApiErrors('input', 'auth', 'notFound')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a notification as read (for you)' })
  markRead(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.notifications.markRead(actor, id);
  }

  @Post('webhooks')
  @ApiErrors('body', 'auth', 'forbidden')
  @ApiCreatedResponse({ description: 'Created' })
  @ApiOperation({
    summary: "Register an outbound webhook for your agency's notifications (HMAC-signed; secret shown once)",
  })
  createWebhook(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto) {
    return this.notifications.createWebhook(actor, dto.url);
  }

  @Get('webhooks')
  @ApiErrors('auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: "Your agency's webhooks" })
  listWebhooks(@CurrentActor() actor: Actor) {
    return this.notifications.listWebhooks(actor);
  }

  @Get('webhooks/:id/deliveries')
  @ApiErrors('input', 'auth', 'notFound', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @ApiOperation({ summary: 'Delivery log of a webhook, with every attempt as success or failure' })
  deliveries(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.notifications.deliveries(actor, id);
  }
}
