/** Data sources: register an organisation that submits data and give it an API key (shown once). */
import { AppError, newId, type Clock, type ListParams, type Page } from '@shuzhi/core';
import type { AccessContext, AuthService } from '@shuzhi/identity';
import { newSourceSchema, type NewSource, type Source, type SourceType } from './sources.schema.js';
import type { SourceRow, SourcesRepository } from './sources.repository.js';

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    areaCode: row.area_code,
    active: row.active,
    createdAt: row.created_at,
    expectedIntervalHours: row.expected_interval_hours,
  };
}

export class SourcesService {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  async addSource(input: NewSource): Promise<{ id: string; apiKey: string; source: Source }> {
    const parsed = newSourceSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        record: input.name,
        field: i.path.join('.'),
        reason: i.message,
      }));
      throw new AppError(
        'invalid_input',
        `source ${input.name}: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`,
        { issues },
      );
    }
    const data = parsed.data;
    if (await this.sources.findByName(data.name)) {
      throw new AppError('conflict', `a source named "${data.name}" already exists`, {
        issues: [{ record: data.name, field: 'name', reason: 'already taken' }],
      });
    }
    if (data.id && (await this.sources.findById(data.id))) {
      throw new AppError('conflict', `a source with id "${data.id}" already exists`, {
        issues: [{ record: data.name, field: 'id', reason: 'already taken' }],
      });
    }
    const row: SourceRow = {
      id: data.id ?? newId('src'),
      name: data.name,
      type: data.type,
      area_code: data.areaCode,
      active: true,
      created_at: this.clock.now().toISOString(),
      expected_interval_hours: data.expectedIntervalHours,
    };
    await this.sources.insert(row);
    const key = await this.auth.issueApiKey({
      kind: 'source',
      id: row.id,
      displayName: row.name,
      role: 'data_source',
      areaCode: row.area_code,
    });
    return { id: row.id, apiKey: key.apiKey, source: toSource(row) };
  }

  async listSources(
    ctx: AccessContext,
    filter: { type?: SourceType },
    params: ListParams,
  ): Promise<Page<Source>> {
    const page = await this.sources.list({ ...filter, areaScope: ctx.principal.areaCode }, params);
    return { ...page, items: page.items.map(toSource) };
  }

  async getSource(id: string): Promise<Source | undefined> {
    const row = await this.sources.findById(id);
    return row ? toSource(row) : undefined;
  }
}
