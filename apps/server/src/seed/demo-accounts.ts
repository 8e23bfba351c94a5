/**
 * Demo accounts, one per role, created on first start and printed to the console. Zhuzhou (4302) is the
 * demo city; the district analyst and grid worker are scoped to Hetang District (荷塘区, 430202).
 */
import type { Role } from '@shuzhi/core';
import type { IdentityModule } from '@shuzhi/identity';

export const DEMO_PASSWORD = 'shuzhi-demo-2026';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  areaCode: string | null;
}

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

/** Creates the demo accounts that do not exist yet; returns the ones created. */
export async function seedDemoAccounts(identity: IdentityModule): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  for (const account of demoAccounts) {
    if (await identity.users.findByUsername(account.username)) continue;
    await identity.users.createUser({ ...account, password: DEMO_PASSWORD, personId: null });
    created.push(account);
  }
  return created;
}
