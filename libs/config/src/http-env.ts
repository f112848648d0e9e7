import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

/**
 * HTTP hardening: body limits, timeouts, security headers and rate limits (docs/security/http.md). `Env` extends
 * this class, so these keys are validated with every other one; nothing else belongs in this block.
 */
export class HttpEnv {
  /** Largest request body accepted, in bytes; a larger one is answered 413. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES = 1024 * 1024;

  /** Deepest nesting of arrays/objects accepted in a JSON body; a deeper one is answered 400. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(256)
  HTTP_JSON_MAX_DEPTH = 32;

  /** A request (headers and body) must arrive within this time; a slower body is cut off with 408. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  HTTP_REQUEST_TIMEOUT_MS = 30000;

  /** The request headers must arrive within this time (Node's `headersTimeout`; at most the request timeout). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  HTTP_HEADERS_TIMEOUT_MS = 20000;

  /** Send `Strict-Transport-Security` (turn on when the API is only reached over HTTPS). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  HTTP_HSTS = false;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(63072000)
  HTTP_HSTS_MAX_AGE_S = 15552000;

  /** Proxy hops in front of the API whose `X-Forwarded-For` is believed (0: the socket's address is the client). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  HTTP_TRUST_PROXY_HOPS = 0;

  /** gzip/deflate/br responses for clients that ask (`compression` middleware). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  HTTP_COMPRESSION = true;

  /** Rate limits count requests within this window, in milliseconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  RATE_LIMIT_WINDOW_MS = 60000;

  /** Requests per window from one client IP address, on any route. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000000)
  RATE_LIMIT_PER_IP = 1200;

  /** Requests per window from one authenticated subject, on any route. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000000)
  RATE_LIMIT_PER_SUBJECT = 600;

  /** Writes (POST, PUT, PATCH, DELETE) per window from one subject (or IP when unauthenticated). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000000)
  RATE_LIMIT_WRITES = 120;

  /** Token issuing and sign-in-like requests (`POST /auth/dev-token`, `POST /codec/session`) per window per IP. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000000)
  RATE_LIMIT_TOKEN = 10;
}
