/**
 * Serves the built web app (apps/web/dist) at `/`, with index.html for client-side routes. Without a build
 * (a fresh `npm ci`, a wrong SHUZHI_WEB_DIST) the pages answer a plain page saying how to build it, and the
 * API works as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The command that builds the web app, from the repository's root. */
export const WEB_BUILD_COMMAND = 'npm run build -w @shuzhi/web';

export function defaultWebDist(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

/**
 * Where the web app is looked for (SHUZHI_WEB_DIST, else apps/web/dist), whether a build is there, and if
 * not, why. apps/web itself has an index.html too, Vite's source page, which a browser shows blank.
 */
export function webAppLocation(webDist: string): { root: string; built: boolean; problem?: string } {
  const root = resolve(webDist || defaultWebDist());
  const index = join(root, 'index.html');
  if (!existsSync(index)) return { root, built: false, problem: `no index.html in ${root}` };
  if (/src="\/src\/main\.tsx?"/.test(readFileSync(index, 'utf8')))
    return {
      root,
      built: false,
      problem: `${root} holds the web app's sources, not a build (that is apps/web/dist)`,
    };
  return { root, built: true };
}

/** One line for the start-up log when the web app is missing; undefined when it is there. */
export function missingWebAppNotice(webDist: string): string | undefined {
  const { built, problem } = webAppLocation(webDist);
  if (built) return undefined;
  return `Web app not built: ${problem ?? 'no build found'} (SHUZHI_WEB_DIST); the pages answer a notice, the API works. Build it with \`${WEB_BUILD_COMMAND}\` and restart.`;
}

/** Returns true when a built web app was found and mounted; otherwise mounts the notice page. */
export async function installWebApp(app: FastifyInstance, webDist: string): Promise<boolean> {
  const { root, built } = webAppLocation(webDist);
  if (!built) {
    installMissingWebAppPage(app);
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    maxAge: '1h',
  });
  return true;
}

/**
 * Every page path (not /api, /fhir) answers 503 with a plain page: a silent 404 at `/` looked like a broken
 * server, and a 503 lets a probe of `/` see that the deployment is incomplete. Not cached, so the built app
 * appears on the next load after a restart.
 */
function installMissingWebAppPage(app: FastifyInstance): void {
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (/^\/(api|fhir)(\/|\?|$)/.test(request.url)) return reply.callNotFound();
    return reply
      .code(503)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(MISSING_WEB_APP_PAGE);
  });
}

/** The folder is named in the start-up log only: the page is public, the server's paths are not. */
const MISSING_WEB_APP_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Shuzhi (数治): web app not built</title></head>
<body>
<h1>Shuzhi (数治): the web app is not built</h1>
<p>This server found no build of the web app (its start-up log names the folder it looked in).</p>
<p>From the repository's root, run <code>${WEB_BUILD_COMMAND}</code> (or point <code>SHUZHI_WEB_DIST</code> at
a built copy) and restart the server.</p>
<p>The API works meanwhile: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>, <a href="/healthz">/healthz</a>.</p>
</body>
</html>
`;
