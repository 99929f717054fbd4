import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentProblems } from '@escala/core';

/** The OpenAPI description of the HTTP API, served at /docs and written for the console's typed client. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return documentProblems(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Escala API')
        .setDescription('Tiered support operations: tickets, SLA clocks, playbook and connectors.')
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
    ),
  );
}
