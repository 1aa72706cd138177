// The OpenAPI document, generated from the routes' zod schemas: JSON at /docs/json, a UI at /docs.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export interface DocsOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

/** Put in a route's schema (`security: bearerSecurity`) so the document shows it needs a token. */
export const bearerSecurity = [{ bearerAuth: [] }];

async function docs(app: FastifyInstance, options: DocsOptions) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, version: options.version, ...(options.description ? { description: options.description } : {}) },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}

export const docsPlugin = fp(docs, { name: 'bureau-docs', fastify: '5.x' });
