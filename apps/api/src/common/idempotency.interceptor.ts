import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException } from '@waymark/contracts';
import { IdempotencyRecordEntity } from '@waymark/database';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/actor';

const KEY_FORMAT = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * `Idempotency-Key` on a POST: the first request runs and its response is kept (per agency and key); a repeat of
 * the same request gets the same response without running again; the same key with a different request is refused.
 * A request that fails frees its key so the client can retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined || !req.actor) return next.handle();
    if (!KEY_FORMAT.test(key)) {
      throw new DomainException('validation_failed', 'The Idempotency-Key header is malformed.', [
        { field: 'Idempotency-Key', reason: 'must be 1 to 200 characters of letters, digits, ".", "_", ":" or "-"' },
      ]);
    }
    return from(this.run(req, key, next));
  }

  private async run(req: AuthenticatedRequest, key: string, next: CallHandler): Promise<unknown> {
    const agencyId = req.actor!.agencyId;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.path}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const repo = this.ds.getRepository(IdempotencyRecordEntity);
    const inserted = await repo
      .createQueryBuilder()
      .insert()
      .values({ agencyId, key, requestHash })
      .orIgnore()
      .returning(['key'])
      .execute();
    if (inserted.raw.length === 0) {
      // Gone between the insert and this read: a concurrent first request failed and freed its key.
      const existing = await repo.findOneBy({ agencyId, key });
      if (!existing) {
        throw new DomainException('request_in_progress', 'A request with this Idempotency-Key just ended; retry.');
      }
      if (existing.requestHash !== requestHash) {
        throw new DomainException(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request; use a new key.',
        );
      }
      if (existing.statusCode === null) {
        throw new DomainException(
          'request_in_progress',
          'A request with this Idempotency-Key is still running; retry shortly.',
        );
      }
      req.res?.setHeader('Idempotent-Replayed', 'true');
      return existing.responseBody;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.ds.query(
        'UPDATE idempotency_keys SET status_code = $3, response_body = $4::jsonb WHERE agency_id = $1 AND key = $2',
        [agencyId, key, req.res?.statusCode ?? 200, JSON.stringify(body ?? null)],
      );
      return body;
    } catch (err) {
      await repo.delete({ agencyId, key });
      throw err;
    }
  }
}

/** Erasure: replayable answers of earlier requests about the case (this file owns `idempotency_keys`). */
export async function redactIdempotentAnswers(em: EntityManager, caseId: string): Promise<void> {
  await em.query(`DELETE FROM idempotency_keys WHERE response_body->>'caseId' = $1`, [caseId]);
}
