import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CaseStore } from '@waymark/cases';

/**
 * Seals `case_records` rows written before their values were encrypted (see docs/security/data-at-rest.md). Runs
 * in the background at every worker start: resumable (a row still plain is simply found again next time), safe
 * with several workers (rows are taken FOR UPDATE SKIP LOCKED), and one cheap query once nothing is plain.
 */
@Injectable()
export class CaseRecordSealerService implements OnApplicationBootstrap {
  private readonly logger = new Logger('CaseRecordSealer');

  constructor(private readonly store: CaseStore) {}

  onApplicationBootstrap(): void {
    this.store.records.sealPlaintextRows().catch((err: unknown) => {
      // Not fatal: plain rows still read, and the next start tries again.
      this.logger.warn({
        msg: 'sealing plain case records stopped; retried at next start',
        error: (err as Error).name,
      });
    });
  }
}
