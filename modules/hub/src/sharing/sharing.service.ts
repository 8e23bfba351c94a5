/**
 * Governed sharing (MISSION S2, B3): a data-sharing agreement lets one consumer organisation read named
 * datasets for one purpose, under a stated legal basis, until it expires or is revoked; identifiers,
 * phone numbers and names stay masked unless the agreement grants them. The gatekeeper asks `findGrant`
 * on every read by an external consumer.
 */
import {
  AppError,
  codedValidationReason,
  invalidInputOfZod,
  newId,
  type Clock,
  type ListParams,
  type Page,
  type Purpose,
  type SensitiveField,
} from '@shuzhi/core';
import type { AccessContext, Principal, SharingGrant } from '@shuzhi/identity';
import type { SourcesService } from '../sources.service.js';
import {
  agreementPurposes,
  newAgreementSchema,
  type Agreement,
  type NewAgreement,
} from './sharing.schema.js';
import type { AgreementRow, SharingRepository } from './sharing.repository.js';

export function toAgreement(row: AgreementRow, now: string): Agreement {
  return {
    id: row.id,
    consumerSourceId: row.consumer_source_id,
    title: row.title,
    datasets: row.datasets as Agreement['datasets'],
    fields: row.fields as Agreement['fields'],
    purpose: row.purpose as Agreement['purpose'],
    legalBasis: row.legal_basis,
    validFrom: row.valid_from,
    expiresAt: row.expires_at,
    status: row.status === 'active' && row.expires_at <= now ? 'expired' : row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedBy: row.revoked_by,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}

export class SharingService {
  constructor(
    private readonly agreements: SharingRepository,
    private readonly sources: SourcesService,
    private readonly clock: Clock,
  ) {}

  async createAgreement(ctx: AccessContext, input: NewAgreement): Promise<Agreement> {
    const parsed = newAgreementSchema.safeParse(input);
    if (!parsed.success) throw invalidInputOfZod('agreement', parsed.error.issues, input.title);
    const data = parsed.data;
    if (!(await this.sources.getSource(data.consumerSourceId))) {
      throw new AppError('invalid_input', `consumerSourceId: no data source ${data.consumerSourceId}`, {
        issues: [{ field: 'consumerSourceId', ...codedValidationReason('data-source-unknown') }],
      });
    }
    const now = this.clock.now().toISOString();
    const expiresAt = new Date(data.expiresAt).toISOString();
    // An agreement born expired grants nothing and would only clutter the review list with a dead entry.
    if (expiresAt <= now) {
      throw new AppError('invalid_input', `agreement: expiresAt: must be in the future (after ${now})`, {
        issues: [
          { record: data.title, field: 'expiresAt', ...codedValidationReason('expiry-past', { now }) },
        ],
      });
    }
    const row: AgreementRow = {
      id: newId('agr'),
      consumer_source_id: data.consumerSourceId,
      title: data.title,
      datasets: [...new Set(data.datasets)],
      fields: [...new Set(data.fields)],
      purpose: data.purpose,
      legal_basis: data.legalBasis,
      valid_from: data.validFrom ? new Date(data.validFrom).toISOString() : now,
      expires_at: expiresAt,
      status: 'active',
      created_by: ctx.principal.id,
      created_at: now,
      revoked_by: null,
      revoked_at: null,
      revoke_reason: null,
    };
    await this.agreements.insert(row);
    return toAgreement(row, now);
  }

  async revokeAgreement(ctx: AccessContext, id: string, reason: string): Promise<Agreement> {
    const row = await this.agreements.find(id);
    if (!row) throw new AppError('not_found', `agreement ${id} not found`);
    if (row.status === 'revoked') throw new AppError('conflict', `agreement ${id} is already revoked`);
    const now = this.clock.now().toISOString();
    // Two officers revoking at once: the first one's reason stands, the second is told (not overwritten).
    if (!(await this.agreements.revoke(id, ctx.principal.id, now, reason)))
      throw new AppError('conflict', `agreement ${id} is already revoked`);
    return toAgreement(
      { ...row, status: 'revoked', revoked_by: ctx.principal.id, revoked_at: now, revoke_reason: reason },
      now,
    );
  }

  async listAgreements(filter: { consumerSourceId?: string }, params: ListParams): Promise<Page<Agreement>> {
    const now = this.clock.now().toISOString();
    const page = await this.agreements.list(filter, params);
    return { ...page, items: page.items.map((r) => toAgreement(r, now)) };
  }

  /**
   * The grant covering a consumer's read of a dataset for a purpose, merging every agreement that does. The
   * read happens under all of them (a field in clear may come from any), so the grant names each, in a
   * stable order: `agr_a,agr_b` — naming one alone would tell the auditor a field was shown that it does not
   * grant.
   */
  async findGrant(consumer: Principal, dataset: string, purpose: Purpose): Promise<SharingGrant | null> {
    if (!consumer.sourceId) return null;
    const active = await this.activeAgreementsOf(consumer.sourceId);
    const covering = active.filter((a) => a.purpose === purpose && a.datasets.includes(dataset));
    if (covering.length === 0) return null;
    const fields = new Set<SensitiveField>(covering.flatMap((a) => a.fields as SensitiveField[]));
    return {
      agreementId: covering
        .map((a) => a.id)
        .sort()
        .join(','),
      fields: [...fields],
    };
  }

  /**
   * The area a consumer organisation may see (its data source's area; null = everywhere). Pushed change-feed
   * deliveries have no request and no API key to read it from.
   */
  async consumerArea(consumerSourceId: string): Promise<string | null> {
    return (await this.sources.getSource(consumerSourceId))?.areaCode ?? null;
  }

  /**
   * Whether a consumer's API key still holds: a revoked key must end what it holds open (a change-feed
   * stream), as a revoked agreement does. Staff are not consumers.
   */
  async consumerKeyActive(consumer: Principal): Promise<boolean> {
    return consumer.kind !== 'api_key' || this.sources.isKeyActive(consumer.id);
  }

  /** Whether a consumer organisation's data source exists and is enabled (its webhooks stop when it is not). */
  async consumerSourceActive(consumerSourceId: string): Promise<boolean> {
    return (await this.sources.getSource(consumerSourceId))?.active === true;
  }

  /**
   * The agreements under which a consumer read some datasets for a purpose: every active one granting any of
   * them, in a stable order (`agr_a,agr_b`); empty when none. A change-feed read names them all in its audit
   * entry: one agreement may grant the feed, another the results it carried.
   */
  async agreementsFor(consumer: Principal, purpose: Purpose, datasets: Iterable<string>): Promise<string> {
    if (!consumer.sourceId) return '';
    const read = new Set(datasets);
    const active = await this.activeAgreementsOf(consumer.sourceId);
    return active
      .filter((a) => a.purpose === purpose && a.datasets.some((d) => read.has(d)))
      .map((a) => a.id)
      .sort()
      .join(',');
  }

  /** Every dataset a consumer may read for a purpose (for filtering change-feed events). */
  async datasetsFor(consumer: Principal, purpose: Purpose): Promise<Set<string>> {
    if (!consumer.sourceId) return new Set();
    const active = await this.activeAgreementsOf(consumer.sourceId);
    return new Set(active.filter((a) => a.purpose === purpose).flatMap((a) => a.datasets));
  }

  /**
   * A consumer's active agreements that can grant anything: one made before the platform's own purposes were
   * refused (`data_submission`, a source key's default purpose) grants nothing, or every read without a
   * declared purpose would pass as a data submission. A disabled source's agreements grant nothing either:
   * its keys still open the platform (they are not revoked one by one), but may read nothing shared.
   */
  private async activeAgreementsOf(consumerSourceId: string): Promise<AgreementRow[]> {
    if (!(await this.consumerSourceActive(consumerSourceId))) return [];
    const active = await this.agreements.activeFor(consumerSourceId, this.clock.now().toISOString());
    return active.filter((a) => (agreementPurposes as readonly string[]).includes(a.purpose));
  }
}
