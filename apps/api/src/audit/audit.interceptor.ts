import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog, type AuditDetail } from '@waymark/audit';
import { CaseRowStore } from '@waymark/cases';
import { DomainException } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import { HttpException } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/actor';

const AUDITED_PATH = /^\/(cases|tasks|notifications|timeliness)(\/|$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

/** The compartments an answer carries (`GET /cases/:id`), comma-separated and sorted: what the caller was shown. */
export function compartmentsServed(body: unknown): string | null {
  const compartments = (body as { compartments?: unknown } | undefined)?.compartments;
  if (!compartments || typeof compartments !== 'object') return null;
  const names = Object.keys(compartments).sort();
  return names.length > 0 ? names.join(',') : null;
}

/** An error as a code for the audit entry: the domain code or the HTTP status, never the message. */
function errorCode(err: unknown): string {
  if (err instanceof DomainException) return err.code;
  if (err instanceof HttpException) return `http_${err.getStatus()}`;
  return 'error';
}

/**
 * Every request to case data (/cases, /tasks, /notifications, /timeliness) that reaches a controller, read or write,
 * appends `api:<METHOD> <route pattern>` to the audit log before the answer goes out, whether it succeeded or not.
 * If the entry cannot be written a successful request fails: case data is not served unaudited.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!AUDITED_PATH.test(req.path)) return next.handle();
    return from(this.run(req, next));
  }

  private async run(req: AuthenticatedRequest, next: CallHandler): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (err) {
      await this.record(req, undefined, { outcome: 'error', error: errorCode(err) }).catch(() => undefined);
      throw err;
    }
    const detail: AuditDetail = { outcome: 'ok' };
    if (req.res?.getHeader('Idempotent-Replayed') === 'true') detail.replayed = true;
    await this.record(req, body, detail);
    return body;
  }

  private async record(req: AuthenticatedRequest, body: unknown, detail: AuditDetail): Promise<void> {
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    await this.audit.append({
      action: `api:${req.method} ${route}`,
      actorSub: req.actor?.sub ?? null,
      agencyId: req.actor?.agencyId ?? null,
      caseId: await this.caseIdOf(req, body),
      compartment: compartmentsServed(body),
      requestId: requestContext.get()?.requestId ?? null,
      detail,
    });
  }

  private async caseIdOf(req: AuthenticatedRequest, body: unknown): Promise<string | null> {
    const [, resource] = AUDITED_PATH.exec(req.path) ?? [];
    const id = uuidOrNull(req.params?.id);
    if (resource === 'cases') {
      // POST /cases has no id in the path: the new case's id is in the answer.
      return id ?? uuidOrNull((body as { caseId?: unknown } | undefined)?.caseId);
    }
    if (resource === 'tasks') {
      if (!id) return uuidOrNull(req.query?.caseId);
      // A task action answers with its case (from the task's row): no second look-up on the hand-off's path.
      return (
        uuidOrNull((body as { caseId?: unknown } | undefined)?.caseId) ?? new CaseRowStore(this.ds).caseIdOfTask(id)
      );
    }
    return null;
  }
}
