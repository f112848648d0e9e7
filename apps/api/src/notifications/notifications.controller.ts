import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUrl } from 'class-validator';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { PageQuery } from '../common/page.query';
import { uuidParam } from '../common/uuid-param';
import { NotificationsService } from './notifications.service';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unread = false;
}

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://agency.example/waymark-hook' })
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'url must be an http(s) URL' },
  )
  url: string;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'Your notifications (reminders, escalations, extensions); case reference and step only' })
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q.unread, q.limit, q.offset);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a notification as read (for you)' })
  markRead(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.notifications.markRead(actor, id);
  }

  @Post('webhooks')
  @ApiOperation({
    summary: "Register an outbound webhook for your agency's notifications (HMAC-signed; secret shown once)",
  })
  createWebhook(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto) {
    return this.notifications.createWebhook(actor, dto.url);
  }

  @Get('webhooks')
  @ApiOperation({ summary: "Your agency's webhooks" })
  listWebhooks(@CurrentActor() actor: Actor) {
    return this.notifications.listWebhooks(actor);
  }

  @Get('webhooks/:id/deliveries')
  @ApiOperation({ summary: 'Delivery log of a webhook, with every attempt' })
  deliveries(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.notifications.deliveries(actor, id);
  }
}
