import { Module } from '@nestjs/common';
import { TimelinessController } from './timeliness.controller';
import { TimelinessService } from './timeliness.service';
import { exportConfigProvider } from './timeliness-export.config';

/**
 * Managers' timeliness dashboard and the anonymised statistics export. Relies on the app's global pieces: the
 * TypeORM DataSource, WAYMARK_CONFIG, the auth guard and the exception filter.
 */
@Module({
  controllers: [TimelinessController],
  providers: [TimelinessService, exportConfigProvider],
})
export class TimelinessModule {}
