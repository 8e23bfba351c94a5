/**
 * Test wiring for event-based surveillance: identity (for the audit trail) and the signals module over a
 * test database, a fixed clock, a change feed that records what was published, and news items written
 * for these tests (a care-home influenza outbreak in Zhuzhou reported in Chinese and in English, and
 * items that are not about any outbreak).
 */
import { FixedClock } from '@shuzhi/core';
import type { Database, MigrationMap } from '@shuzhi/db';
import {
  createIdentityModule,
  identityMigrations,
  systemContext,
  type AccessContext,
  type IdentityModule,
} from '@shuzhi/identity';
import type { NewsItem } from '../ebs/index.js';
import type { ChangeFeedPort, Executor, SignalFeedEvent } from './ports.js';
import { createSignalsModule, type SignalsModule, type SignalsModuleOptions } from './signals.module.js';
import { signalsMigrations } from './signals.migrations.js';

export const signalsTestMigrations: MigrationMap = { ...identityMigrations, ...signalsMigrations };

/** Records published events; `notify` counts wake-ups. */
export class RecordingFeed implements ChangeFeedPort {
  readonly events: SignalFeedEvent[] = [];
  notified = 0;
  async publish(_executor: Executor, events: SignalFeedEvent[]): Promise<void> {
    this.events.push(...events);
  }
  notify(): void {
    this.notified += 1;
  }
  topics(): string[] {
    return this.events.map((e) => `${e.topic} ${e.entityId}`);
  }
}

export interface SignalsFixture {
  clock: FixedClock;
  identity: IdentityModule;
  feed: RecordingFeed;
  module: SignalsModule;
  ctx: AccessContext;
  /** An epidemiologist's context, as the gatekeeper would build it. */
  epi: AccessContext;
}

export function signalsFixture(
  database: Database,
  options: SignalsModuleOptions & { now?: string } = {},
): SignalsFixture {
  const clock = new FixedClock(options.now ?? '2025-03-12T08:00:00Z');
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: 1,
    loginMaxAttempts: 5,
    loginWindowMinutes: 15,
  });
  const feed = new RecordingFeed();
  const module = createSignalsModule(
    database,
    clock,
    { feed, audit: identity.audit },
    // Tests serve their feeds on 127.0.0.1.
    { homeArea: ['4302'], allowPrivateAddresses: true, ...options },
  );
  const epi: AccessContext = {
    principal: {
      kind: 'user',
      id: 'usr_epi',
      role: 'epidemiologist',
      displayName: '流调员 Epi',
      areaCode: '4302',
    },
    purpose: 'surveillance',
    clock,
    disclosed: new Set(),
  };
  return { clock, identity, feed, module, ctx: systemContext('test', 'surveillance', clock), epi };
}

/** 株洲荷塘区养老院流感 — the Chinese report. */
export const careHomeFluZh: NewsItem = {
  lang: 'zh',
  title: '株洲市荷塘区一养老院发生流感聚集性疫情',
  text:
    '株洲市荷塘区疾控中心3月11日通报，辖区月塘街道一家养老院近5天内累计报告流感样病例23例，其中6例经核酸检测为' +
    '甲型H3N2流感，2名老人住院治疗，无死亡病例。疾控部门已开展流行病学调查并指导机构落实隔离和消毒措施。',
  published: '2025-03-11',
  url: 'https://news.example.cn/zz/2025/0311/flu-care-home.html',
  source: '株洲日报',
};

/** The same outbreak, reported in English. */
export const careHomeFluEn: NewsItem = {
  lang: 'en',
  title: 'Influenza outbreak at Zhuzhou care home',
  text:
    'Health authorities in Hetang District, Zhuzhou, Hunan province, said on March 11 that 23 residents of a care ' +
    'home in Yuetang Subdistrict had developed influenza-like illness over five days. Six cases were confirmed as ' +
    'influenza A(H3N2) and two elderly residents were hospitalised; no deaths were reported.',
  published: '2025-03-11T09:30:00Z',
  url: 'https://wire.example.com/asia/zhuzhou-care-home-flu',
  source: 'Example Wire',
};

/** Not about an outbreak: a flower show. */
export const flowerShowZh: NewsItem = {
  lang: 'zh',
  title: '市民公园春季花展开幕',
  text: '3月10日，株洲市神农公园春季花展正式开幕，展出郁金香、樱花等三十余个品种，预计持续至4月中旬。',
  published: '2025-03-10',
};

/** Not about an outbreak: health advice that names a disease. */
export const fluAdviceEn: NewsItem = {
  lang: 'en',
  title: 'How to keep your family healthy this flu season',
  text: 'Doctors recommend annual vaccination, regular hand washing and staying home when sick to reduce the spread of influenza.',
  published: '2025-03-10',
};

/** Another event: cholera abroad, a different disease and place. */
export const choleraEn: NewsItem = {
  lang: 'en',
  title: 'Cholera cases rise in Lusaka',
  text: 'Zambia reported 120 new cholera cases in Lusaka on March 9, bringing the total this year to 1,450, with 18 deaths, the health ministry said.',
  published: '2025-03-09',
  url: 'https://wire.example.com/africa/zambia-cholera-0309',
};
