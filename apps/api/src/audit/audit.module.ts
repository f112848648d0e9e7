import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditLog } from '@waymark/audit';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';

/**
 * The audit log's routes, and the global interceptor that records every request to case data. Exports `AuditLog`
 * for the case store. Relies on the app's global TypeORM DataSource, auth guard and exception filter.
 */
@Module({
  controllers: [AuditController],
  providers: [AuditLog, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditLog],
})
export class AuditModule {}
