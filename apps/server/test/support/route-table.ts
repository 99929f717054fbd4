import { RequestMethod } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ACCESS_RULE, type AccessRule } from '@escala/core';

export interface RouteEntry {
  method: string;
  /** Path with parameters as `:name`. */
  path: string;
  rule: AccessRule | undefined;
}

// Nest's own metadata keys for @Controller paths and @Get/@Post… handlers.
const PATH = 'path';
const METHOD = 'method';

function joinPath(...parts: string[]): string {
  return (
    '/' +
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/')
  );
}

/** Every route the application serves through a controller, with its access rule. */
export function routeTable(app: INestApplication): RouteEntry[] {
  const reflector = app.get(Reflector);
  const routes: RouteEntry[] = [];
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const controllerPaths = [Reflect.getMetadata(PATH, type) ?? ''].flat() as string[];
    for (const name of Object.getOwnPropertyNames(type.prototype)) {
      const handler = type.prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const handlerPaths = [Reflect.getMetadata(PATH, handler) ?? ''].flat() as string[];
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, type]);
      for (const base of controllerPaths) {
        for (const path of handlerPaths) {
          routes.push({ method: RequestMethod[method], path: joinPath(base, path), rule });
        }
      }
    }
  }
  return routes.sort((a, b) => (a.path + a.method).localeCompare(b.path + b.method));
}

/** A concrete URL for a route pattern, with each parameter filled by a well-formed but unknown id. */
export function concretePath(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}
