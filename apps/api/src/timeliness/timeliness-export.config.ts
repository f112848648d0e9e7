import type { Provider } from '@nestjs/common';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';

export const TIMELINESS_EXPORT_CONFIG = Symbol('TIMELINESS_EXPORT_CONFIG');

/** The usual threshold of statistical disclosure control for counts of people: cells of 1 to 10 are withheld. */
export const DEFAULT_EXPORT_MIN_CELL = 11;

export interface TimelinessExportConfig {
  /** Published export cells rest on at least this many distinct cases (`EXPORT_MIN_CELL`). */
  exportMinCell: number;
}

/**
 * Reads `EXPORT_MIN_CELL` from the validated environment once it declares it; until then, and whenever it is absent,
 * the default applies. A value below 2 would switch suppression off, so it is never taken.
 */
export function exportConfigFrom(config: Pick<WaymarkConfig, 'env'>): TimelinessExportConfig {
  const value = (config.env as { EXPORT_MIN_CELL?: unknown }).EXPORT_MIN_CELL;
  const exportMinCell =
    typeof value === 'number' && Number.isInteger(value) && value >= 2 ? value : DEFAULT_EXPORT_MIN_CELL;
  return { exportMinCell };
}

export const exportConfigProvider: Provider = {
  provide: TIMELINESS_EXPORT_CONFIG,
  inject: [WAYMARK_CONFIG],
  useFactory: (config: WaymarkConfig): TimelinessExportConfig => exportConfigFrom(config),
};
