/** Generates the OpenAPI document from a throw-away in-memory platform (used by the script and the drift test). */
import { loadConfig } from '@shuzhi/core';
import { buildApp } from './app.js';
import { createPlatform } from './platform.js';

export async function generateOpenApiDocument(): Promise<unknown> {
  const config = loadConfig({}, { db: 'sqlite::memory:', logLevel: 'silent' });
  const platform = await createPlatform(config);
  try {
    const { app } = await buildApp(platform, { serveWeb: false });
    const document = app.swagger();
    await app.close();
    return JSON.parse(JSON.stringify(document));
  } finally {
    await platform.close();
  }
}
