/** Serves the built web app (apps/web/dist) at `/`, with index.html for client-side routes. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export function defaultWebDist(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

/** Returns true when a built web app was found and mounted. */
export async function installWebApp(app: FastifyInstance, webDist: string): Promise<boolean> {
  const root = webDist || defaultWebDist();
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    maxAge: '1h',
  });
  return true;
}
