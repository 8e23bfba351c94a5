/** Test wiring for the data hub: the hub fixture with the hub's own import kinds registered, as the platform does. */
import type { Database } from '@shuzhi/db';
import { hubFixture, type HubFixture } from '../testing.js';

export function dataHubFixture(database: Database): HubFixture {
  const fixture = hubFixture(database);
  for (const handler of fixture.hub.data.importHandlers) fixture.hub.imports.register(handler);
  return fixture;
}
