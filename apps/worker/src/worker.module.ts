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

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [WAYMARK_CONFIG],
      useFactory: (config: WaymarkConfig) => dataSourceOptions(config.databaseUrl),
    }),
    CodecModule,
  ],
  providers: [
    CaseStore,
    NotificationStore,
    AuditLog,
    CaseActivitiesService,
    CaseRecordSealerService,
    TemporalWorkerService,
    WebhookDispatcherService,
    WorkerHeartbeatService,
  ],
})
export class WorkerModule {}
