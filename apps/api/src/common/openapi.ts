import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { CODEC_SESSION_COOKIE } from '../codec/codec-session';
import { ErrorBody, FieldErrorBody } from './api-errors';

/** The OpenAPI document served at /docs-json; also built offline by the test that checks every operation. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Waymark API')
    .setDescription(
      'Multi-agency anti-trafficking SOPs as durable workflows. Every route but /health, /auth/config and (development ' +
        'only) /auth/dev-token needs a bearer token. Every error answers the ErrorBody schema (a stable `error` code, a ' +
        'message, `fields` for bad input, the requestId); 429 comes with Retry-After; a method a path does not serve ' +
        'is 405 with Allow.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth(
      CODEC_SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', name: CODEC_SESSION_COOKIE },
      CODEC_SESSION_COOKIE,
    )
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody, FieldErrorBody] });
  closeRequestBodies(doc);
  return doc;
}

/** The global ValidationPipe refuses unknown body fields (forbidNonWhitelisted): say so in every request body. */
function closeRequestBodies(doc: OpenAPIObject): void {
  const schemas = doc.components?.schemas ?? {};
  for (const item of Object.values(doc.paths)) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) {
      const body = op?.requestBody;
      const ref = body && 'content' in body ? body.content['application/json']?.schema : undefined;
      const name = ref && '$ref' in ref ? ref.$ref.split('/').pop() : undefined;
      const schema = name ? schemas[name] : undefined;
      if (schema && !('$ref' in schema)) schema.additionalProperties = false;
    }
  }
}
