/** SQL for transmission chains and clusters: replaced as a whole each time they are recomputed. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import { areaScopePrefix, type ListParams, type Page } from '@shuzhi/core';
import type { Cluster, InfectorCandidate } from '../chains/index.js';

export interface ClusterRow {
  id: string;
  size: number;
  generations: number;
  first_onset: string;
  last_onset: string;
  area_code: string | null;
  recent: number;
  growth: Cluster['growth'];
  places: Cluster['places'];
  timeline: Cluster['timeline'];
  cases: string[];
  edges: Cluster['edges'];
  computed_at: string;
}

export interface InfectorRow {
  person_id: string;
  cluster_id: string | null;
  onset: string;
  candidates: Omit<InfectorCandidate, 'exposures'>[];
  computed_at: string;
}

const JSON_COLUMNS = ['growth', 'places', 'timeline', 'cases', 'edges'] as const;
const CHUNK = 200;

export class ClustersRepository {
  constructor(private readonly database: Database) {}

  async replaceAll(clusters: readonly ClusterRow[], infectors: readonly InfectorRow[]): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tracing_clusters').execute();
      await trx.deleteFrom('tracing_infectors').execute();
      for (let i = 0; i < clusters.length; i += CHUNK)
        await trx
          .insertInto('tracing_clusters')
          .values(
            clusters.slice(i, i + CHUNK).map((c) => ({
              ...c,
              growth: JSON.stringify(c.growth),
              places: JSON.stringify(c.places),
              timeline: JSON.stringify(c.timeline),
              cases: JSON.stringify(c.cases),
              edges: JSON.stringify(c.edges),
            })),
          )
          .execute();
      for (let i = 0; i < infectors.length; i += CHUNK)
        await trx
          .insertInto('tracing_infectors')
          .values(
            infectors.slice(i, i + CHUNK).map((r) => ({ ...r, candidates: JSON.stringify(r.candidates) })),
          )
          .execute();
    });
  }

  async list(
    filter: { areaScope: string | null; minSize?: number | undefined },
    params: ListParams,
  ): Promise<Page<ClusterRow>> {
    let q = this.database.db.selectFrom('tracing_clusters').selectAll();
    if (filter.areaScope !== null) q = q.where('area_code', 'like', `${areaScopePrefix(filter.areaScope)}%`);
    if (filter.minSize) q = q.where('size', '>=', filter.minSize);
    const page = await fetchPage<ClusterRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: {
          size: 'size',
          last: 'last_onset',
          first: 'first_onset',
          recent: 'recent',
          generations: 'generations',
        },
        key: 'id',
        searchable: ['id', 'area_code'],
      },
    );
    return { ...page, items: page.items.map(decode) };
  }

  async find(id: string): Promise<ClusterRow | undefined> {
    const row = (await this.database.db
      .selectFrom('tracing_clusters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as ClusterRow | undefined;
    return row ? decode(row) : undefined;
  }

  async infectorsOf(personIds: readonly string[]): Promise<InfectorRow[]> {
    const out: InfectorRow[] = [];
    for (let i = 0; i < personIds.length; i += 500)
      out.push(
        ...((await this.database.db
          .selectFrom('tracing_infectors')
          .selectAll()
          .where('person_id', 'in', personIds.slice(i, i + 500))
          .execute()) as InfectorRow[]),
      );
    return out.map((r) => decodeRow(r, { json: ['candidates'] }));
  }

  async computedAt(): Promise<string | null> {
    const row = (await this.database.db
      .selectFrom('tracing_clusters')
      .select((eb) => eb.fn.max('computed_at').as('at'))
      .executeTakeFirst()) as { at: string | null } | undefined;
    return row?.at ?? null;
  }
}

function decode(row: ClusterRow): ClusterRow {
  const r = decodeRow(row, { json: [...JSON_COLUMNS] });
  return { ...r, size: Number(r.size), generations: Number(r.generations), recent: Number(r.recent) };
}
