/**
 * The review queue over a working day: a pair changes under a reviewer's eyes (its closest record is split off
 * in another tab, or another reviewer decides it first). Deciding it then says so in the reader's language and
 * the queue is read again, instead of an English server message beside a pair that still offers its buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '@shuzhi/identity';
import { signInThroughForm, startHarness, type Harness } from './harness.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const row = (result: string, patient: string, who: { id: string; name: string; birthDate: string }) =>
  `${result},${patient},${who.id},,${who.name},female,${who.birthDate},,430202,,94500-6,2026-03-01T08:10:00+08:00,2026-03-01T20:30:00+08:00,negative,,`;
// Two women, each registered twice by a hospital, and a clinic record under each one's ID with a wholly unlike
// name: two pairs for a person to decide.
const women = [
  { id: '43020219931010082X', name: '钱芳', birthDate: '1993-10-10', slip: '上官婉儿' },
  { id: '430202199411110621', name: '孙丽', birthDate: '1994-11-11', slip: '欧阳菲菲' },
];

describe('a review pair that changed since the page was opened', () => {
  let h: Harness;
  let hospitalId: string;
  beforeAll(async () => {
    h = await startHarness();
    const { hub, clock } = h.server.platform;
    const ctx = systemContext('e2e', 'data_quality', clock);
    const hospital = await hub.sources.addSource({
      name: '株洲市中心医院',
      type: 'hospital',
      areaCode: '430202',
    });
    const clinic = await hub.sources.addSource({
      name: '荷塘社区诊所',
      type: 'hospital',
      areaCode: '430202',
    });
    hospitalId = hospital.id;
    for (const [n, woman] of women.entries()) {
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: `hospital-${n}.csv`,
        sourceId: hospital.id,
        text: `${header}\n${row(`H${n}a`, `HP${n}`, woman)}\n${row(`H${n}b`, `HQ${n}`, woman)}\n`,
      });
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: `clinic-${n}.csv`,
        sourceId: clinic.id,
        text: `${header}\n${row(`K${n}`, `KP${n}`, { ...woman, name: woman.slip })}\n`,
      });
    }
  });
  afterAll(async () => h?.close());

  for (const [n, locale, label, notice] of [
    [0, 'zh-CN', '同一人——合并', /这对记录在您打开后已有变化/],
    [1, 'en', 'Same person — merge', /This pair changed after you opened it/],
  ] as const)
    it(`says so in ${locale} and reads the queue again`, async () => {
      const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale });
      const page = await context.newPage();
      await signInThroughForm(page, h.baseUrl, 'epi');
      if (locale === 'en') await page.evaluate(() => localStorage.setItem('shuzhi.language', 'en'));
      await page.goto(`${h.baseUrl}/hub/linkage`);
      const pair = page.getByRole('article').filter({ hasText: women[n]!.slip });
      await pair.getByRole('button', { name: label }).waitFor();

      const { hub, clock } = h.server.platform;
      const ctx = systemContext('e2e', 'data_quality', clock);
      const open = await hub.data.mpi.listReviews(ctx, 'open', { limit: 5, offset: 0, order: 'asc' });
      const shown = open.items.find((r) => r.record.name === women[n]!.slip)!;
      if (locale === 'zh-CN')
        // Meanwhile, in another tab, the hospital record the pair compares with is split off her person.
        await hub.data.mpi.split(ctx, shown.candidate.recordKey, 'e2e: the hospital record is another woman');
      // The English reader meets a pair another reviewer decided first.
      else await hub.data.mpi.decideReview(ctx, shown.id, { decision: 'distinct' });
      await pair.getByRole('button', { name: label }).click();
      await page.getByRole('alert').filter({ hasText: notice }).waitFor();
      // The queue is read again: the pair closed meanwhile leaves it.
      await pair.waitFor({ state: 'detached' });
      expect(shown.candidate.sourceId).toBe(hospitalId);
      await context.close();
    });
});
