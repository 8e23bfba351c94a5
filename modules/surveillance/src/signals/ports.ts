/**
 * What the signals module needs from the rest of the platform, as narrow interfaces: the hub's change
 * feed and import contract are met structurally by `platform.hub.feed` and `platform.hub.imports`, so
 * this module does not depend on the hub package (the server, which has both, checks they fit).
 */
import type { Kysely, Transaction } from 'kysely';
import type { AccessContext, AuditService } from '@shuzhi/identity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = Kysely<any> | Transaction<any>;

/** A change-feed event as published (the hub's `NewFeedEvent`). */
export interface SignalFeedEvent {
  /** `surveillance.signal.created`, `surveillance.signal.updated` or `surveillance.signal.triaged`. */
  topic: string;
  entityType: string;
  entityId: string;
  areaCode?: string | null;
  payload?: Record<string, unknown>;
}

/** The hub's change feed: publish inside the writing transaction, notify after it committed. */
export interface ChangeFeedPort {
  publish(executor: Executor, events: SignalFeedEvent[]): Promise<void>;
  notify(): void;
}

export type AuditPort = Pick<AuditService, 'record'>;

/** The hub's import contract (`ImportHandler` in `@shuzhi/hub`), as far as the news import uses it. */
export interface ImportIssue {
  line: number;
  field?: string;
  reason: string;
}

export interface NewsImportHandlerShape<R> {
  kind: string;
  description: string;
  descriptionZh?: string;
  template?: {
    fileName: string;
    contentType: 'application/json';
    example: string;
    columns: { name: string; required: boolean; en: string; zh: string }[];
  };
  parse(text: string): Promise<{ records: R[]; issues: ImportIssue[]; total: number }>;
  apply(
    executor: Executor,
    records: R[],
    context: { ctx: AccessContext; progress: (done: number, total: number) => void },
  ): Promise<{ accepted: number; unchanged: number; issues?: ImportIssue[] }>;
  afterCommit(): void;
}
