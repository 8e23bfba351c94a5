/** Reads a person's cases from the hub's derived facts (the hub owns cases; tracing only reads them). */
import type { DataHub } from '@shuzhi/hub';
import type { ListParams, Page } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import type { HubCase } from './trace.service.js';

const rank: Record<string, number> = { confirmed: 0, asymptomatic: 1, suspected: 2 };

export function hubCases(facts: Pick<DataHub['facts'], 'listCases'>) {
  return {
    /** The person's active cases: confirmed or asymptomatic before suspected, then latest first. */
    async casesOfPerson(ctx: AccessContext, personId: string): Promise<HubCase[]> {
      const page = await facts.listCases(
        ctx,
        { status: 'active' },
        { q: personId, limit: 50, offset: 0, order: 'desc', sort: 'reported' },
      );
      return page.items
        .filter((c) => c.personId === personId)
        .sort((a, b) => (rank[a.classification] ?? 3) - (rank[b.classification] ?? 3))
        .map(toHubCase);
    },
    /** Active cases within the caller's area, newest report first (the case tracing page's list). */
    async listCases(ctx: AccessContext, params: ListParams): Promise<Page<HubCase>> {
      const page = await facts.listCases(ctx, { status: 'active' }, params);
      return { ...page, items: page.items.map(toHubCase) };
    },
  };
}

type FactsCase = Awaited<ReturnType<DataHub['facts']['listCases']>>['items'][number];

function toHubCase(c: FactsCase): HubCase {
  return {
    id: c.id,
    personId: c.personId,
    classification: c.classification,
    status: c.status,
    onset: c.onset,
    firstPositiveSpecimen: c.firstPositiveSpecimen,
    reportTime: c.reportTime,
    areaCode: c.areaCode,
  };
}
