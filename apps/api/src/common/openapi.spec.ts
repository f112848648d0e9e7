import 'reflect-metadata';
import type { INestApplication, InjectionToken, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MODULE_METADATA, PARAMTYPES_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { AppModule } from '../app.module';
import { createOpenApiDocument } from './openapi';

/** Routes that answer without a bearer token (`@Public()`); every other operation must document 401. */
const PUBLIC = new Set([
  'get /health',
  'get /health/live',
  'get /health/ready',
  'get /auth/config',
  'post /auth/dev-token',
  // The referral protocol: partners fetch the public keys and post packets, authenticated by signature.
  'get /referral/keys',
  'post /referral/inbox',
]);
/** 4xx/5xx answers that are not the ErrorBody: the health probes' 503 names what is down in their own shape. */
const OWN_ERROR_SHAPE = new Set(['get /health 503', 'get /health/ready 503']);
const ERROR_REF = '#/components/schemas/ErrorBody';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every controller the API serves, found through AppModule's imports as Nest would. */
function controllersOf(module: Type<unknown>, seen = new Set<unknown>()): Type<unknown>[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type<unknown>[];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as unknown[];
  const nested = imports.filter((m): m is Type<unknown> => typeof m === 'function');
  return [...own, ...nested.flatMap((m) => controllersOf(m, seen))];
}

/** A stub for each constructor dependency of the controllers (a class or an `@Inject()` token). */
function stubsFor(controllers: Type<unknown>[]): { provide: InjectionToken; useValue: object }[] {
  const tokens = new Set<InjectionToken>();
  for (const c of controllers) {
    const types = (Reflect.getMetadata(PARAMTYPES_METADATA, c) ?? []) as InjectionToken[];
    const injected = (Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, c) ?? []) as {
      index: number;
      param: InjectionToken;
    }[];
    types.forEach((t, i) => tokens.add(injected.find((d) => d.index === i)?.param ?? t));
  }
  return [...tokens].map((provide) => ({ provide, useValue: {} }));
}

function isRef(x: unknown): x is ReferenceObject {
  return typeof x === 'object' && x !== null && '$ref' in x;
}

/** What is wrong with one operation's documentation, as readable strings (empty when it is complete). */
function problems(path: string, method: string, op: OperationObject): string[] {
  const id = `${method} ${path}`;
  const out: string[] = [];
  const responses = op.responses ?? {};
  const has = (status: number) => String(status) in responses;
  const need = (status: number, why: string) => {
    if (!has(status)) out.push(`${id}: no ${status} (${why})`);
  };
  if (!Object.keys(responses).some((s) => s.startsWith('2'))) out.push(`${id}: no success response`);
  if (!PUBLIC.has(id)) need(401, 'needs a token');
  if (PUBLIC.has(id) === Boolean(op.security?.length))
    out.push(`${id}: security does not match the route being public`);
  need(429, 'rate limit');
  const params = (op.parameters ?? []).filter((p): p is ParameterObject => !isRef(p));
  if (params.some((p) => p.in === 'path')) need(404, 'a path id is looked up');
  const checked = (p: ParameterObject) => {
    const schema = p.schema as SchemaObject | undefined;
    return Boolean(schema && (schema.format || schema.pattern || schema.enum));
  };
  if (params.some((p) => p.in === 'path' && checked(p))) need(400, 'a path parameter has a format');
  if (params.some((p) => p.in === 'query')) need(400, 'query parameters are validated');
  if (op.requestBody) for (const s of [400, 413, 415]) need(s, 'takes a body');
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400 || OWN_ERROR_SHAPE.has(`${id} ${status}`)) continue;
    const schema = !response || isRef(response) ? undefined : response.content?.['application/json']?.schema;
    if (!isRef(schema) || schema.$ref !== ERROR_REF) out.push(`${id}: ${status} does not use ErrorBody`);
  }
  const names = params.map((p) => `${p.in} ${p.name.toLowerCase()}`);
  for (const dup of names.filter((n, i) => names.indexOf(n) !== i)) out.push(`${id}: parameter ${dup} twice`);
  for (const p of params) {
    const schema = p.schema as SchemaObject | undefined;
    if (
      !schema ||
      (!isRef(schema) && (schema.type === 'object' || !schema.type) && !schema.properties && !schema.enum)
    ) {
      out.push(`${id}: parameter ${p.in} ${p.name} has no type`);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    // Only the controllers and their decorators: every dependency is a stub, nothing is called.
    const controllers = controllersOf(AppModule);
    @Module({ controllers, providers: stubsFor(controllers) })
    class DocumentOnlyModule {}
    app = await NestFactory.create(DocumentOnlyModule, { logger: false });
    doc = createOpenApiDocument(app);
  });

  afterAll(() => app.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
    );

  it('covers every controller route', () => {
    expect(operations().length).toBeGreaterThan(35);
    for (const id of PUBLIC) {
      const [method, path] = id.split(' ');
      expect([id, Boolean(doc.paths[path]?.[method as (typeof METHODS)[number]])]).toEqual([id, true]);
    }
  });

  it('documents every status an operation can answer, each error with the ErrorBody schema, and types every parameter', () => {
    expect(operations().flatMap(({ path, method, op }) => problems(path, method, op))).toEqual([]);
  });

  it('describes the error body the exception filter sends', () => {
    const schema = doc.components?.schemas?.ErrorBody as SchemaObject;
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([
      'error',
      'fields',
      'message',
      'requestId',
      'statusCode',
    ]);
    expect(schema.required?.sort()).toEqual(['error', 'message', 'statusCode']);
  });

  it('names the Retry-After header of every 429', () => {
    const missing = operations().filter(({ op }) => {
      const r = op.responses['429'] as { headers?: Record<string, unknown> } | undefined;
      return !r?.headers?.['Retry-After'];
    });
    expect(missing.map(({ path, method }) => `${method} ${path}`)).toEqual([]);
  });
});
