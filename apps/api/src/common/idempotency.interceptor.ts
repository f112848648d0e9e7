import {
  createParamDecorator,
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { DomainException } from '@waymark/contracts';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/actor';

const KEY_FORMAT = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * What a route learns from the interceptor: `claim(candidate)` records the id of what the request is about to
 * create before it creates anything, and answers the id to use, which is the one an earlier attempt of the same
 * request recorded, if any (so a retry continues with the same case instead of orphaning the first one).
 */
export type ClaimResourceId = (candidate: string) => Promise<string>;

type IdempotentRequest = AuthenticatedRequest & { claimResourceId?: ClaimResourceId };

/** The route's `ClaimResourceId`: the candidate itself when the request carries no Idempotency-Key. */
export const ResourceIdClaim = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClaimResourceId => {
  const req = ctx.switchToHttp().getRequest<IdempotentRequest>();
  return req.claimResourceId ?? ((candidate) => Promise.resolve(candidate));
});

interface KeyRow {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
  resource_id: string | null;
  lease_left_ms: number;
}

/**
 * `Idempotency-Key` on a POST: the first request runs and its response is kept (per agency and key); a repeat of
 * the same request gets the same response without running again; the same key with a different request is refused.
 * A request in progress holds its key for IDEMPOTENCY_LEASE_MS: a retry within the lease gets 409
 * `request_in_progress` (with Retry-After), a retry after it takes the key over and runs the request again, with the
 * resource id the first attempt recorded. A request that fails frees its key (or, once it recorded a resource id,
 * ends its lease at once) so the client can retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<IdempotentRequest>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined || !req.actor) return next.handle();
    if (!KEY_FORMAT.test(key)) {
      throw new DomainException('validation_failed', 'The Idempotency-Key header is malformed.', [
        { field: 'Idempotency-Key', reason: 'must be 1 to 200 characters of letters, digits, ".", "_", ":" or "-"' },
      ]);
    }
    return from(this.run(req, key, next));
  }

  private get leaseMs(): number {
    return this.config.env.IDEMPOTENCY_LEASE_MS;
  }

  private async run(req: IdempotentRequest, key: string, next: CallHandler): Promise<unknown> {
    const agencyId = req.actor!.agencyId;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.path}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const inserted = (await this.ds.query(
      `INSERT INTO idempotency_keys (agency_id, key, request_hash, leased_until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000))
       ON CONFLICT (agency_id, key) DO NOTHING RETURNING key`,
      [agencyId, key, requestHash, this.leaseMs],
    )) as unknown[];
    if (inserted.length === 0) {
      const existing = await this.read(agencyId, key);
      // Gone between the insert and this read: a concurrent first request failed and freed its key.
      if (!existing) throw this.inProgress(req, 1000, 'A request with this Idempotency-Key just ended; retry.');
      if (existing.request_hash !== requestHash) {
        throw new DomainException(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request; use a new key.',
        );
      }
      if (existing.status_code !== null) {
        req.res?.setHeader('Idempotent-Replayed', 'true');
        return existing.response_body;
      }
      // Still in progress: ours to take over only once its lease has run out (the request died half-way).
      if (!(await this.takeOver(agencyId, key))) {
        throw this.inProgress(
          req,
          existing.lease_left_ms,
          'A request with this Idempotency-Key is still running; retry shortly.',
        );
      }
      this.logger.warn({ msg: 'idempotency key taken over after its lease ran out', resumed: !!existing.resource_id });
    }
    req.claimResourceId = (candidate) => this.claim(agencyId, key, candidate);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.ds.query(
        'UPDATE idempotency_keys SET status_code = $3, response_body = $4::jsonb WHERE agency_id = $1 AND key = $2',
        [agencyId, key, req.res?.statusCode ?? 200, JSON.stringify(body ?? null)],
      );
      return body;
    } catch (err) {
      await this.release(agencyId, key).catch(() => {
        // The database is away: the lease runs out on its own and a retry takes the key over then.
      });
      throw err;
    }
  }

  private async read(agencyId: string, key: string): Promise<KeyRow | undefined> {
    const rows = (await this.ds.query(
      `SELECT request_hash, status_code, response_body, resource_id,
              greatest(0, extract(epoch FROM leased_until - now()) * 1000)::int AS lease_left_ms
       FROM idempotency_keys WHERE agency_id = $1 AND key = $2`,
      [agencyId, key],
    )) as KeyRow[];
    return rows[0];
  }

  private async takeOver(agencyId: string, key: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `UPDATE idempotency_keys SET leased_until = now() + make_interval(secs => $3::double precision / 1000)
       WHERE agency_id = $1 AND key = $2 AND status_code IS NULL AND leased_until <= now() RETURNING key`,
      [agencyId, key, this.leaseMs],
    )) as [unknown[], number] | unknown[];
    return affected(rows) > 0;
  }

  private async claim(agencyId: string, key: string, candidate: string): Promise<string> {
    const rows = (await this.ds.query(
      `UPDATE idempotency_keys SET resource_id = COALESCE(resource_id, $3)
       WHERE agency_id = $1 AND key = $2 RETURNING resource_id`,
      [agencyId, key, candidate],
    )) as [{ resource_id: string }[], number] | { resource_id: string }[];
    const row = (Array.isArray(rows[0]) ? rows[0] : rows)[0] as { resource_id: string } | undefined;
    return row?.resource_id ?? candidate;
  }

  /** A failed attempt: the key is freed, unless it recorded what it created (then only its lease ends). */
  private async release(agencyId: string, key: string): Promise<void> {
    await this.ds.query(
      'DELETE FROM idempotency_keys WHERE agency_id = $1 AND key = $2 AND status_code IS NULL AND resource_id IS NULL',
      [agencyId, key],
    );
    await this.ds.query(
      'UPDATE idempotency_keys SET leased_until = now() WHERE agency_id = $1 AND key = $2 AND status_code IS NULL',
      [agencyId, key],
    );
  }

  private inProgress(req: IdempotentRequest, leaseLeftMs: number, message: string): DomainException {
    req.res?.setHeader('Retry-After', String(Math.max(1, Math.ceil(leaseLeftMs / 1000))));
    return new DomainException('request_in_progress', message);
  }
}

/** TypeORM answers an UPDATE ... RETURNING on PostgreSQL as `[rows, affectedCount]`. */
function affected(result: [unknown[], number] | unknown[]): number {
  return Array.isArray(result[0]) ? (result as [unknown[], number])[1] : result.length;
}

/** What the request sent with `key` created (a case id), recorded or answered; for `GET /cases?idempotencyKey=`. */
export async function resourceIdForKey(ds: DataSource, agencyId: string, key: string): Promise<string | undefined> {
  const rows = (await ds.query(
    `SELECT COALESCE(resource_id, response_body->>'caseId') AS id FROM idempotency_keys
     WHERE agency_id = $1 AND key = $2`,
    [agencyId, key],
  )) as { id: string | null }[];
  return rows[0]?.id ?? undefined;
}

/** Erasure: replayable answers of earlier requests about the case (this file owns `idempotency_keys`). */
export async function redactIdempotentAnswers(em: EntityManager, caseId: string): Promise<void> {
  await em.query(`DELETE FROM idempotency_keys WHERE response_body->>'caseId' = $1 OR resource_id = $1`, [caseId]);
}
