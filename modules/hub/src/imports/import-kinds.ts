/**
 * Who may submit each import kind (pure). A data source submits the kinds its type holds records of — a lab
 * its results, a hotel its stays — in the order it most likely sends them; staff who manage imports (CDC
 * epidemiologists, administrators, the CLI) submit any kind. A kind no type names (a new module's, or open-
 * source news) is for staff only, so a kind added later is closed to data sources until it is placed here.
 */
import type { Principal } from '@shuzhi/identity';
import type { SourceType } from '../sources.schema.js';
import { coded, type CodedReason } from '../core/reasons.js';

/** The kinds each source type may submit, the one it most likely sends first. */
export const importKindsOfSourceType: Readonly<Record<SourceType, readonly string[]>> = {
  hospital: ['fhir', 'case-reports', 'lab-results', 'fever-clinic-visits', 'vaccinations'],
  lab: ['lab-results', 'fhir'],
  cdc: ['case-reports', 'lab-results', 'fhir', 'vaccinations', 'travelers', 'indicators'],
  fever_clinic: ['fever-clinic-visits', 'lab-results', 'fhir'],
  pharmacy: ['pharmacy-sales'],
  transport: ['trips'],
  hotel: ['stays'],
  venue: ['checkins', 'venues'],
  // Community health centres (社区卫生服务中心) also vaccinate.
  community: ['gate-access', 'households', 'vaccinations', 'fhir'],
  port: ['travelers', 'lab-results', 'fhir'],
};

/** The order staff see the kinds in: clinical records first, presence next, open-source news last. */
const staffOrder = [
  'lab-results',
  'case-reports',
  'fever-clinic-visits',
  'vaccinations',
  'fhir',
  'travelers',
  'checkins',
  'trips',
  'stays',
  'gate-access',
  'households',
  'venues',
  'pharmacy-sales',
  'indicators',
  'news',
];

/**
 * Who is importing: staff, or a data source of a known type, or one whose type is unknown (a source
 * submitting under an id the hub has not registered).
 */
export type ImportSubmitter = { staff: true } | { staff: false; sourceType: SourceType | null };

export function importSubmitterOf(principal: Principal, sourceType: SourceType | undefined): ImportSubmitter {
  if (principal.role !== 'data_source') return { staff: true };
  return { staff: false, sourceType: sourceType ?? null };
}

/** Kinds some source type may submit: what a data source of unknown type is offered. */
const anySourceKinds = new Set(Object.values(importKindsOfSourceType).flat());

export function mayImportKind(kind: string, submitter: ImportSubmitter): boolean {
  if (submitter.staff) return true;
  if (submitter.sourceType === null) return anySourceKinds.has(kind);
  return importKindsOfSourceType[submitter.sourceType].includes(kind);
}

/** The kinds (of those registered) the submitter may import, the most likely first. */
export function importKindsFor<K extends { kind: string }>(
  kinds: readonly K[],
  submitter: ImportSubmitter,
): K[] {
  const order =
    !submitter.staff && submitter.sourceType !== null
      ? importKindsOfSourceType[submitter.sourceType]
      : staffOrder;
  const rank = (kind: string) => {
    const at = order.indexOf(kind);
    return at === -1 ? order.length : at;
  };
  return kinds
    .filter((k) => mayImportKind(k.kind, submitter))
    .map((k, position) => ({ k, position }))
    .sort((a, b) => rank(a.k.kind) - rank(b.k.kind) || a.position - b.position)
    .map(({ k }) => k);
}

/**
 * Why a submitter may not import a kind, for the 403 answer, with its code (so a FHIR client or the imports
 * page reads it in Chinese too); undefined when it may.
 */
export function importKindRefusal(kind: string, submitter: ImportSubmitter): CodedReason | undefined {
  if (mayImportKind(kind, submitter) || submitter.staff) return undefined;
  return submitter.sourceType === null
    ? coded('import-kind-staff-only', { kind })
    : coded('import-kind-source-type', {
        kind,
        type: submitter.sourceType,
        kinds: importKindsOfSourceType[submitter.sourceType].join(', '),
      });
}
