import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { HttpEnv } from './http-env';
import { NotInProduction } from './not-in-production';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

/**
 * Every environment variable Waymark reads, validated once at boot. Nothing else reads `process.env`.
 * Documented in docs/configuration.md, generated from this class by `npm run docs:config`. Body/JSON limits,
 * timeouts, security headers and rate limits (HTTP_*, RATE_LIMIT_*) are declared in ./http-env.ts, which this class
 * extends (also in the generated reference; why each exists: docs/security/http.md).
 */
export class Env extends HttpEnv {
  /** Port the API (and the web app under /app/) listens on. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  /** Address the API binds to (`0.0.0.0` in containers). */
  @IsOptional()
  @IsString()
  API_HOST = '127.0.0.1';

  /** `postgres://…` of an existing PostgreSQL for the API and worker; when set, no embedded PostgreSQL starts. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The schema owner's URL, for migrations only (`npm run migrate`, `npm start`); the API and worker use
   * DATABASE_URL, ideally the non-owner role `waymark_app` (migration 1764400000000). Defaults to DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /** Set by a deployment for `npm run migrate`: the login password it gives the app role `waymark_app`. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'WAYMARK_APP_DB_PASSWORD must be at least 8 characters' })
  WAYMARK_APP_DB_PASSWORD?: string;

  /** Port of the embedded PostgreSQL (only when DATABASE_URL is unset). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 5433;

  /** `host:port` of an existing Temporal; when set, no embedded Temporal dev server starts. */
  @IsOptional()
  @Matches(/^[^\s:]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS?: string;

  /** Temporal namespace of the SOP workflows. */
  @IsOptional()
  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  /** Task queue of the SOP workflows. */
  @IsOptional()
  @IsString()
  TEMPORAL_TASK_QUEUE = 'waymark-sop';

  /** Connect to Temporal over TLS (any TEMPORAL_TLS_* setting below turns it on too). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TEMPORAL_TLS = false;

  // --- Temporal mTLS (docs/security/temporal.md): any of these turns TLS on; cert and key go together. ---

  /** PEM file of Waymark's client certificate, presented to the Temporal frontend (mTLS); needs TEMPORAL_TLS_KEY. */
  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CERT?: string;

  /** PEM file of the private key of TEMPORAL_TLS_CERT. */
  @IsOptional()
  @IsString()
  TEMPORAL_TLS_KEY?: string;

  /** PEM file of the CA that signed the Temporal frontend's certificate (the system's CAs when unset). */
  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CA?: string;

  /** Name to verify the frontend's certificate against, when it differs from TEMPORAL_ADDRESS's host. */
  @IsOptional()
  @IsString()
  TEMPORAL_TLS_SERVER_NAME?: string;

  // --- end of Temporal mTLS ---

  /** Port of the embedded Temporal dev server (only when TEMPORAL_ADDRESS is unset). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_PORT = 7233;

  /** Port of the embedded dev server's Web UI. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_UI_PORT = 8233;

  /** Path of a `temporal` CLI to use: the first place looked (then PATH, `.tools/temporal`, the SDK download). */
  @IsOptional()
  @IsString()
  TEMPORAL_CLI_PATH?: string;

  /**
   * How long an API request waits for a workflow to take an update (complete, claim, report an event, cancel,
   * extend) before it answers 503 `unavailable`: with no worker polling, an update would otherwise wait forever.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600000)
  WORKFLOW_UPDATE_TIMEOUT_MS = 30000;

  /**
   * How long a request sent with an Idempotency-Key holds its key while it runs. A retry after that takes the key
   * over and completes the request (or returns its recorded answer), so a request that died half-way blocks nothing.
   * Keep it above WORKFLOW_UPDATE_TIMEOUT_MS.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  IDEMPOTENCY_LEASE_MS = 45000;

  /** Where the embedded PostgreSQL and Temporal keep their data, with the local JWT signing key and the local master key. */
  @IsOptional()
  @IsString()
  WAYMARK_DATA_DIR = '.data';

  /**
   * Wraps every per-case data key of the payload codec; the API and the worker must share it (`openssl rand -base64 32`).
   * Unset: `.data/master-key`, created on first start (mode 0600).
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'WAYMARK_MASTER_KEY must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)',
  })
  WAYMARK_MASTER_KEY?: string;

  /**
   * During a master-key rotation: the old key(s), comma-separated base64, still accepted to unwrap data keys until
   * `npm run rotate-master-key` has rewrapped every one under WAYMARK_MASTER_KEY (docs/operations.md, "Rotating the master key").
   */
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9+/]{43}=\s*(,\s*[A-Za-z0-9+/]{43}=\s*)*$/, {
    message: 'WAYMARK_PREVIOUS_MASTER_KEYS must be comma-separated base64 keys of 32 bytes each',
  })
  WAYMARK_PREVIOUS_MASTER_KEYS?: string;

  /** Web UI origins allowed to call the codec endpoint (comma-separated); the embedded UI's when unset. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s,]+(,\s*https?:\/\/[^/\s,]+)*$/, {
    message: 'TEMPORAL_UI_ORIGIN must be one or more comma-separated http(s) origins',
  })
  TEMPORAL_UI_ORIGIN?: string;

  /** Prebuilt workflow bundle the worker loads (`npm run build` writes it; bundled at start when absent). */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH = 'dist/workflow-bundle.js';

  /** Running workflows the worker keeps in memory (unset: one per 512 MiB of the machine's memory, 50–250; a cached case costs about 1.3 MiB). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100000)
  WORKER_MAX_CACHED_WORKFLOWS?: number;

  /**
   * Keep the Temporal SDK's record of where each workflow promise was created, for the `__stack_trace` query (the
   * "stack trace" of a stuck workflow in Temporal's UI). Off by default: it costs about a third of the workflow threads'
   * CPU.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WORKER_WORKFLOW_STACK_TRACES = false;

  /** The worker serves the Temporal SDK's Prometheus metrics on this port (off when unset; `npm start` uses 9464). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  /** Where the API fetches the worker's metrics to serve them with its own on /metrics. */
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'WORKER_METRICS_URL must be an http(s) URL' })
  WORKER_METRICS_URL?: string;

  /** Production identity: tokens are verified against this OIDC issuer's JWKS instead of the local key. */
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  /** The JWKS URL; discovered from the issuer's openid-configuration when unset. */
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'OIDC_JWKS_URL must be an http(s) URL' })
  OIDC_JWKS_URL?: string;

  /** Expected `aud` of the issuer's tokens. */
  @IsOptional()
  @IsString()
  OIDC_AUDIENCE = 'waymark';

  /** Claim carrying the agency id in the issuer's tokens. */
  @IsOptional()
  @IsString()
  OIDC_AGENCY_CLAIM = 'agency';

  /** Claim carrying the roles in the issuer's tokens (see OIDC_AGENCY_CLAIM). */
  @IsOptional()
  @IsString()
  OIDC_ROLES_CLAIM = 'roles';

  /** The web application's OIDC client id (authorization code + PKCE in the browser). */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID = 'waymark';

  /** Scopes the web application asks the issuer for. */
  @IsOptional()
  @IsString()
  OIDC_SCOPES = 'openid profile';

  /** Built web application the API serves under /app/ (skipped when the folder has no index.html); `dist/web` when unset. */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  /** JSON file with step target overrides (per deployment and per agency), the reminder share and the calendar. */
  @IsOptional()
  @IsString()
  TIMELINESS_FILE?: string;

  /**
   * JSON file of the deployment's jurisdiction overlay: per SOP, targets, escalation intervals, option lists and labels
   * (docs/jurisdiction-overlay.md); checked at start, recorded per case.
   */
  @IsOptional()
  @IsString()
  SOP_OVERLAY_FILE?: string;

  // Cross-border referrals (docs/referral-protocol.md)

  /** This deployment's id in its partners' directories (e.g. `ro-adpare`): messages it sends name it as sender. */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'REFERRAL_DEPLOYMENT_ID must be lower-case letters, digits and dashes' })
  REFERRAL_DEPLOYMENT_ID = 'waymark-local';

  /** A referral message not acknowledged by the partner within this many seconds is flagged to the sender. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REFERRAL_ACK_TARGET_SECONDS = 3600;

  /** A referral not accepted or declined within this many seconds (3 days) is flagged on both sides. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REFERRAL_DECISION_TARGET_SECONDS = 259200;

  /** The longest wait, in seconds, between two delivery attempts to a partner that is offline (backoff from 1 s). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  REFERRAL_RETRY_MAX_SECONDS = 3600;

  /** Anonymised export: cells counting fewer than this many are suppressed. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  EXPORT_MIN_CELL = 11;

  /** Lowest level of the JSON log lines written to stdout. */
  @IsOptional()
  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  // --- security: metrics scraping ---
  /** Bearer token a Prometheus scraper sends to GET /metrics (operators' and platform admins' tokens work too). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Run mode; `production` in the Dockerfile. */
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  // Webhooks (docs/security/webhooks.md)

  /**
   * Lets webhooks reach loopback, private, link-local and other non-public addresses (a receiver on `127.0.0.1` or
   * `localhost`), for trying webhooks on one machine and for tests. Refused at start when NODE_ENV is `production`.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  @NotInProduction()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;
}
