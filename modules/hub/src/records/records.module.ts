/**
 * Wires the hub's data side: the record store and its ingest pipeline, the master person index, the fact
 * tables with derived cases and follow-ups, and the import handlers of the hub's own kinds.
 */
import type { Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { ChangeFeed } from '../feed/change-feed.js';
import { defaultDetectionOptions, type DetectionOptions } from '../facts/asymptomatic-detection.js';
import { CaseTracker } from '../facts/case-tracker.js';
import { CasesRepository } from '../facts/cases.repository.js';
import { FactsRepository } from '../facts/facts.repository.js';
import { fhirImportHandler } from '../fhir/fhir-import-handler.js';
import type { ImportHandler } from '../imports/import-handler.js';
import { MpiRepository } from '../mpi/mpi.repository.js';
import { MpiService } from '../mpi/mpi.service.js';
import { PersonLinker } from '../mpi/person-linker.js';
import { RecordMover } from '../mpi/record-move.js';
import { PersonsRepository } from '../persons/persons.repository.js';
import { PersonsService } from '../persons/persons.service.js';
import { FactsService } from '../facts/facts.service.js';
import { FhirSearchRepository } from '../fhir/fhir-search.repository.js';
import { FhirService } from '../fhir/fhir.service.js';
import { QualityRepository } from '../quality/quality.repository.js';
import { QualityService } from '../quality/quality.service.js';
import type { SourcesService } from '../sources.service.js';
import { csvImportHandler, hubCsvKinds } from './csv-import-handlers.js';
import { FeedWriter } from './feed-writer.js';
import { IngestService } from './ingest.service.js';
import { RecordsRepository } from './records.repository.js';
import { RecordsService } from './records.service.js';

export interface DataHubOptions {
  /**
   * Records the linkage prior is based on while the index is smaller (default 100 000): set it to the
   * population the hub serves, or early records link too easily.
   */
  linkagePopulation?: number;
  detection?: Partial<DetectionOptions>;
}

export interface DataHub {
  records: RecordsService;
  ingest: IngestService;
  linker: PersonLinker;
  cases: CaseTracker;
  mpi: MpiService;
  facts: FactsService;
  fhir: FhirService;
  quality: QualityService;
  /** The hub's own import kinds, to register with the imports service. */
  importHandlers: ImportHandler[];
  repositories: {
    records: RecordsRepository;
    mpi: MpiRepository;
    facts: FactsRepository;
    cases: CasesRepository;
  };
}

export interface DataHubDependencies {
  database: Database;
  clock: Clock;
  feed: ChangeFeed;
  sources: SourcesService;
}

export function createDataHub(dependencies: DataHubDependencies, options: DataHubOptions = {}): DataHub {
  const { database, clock, feed, sources } = dependencies;
  const repositories = {
    records: new RecordsRepository(database),
    mpi: new MpiRepository(database),
    facts: new FactsRepository(database),
    cases: new CasesRepository(database),
  };
  const linker = new PersonLinker(repositories.mpi, clock, {
    populationSize: options.linkagePopulation ?? 100_000,
  });
  const cases = new CaseTracker(repositories.facts, repositories.cases, repositories.mpi, clock, {
    ...defaultDetectionOptions,
    ...options.detection,
  });
  const ingest = new IngestService({
    records: repositories.records,
    mpi: repositories.mpi,
    linker,
    mover: new RecordMover({
      repository: repositories.mpi,
      records: repositories.records,
      facts: repositories.facts,
      cases,
    }),
    persons: new PersonsService(new PersonsRepository(database), clock),
    facts: repositories.facts,
    cases,
    feed: new FeedWriter(database, clock),
    clock,
  });
  const records = new RecordsService(database, repositories.records, ingest, linker, feed, clock);
  const importHandlers: ImportHandler[] = [
    fhirImportHandler(records, database) as ImportHandler,
    ...hubCsvKinds.map((kind) => csvImportHandler(kind, records) as ImportHandler),
  ];
  const mpi = new MpiService({
    database,
    repository: repositories.mpi,
    linker,
    records: repositories.records,
    facts: repositories.facts,
    cases,
    feed,
    clock,
  });
  const facts = new FactsService({
    database,
    facts: repositories.facts,
    cases: repositories.cases,
    mpi: repositories.mpi,
    tracker: cases,
    feed,
    clock,
  });
  const fhir = new FhirService(records, new FhirSearchRepository(database), clock);
  const quality = new QualityService(sources, new QualityRepository(database), clock);
  return { records, ingest, linker, cases, mpi, facts, fhir, quality, importHandlers, repositories };
}
