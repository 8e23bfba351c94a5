import { describe, expect, it } from 'vitest';
import { importsMessages } from './messages';
import { warningsNote } from './warnings-note';

/** i18next's interpolation over the page's own strings, in one language. */
function translator(strings: Record<string, unknown>) {
  return (key: string, options: Record<string, unknown> = {}) =>
    String(strings[key.replace(/^imports\./, '')]).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
      String(options[name]),
    );
}

describe('the note above an import’s warnings', () => {
  it('says how many records were imported with a warning, in either language', () => {
    const job = { warnings: [{}], warningCount: 1 };
    expect(warningsNote(job, translator(importsMessages.en))).toBe(
      'Warnings: 1. These records were imported; check the fields named below.',
    );
    expect(warningsNote(job, translator(importsMessages.zhCN))).toBe(
      '警告 1 条：以下记录已导入，请核对所列字段。',
    );
  });

  it('says that only the first are listed when the stored report kept no more', () => {
    const job = { warnings: new Array<unknown>(1000).fill({}), warningCount: 1500 };
    expect(warningsNote(job, translator(importsMessages.en))).toBe(
      'Warnings: 1500. These records were imported; check the fields named below (the first 1000 are listed).',
    );
    expect(warningsNote(job, translator(importsMessages.zhCN))).toBe(
      '警告 1500 条：以下记录已导入，请核对所列字段（此处列出前 1000 条）。',
    );
  });
});
