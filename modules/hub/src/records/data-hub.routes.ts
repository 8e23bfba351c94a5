/**
 * Every HTTP route of the hub's data side in one plugin: FHIR R4 (/fhir/r4), persons and the linkage review
 * queue, cases, follow-ups and timelines, and data-source quality.
 */
import type { FastifyInstance } from 'fastify';
import { factsRoutes } from '../facts/facts.routes.js';
import { fhirRoutes } from '../fhir/fhir.routes.js';
import type { ImportsService } from '../imports/imports.service.js';
import { mpiRoutes } from '../mpi/mpi.routes.js';
import { qualityRoutes } from '../quality/quality.routes.js';
import type { DataHub } from './records.module.js';

export interface DataHubRouteOptions {
  data: DataHub;
  imports: ImportsService;
  /** Reported in the FHIR CapabilityStatement. */
  softwareVersion: string;
}

export async function dataHubRoutes(app: FastifyInstance, options: DataHubRouteOptions): Promise<void> {
  await app.register(fhirRoutes, {
    fhir: options.data.fhir,
    imports: options.imports,
    softwareVersion: options.softwareVersion,
  });
  await app.register(mpiRoutes, { mpi: options.data.mpi });
  await app.register(factsRoutes, { facts: options.data.facts });
  await app.register(qualityRoutes, { quality: options.data.quality });
}
