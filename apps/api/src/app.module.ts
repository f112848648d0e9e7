import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseStore } from '@waymark/cases';
import { NotificationStore } from '@waymark/notifications';
import { ConfigModule, WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { dataSourceOptions } from '@waymark/database';
import { TemporalClientModule } from '@waymark/temporal';
import { CasePayloadCodec, CodecModule } from '@waymark/codec';
import { AuditModule } from './audit/audit.module';
import { CodecController } from './codec/codec.controller';
import { CodecSessions } from './codec/codec-session';
import { CodecService } from './codec/codec.service';
import { ErasureController } from './erasure/erasure.controller';
import { ErasureService } from './erasure/erasure.service';
import { AgenciesController } from './agencies/agencies.controller';
import { AgenciesService } from './agencies/agencies.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { PeopleSeen } from './auth/people-seen';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { CaseParticipantsService } from './cases/case-participants.service';
import { CaseStarter } from './cases/case-starter';
import { CaseLinksService } from './cases/case-links.service';
import { CaseLinksController } from './cases/case-links.controller';
import { ConsentsController } from './consents/consents.controller';
import { ConsentsService } from './consents/consents.service';
import { BreakGlassController } from './consents/break-glass.controller';
import { BreakGlassService } from './consents/break-glass.service';
import { AccessReportService } from './consents/access-report.service';
import { CaseReferralsController, IncomingReferralsController } from './referrals/referrals.controller';
import { ReferralInboxController, ReferralPartnersController } from './referrals/referral-partners.controller';
import { ReferralDeps } from './referrals/referral-deps';
import { ReferralsService } from './referrals/referrals.service';
import { ReferralInboxService } from './referrals/referral-inbox.service';
import { IncomingReferralsService } from './referrals/incoming-referrals.service';
import { SopOverlays } from './sops/sop-overlays';
import { TimelinessConfig } from './cases/timeliness-config';
import { WaymarkExceptionFilter } from './common/exception.filter';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { PolicyController } from './policy/policy.controller';
import { SopsController } from './sops/sops.controller';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TaskAssignmentService } from './tasks/task-assignment.service';
import { TimelinessModule } from './timeliness/timeliness.module';
import { RateLimitGuard, RateLimitModule } from './http/rate-limit';

@Module({
  imports: [
    ConfigModule,
    TemporalClientModule,
    TimelinessModule,
    AuditModule,
    TypeOrmModule.forRootAsync({
      inject: [WAYMARK_CONFIG],
      useFactory: (config: WaymarkConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        // The API boots (and reports PostgreSQL as down on /health) rather than dying when the database is away.
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
    CodecModule,
    RateLimitModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    SopsController,
    CasesController,
    CaseLinksController,
    TasksController,
    NotificationsController,
    MetricsController,
    AgenciesController,
    ConsentsController,
    BreakGlassController,
    CaseReferralsController,
    IncomingReferralsController,
    ReferralPartnersController,
    ReferralInboxController,
    PolicyController,
    CodecController,
    ErasureController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    // After the AuthGuard: limits count per subject as well as per IP.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_FILTER, useClass: WaymarkExceptionFilter },
    PeopleSeen,
    CaseStore,
    NotificationStore,
    CasesService,
    CaseParticipantsService,
    CaseStarter,
    CaseLinksService,
    TimelinessConfig,
    SopOverlays,
    TasksService,
    TaskAssignmentService,
    NotificationsService,
    AgenciesService,
    ConsentsService,
    BreakGlassService,
    AccessReportService,
    ReferralDeps,
    ReferralsService,
    ReferralInboxService,
    IncomingReferralsService,
    CodecService,
    {
      // The codec session's signing secret comes from the master key, so every API replica accepts the same cookie.
      provide: CodecSessions,
      inject: [CasePayloadCodec],
      useFactory: (codec: CasePayloadCodec) => new CodecSessions(codec.keyring.deriveSecret('codec-session')),
    },
    ErasureService,
    MetricsService,
    IdempotencyInterceptor,
  ],
})
export class AppModule {}
