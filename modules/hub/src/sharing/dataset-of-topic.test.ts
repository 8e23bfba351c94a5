import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { topicEntityOf } from '../records/record-kinds.js';
import { datasetOfTopic, topicDatasets, unsharedTopicEntities } from './sharing.schema.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const modulePrefix = '(?:hub|tracing|surveillance|healthcode|field|services|identity|sim)';
/** A topic written out (`'tracing.presence.imported'`): its `<module>.<entity>`. */
const literalTopic = new RegExp(`['"\`](${modulePrefix}\\.[a-z_]+)\\.[a-z_]+['"\`]`, 'g');
/** A topic whose change is filled in (`` `surveillance.alert.${change}` ``). */
const templateTopic = new RegExp(`\`(${modulePrefix}\\.[a-z_]+)\\.\\$\\{`, 'g');
/** A topic whose entity itself is filled in (`` `hub.${entity}.${change}` ``). */
const dynamicEntityTopic = new RegExp(`\`${modulePrefix}\\.\\$\\{`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every `<module>.<entity>` of a topic the platform's sources publish or subscribe to. */
function publishedTopicEntities(): { entities: Set<string>; dynamicIn: string[] } {
  const entities = new Set<string>();
  const dynamicIn: string[] = [];
  for (const root of ['modules', 'packages']) {
    for (const file of sourceFiles(join(repoRoot, root))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of [literalTopic, templateTopic])
        for (const match of text.matchAll(pattern))
          if (!/\.(js|ts|tsx|json|md)$/.test(match[1]!)) entities.add(match[1]!);
      if (dynamicEntityTopic.test(text)) dynamicIn.push(relative(repoRoot, file));
    }
  }
  // The record store publishes `hub.<entity>.created|updated` for every kind it stores.
  for (const entity of Object.values(topicEntityOf)) entities.add(`hub.${entity}`);
  return { entities, dynamicIn };
}

describe('the dataset of a change-feed topic', () => {
  it('puts each personal topic under the dataset an agreement must grant', () => {
    expect(datasetOfTopic('hub.observation.created')).toBe('observations');
    expect(datasetOfTopic('hub.case.confirmed')).toBe('cases');
    // Follow-up tasks name a person with a positive result and no report: a consumer of cases receives them.
    expect(datasetOfTopic('hub.followup.created')).toBe('cases');
    expect(datasetOfTopic('hub.followup.resolved')).toBe('cases');
    expect(datasetOfTopic('tracing.contact.identified')).toBe('contacts');
  });

  it('puts pharmacy sales under indicators: daily units per pharmacy and area, no person', () => {
    expect(datasetOfTopic('hub.pharmacy_sale.created')).toBe('indicators');
    expect(datasetOfTopic('hub.pharmacy_sale.updated')).toBe('indicators');
  });

  it('gives an unknown topic no dataset, so no consumer receives it', () => {
    expect(datasetOfTopic('hub.unheard.of')).toBeNull();
    // The module counts: another module's `observation` is not the hub's observations dataset.
    expect(datasetOfTopic('tracing.observation.created')).toBeNull();
    expect(datasetOfTopic('hub.traveler.created')).toBeNull();
  });

  it('decides every topic published anywhere: a dataset, or withheld on purpose', () => {
    const { entities, dynamicIn } = publishedTopicEntities();
    // Topics with a computed entity cannot be read from the source: only the record store's, whose entities
    // are `topicEntityOf`, are allowed.
    expect(dynamicIn).toEqual(['modules/hub/src/records/ingest.service.ts']);
    expect(entities.size).toBeGreaterThan(10);
    const undecided = [...entities].filter((e) => !(e in topicDatasets) && !(e in unsharedTopicEntities));
    expect(undecided).toEqual([]);
  });

  it('never both shares and withholds a topic', () => {
    expect(Object.keys(topicDatasets).filter((e) => e in unsharedTopicEntities)).toEqual([]);
  });
});
