/**
 * Demo accounts, one per role, created on first start and printed to the console. Zhuzhou (4302) is the
 * demo city; the district analyst and grid worker are scoped to Hetang District (荷塘区, 430202). The
 * laboratory clerk (`lab`) submits as the demo laboratory, a registered data source of its own.
 */
import { systemClock, type Role } from '@shuzhi/core';
import { systemContext, type IdentityModule } from '@shuzhi/identity';
import type { NewSource, Source } from '@shuzhi/hub';

export const DEMO_PASSWORD = 'shuzhi-demo-2026';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  areaCode: string | null;
}

/** The data source the demo `lab` account submits as (its records' provenance and id namespace). */
export const DEMO_LAB_SOURCE = {
  id: 'demo-lab',
  name: '株洲市疾控中心检验科 Zhuzhou CDC laboratory (demo)',
  type: 'lab',
  areaCode: '4302',
  expectedIntervalHours: 24,
} as const satisfies NewSource;

export const demoAccounts: DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员 Administrator', areaCode: null },
  {
    username: 'analyst',
    role: 'analyst',
    displayName: '指挥部分析员 Command-centre analyst',
    areaCode: '4302',
  },
  {
    username: 'district',
    role: 'analyst',
    displayName: '荷塘区分析员 Hetang district analyst',
    areaCode: '430202',
  },
  { username: 'epi', role: 'epidemiologist', displayName: '疾控流调员 CDC epidemiologist', areaCode: '4302' },
  { username: 'grid', role: 'grid_worker', displayName: '网格员 Grid worker', areaCode: '430202' },
  { username: 'venue', role: 'venue_operator', displayName: '场所经营者 Venue operator', areaCode: '4302' },
  { username: 'port', role: 'port_staff', displayName: '口岸工作人员 Port staff', areaCode: '4302' },
  { username: 'lab', role: 'data_source', displayName: '检测机构 Laboratory', areaCode: '4302' },
  { username: 'auditor', role: 'auditor', displayName: '审计员 Auditor', areaCode: null },
  { username: 'citizen', role: 'citizen', displayName: '市民 Citizen', areaCode: null },
];

/** What the seed needs of the hub: registering the demo laboratory. */
export interface DemoSourceRegistry {
  sources: {
    getSource(id: string): Promise<Source | undefined>;
    addSource(input: NewSource): Promise<{ id: string }>;
  };
}

/**
 * Creates the demo accounts that do not exist yet; returns the ones created. With the hub, the demo
 * laboratory is registered and `lab` is bound to it (also an existing `lab` account that was created before
 * accounts had a source). Without it, data-source accounts cannot be created (they need a source) and are
 * left out.
 */
export async function seedDemoAccounts(
  identity: IdentityModule,
  hub?: DemoSourceRegistry,
): Promise<DemoAccount[]> {
  const labSource = hub ? await ensureDemoLab(hub) : null;
  const created: DemoAccount[] = [];
  for (const account of demoAccounts) {
    const sourceId = account.role === 'data_source' ? labSource : null;
    const existing = await identity.users.findByUsername(account.username);
    if (existing) {
      if (sourceId && existing.role === 'data_source' && existing.sourceId === null)
        await identity.users.setSource(
          systemContext('seed', 'administration', systemClock),
          existing.id,
          sourceId,
        );
      continue;
    }
    if (account.role === 'data_source' && !sourceId) continue;
    await identity.users.createUser({ ...account, password: DEMO_PASSWORD, personId: null, sourceId });
    created.push(account);
  }
  return created;
}

async function ensureDemoLab(hub: DemoSourceRegistry): Promise<string> {
  if (!(await hub.sources.getSource(DEMO_LAB_SOURCE.id))) await hub.sources.addSource(DEMO_LAB_SOURCE);
  return DEMO_LAB_SOURCE.id;
}
