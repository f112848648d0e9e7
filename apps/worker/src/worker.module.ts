import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CodecModule } from '@waymark/codec';
import { ConfigModule, WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { dataSourceOptions } from '@waymark/database';
import { CaseStore } from '@waymark/cases';
import { AuditLog } from '@waymark/audit';
import { CaseActivitiesService } from './case.activities';
import { CaseRecordSealerService } from './case-record-sealer.service';
import { TemporalWorkerService } from './temporal-worker.service';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { WorkerHeartbeatService } from './worker-heartbeat.service';
import { NotificationStore } from '@waymark/notifications';
import { TemporalClientModule } from '@waymark/temporal';
import { CaseStarter } from '../../api/src/cases/case-starter';
import { TimelinessConfig } from '../../api/src/cases/timeliness-config';
import { SopOverlays } from '../../api/src/sops/sop-overlays';
import { FollowOnActivitiesService } from './follow-on.activities';
import { ReferralActivitiesService } from './referral.activities';

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [WAYMARK_CONFIG],
      useFactory: (config: WaymarkConfig) => dataSourceOptions(config.databaseUrl),
    }),
    CodecModule,
    // Follow-on cases start their workflow through a client with the case codec, as the API does.
    TemporalClientModule,
  ],
  providers: [
    CaseStore,
    NotificationStore,
    AuditLog,
    CaseActivitiesService,
    // Starting a follow-on case (StepSpec.startsCase) checks and starts it as POST /cases does.
    CaseStarter,
    TimelinessConfig,
    SopOverlays,
    FollowOnActivitiesService,
    ReferralActivitiesService,
    CaseRecordSealerService,
    TemporalWorkerService,
    WebhookDispatcherService,
    WorkerHeartbeatService,
  ],
})
export class WorkerModule {}
