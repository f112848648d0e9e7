import { Global, Module } from '@nestjs/common';
import { resolveConfig, type WaymarkConfig } from './load-config';

export const WAYMARK_CONFIG = Symbol('WAYMARK_CONFIG');

@Global()
@Module({
  providers: [{ provide: WAYMARK_CONFIG, useFactory: (): WaymarkConfig => resolveConfig() }],
  exports: [WAYMARK_CONFIG],
})
export class ConfigModule {}
