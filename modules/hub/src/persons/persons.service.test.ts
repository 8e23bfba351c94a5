import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations } from '../testing.js';

describeEachDatabase(
  'person references',
  (getDatabase) => {
    it('creates one person per unknown id and finds them again by the same id', async () => {
      const { hub } = hubFixture(getDatabase());
      const first = await hub.persons.resolveRefs(['p1', 'p2', 'p1']);
      expect(first.size).toBe(2);
      expect(first.get('p1')).toMatch(/^per_/);
      const again = await hub.persons.resolveRefs(['p2', 'p1']);
      expect(again.get('p1')).toBe(first.get('p1'));
      expect(again.get('p2')).toBe(first.get('p2'));
    });

    it('accepts platform person ids, resident ID numbers and passports', async () => {
      const { hub } = hubFixture(getDatabase());
      const created = await hub.persons.resolveRefs(['430202199003074571', 'passport:USA:X1234567']);
      const personId = created.get('430202199003074571')!;
      const again = await hub.persons.resolveRefs([personId, '430202199003074571', 'passport:usa:x1234567']);
      expect(again.get(personId)).toBe(personId);
      expect(again.get('430202199003074571')).toBe(personId);
      expect(again.get('passport:usa:x1234567')).toBe(created.get('passport:USA:X1234567'));
    });

    it('does not create persons when told not to', async () => {
      const { hub } = hubFixture(getDatabase());
      const found = await hub.persons.resolveRefs(['nobody-knows-me'], { createMissing: false });
      expect(found.size).toBe(0);
    });

    it('resolves a merged person to the person it was merged into', async () => {
      const { hub } = hubFixture(getDatabase());
      const refs = await hub.persons.resolveRefs(['merge-a', 'merge-b']);
      await getDatabase()
        .db.updateTable('persons')
        .set({ merged_into: refs.get('merge-b')! })
        .where('id', '=', refs.get('merge-a')!)
        .execute();
      const after = await hub.persons.resolveRefs(['merge-a']);
      expect(after.get('merge-a')).toBe(refs.get('merge-b'));
    });
  },
  { migrations: hubTestMigrations },
);
