/**
 * The audit trail's hash chain (pure): each entry's hash covers its fields and the previous entry's hash,
 * so editing, deleting or reordering any entry breaks every later link.
 */
import { createHash } from 'node:crypto';

export interface AuditFields {
  seq: number;
  at: string;
  actorId: string;
  actorRole: string;
  purpose: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  areaCode: string | null;
  requestId: string | null;
  detail: unknown;
}

/** Canonical JSON: object keys sorted at every level, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditEntryHash(prevHash: string, fields: AuditFields): string {
  const body = canonicalJson([
    fields.seq,
    new Date(fields.at).toISOString(),
    fields.actorId,
    fields.actorRole,
    fields.purpose,
    fields.action,
    fields.resourceType,
    fields.resourceId,
    fields.outcome,
    fields.areaCode,
    fields.requestId,
    fields.detail ?? null,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainBreak =
  | { kind: 'hash_mismatch'; seq: number }
  | { kind: 'link_mismatch'; seq: number }
  | { kind: 'sequence_gap'; seq: number; expected: number }
  | { kind: 'head_mismatch'; seq: number };

export function describeBreak(b: ChainBreak): string {
  switch (b.kind) {
    case 'hash_mismatch':
      return `entry ${b.seq} was altered: its contents no longer match its hash`;
    case 'link_mismatch':
      return `entry ${b.seq} does not link to the entry before it`;
    case 'sequence_gap':
      return `entry ${b.expected} is missing (the next entry present is ${b.seq})`;
    case 'head_mismatch':
      return `the chain ends at entry ${b.seq} but the recorded head says otherwise: trailing entries were removed or the head was altered`;
  }
}
