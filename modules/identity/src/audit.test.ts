import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { FixedClock } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { identityMigrations } from './identity.migrations.js';
import { systemContext } from './principal.js';

describeEachDatabase(
  'audit trail tamper evidence',
  (getDatabase, dialect) => {
    const clock = new FixedClock('2026-03-01T00:00:00Z');
    let audit: AuditService;

    beforeEach(async () => {
      const database = getDatabase();
      await dropAppendOnlyGuards(database.db, dialect);
      await database.db.deleteFrom('audit_log').execute();
      await database.db
        .updateTable('audit_head')
        .set({ seq: 0, hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
        .execute();
      audit = new AuditService(new AuditRepository(database), clock);
      const ctx = systemContext('test', 'audit', clock);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          audit.record(ctx, {
            action: 'read',
            resourceType: 'person',
            resourceId: `per_${i}`,
            outcome: 'success',
            detail: { n: i },
          }),
        ),
      );
    });

    it('verifies an untouched chain', async () => {
      expect(await audit.verify()).toEqual({ ok: true, entries: 20, firstBreak: null });
    });

    it('finds an edited entry', async () => {
      await getDatabase()
        .db.updateTable('audit_log')
        .set({ resource_id: 'per_someone_else' })
        .where('seq', '=', 7)
        .execute();
      const result = await audit.verify();
      expect(result.ok).toBe(false);
      expect(result.firstBreak).toMatchObject({ kind: 'hash_mismatch', seq: 7 });
    });

    it('finds an edited entry whose hash was recomputed by the forger', async () => {
      // Rewriting one entry's hash breaks the link of the next one.
      await getDatabase()
        .db.updateTable('audit_log')
        .set({ outcome: 'denied', hash: 'f'.repeat(64) })
        .where('seq', '=', 5)
        .execute();
      const result = await audit.verify();
      expect(result.firstBreak?.seq).toBe(5);
    });

    it('finds a deleted entry in the middle', async () => {
      await getDatabase().db.deleteFrom('audit_log').where('seq', '=', 12).execute();
      const result = await audit.verify();
      expect(result.firstBreak).toMatchObject({ kind: 'sequence_gap', seq: 13, expected: 12 });
      expect(result.firstBreak?.message).toContain('entry 12 is missing');
    });

    it('finds deleted entries at the end', async () => {
      await getDatabase().db.deleteFrom('audit_log').where('seq', '>', 18).execute();
      const result = await audit.verify();
      expect(result.firstBreak).toMatchObject({ kind: 'head_mismatch', seq: 18 });
    });
  },
  { migrations: identityMigrations },
);

describeEachDatabase(
  'audit trail append-only guard',
  (getDatabase) => {
    it('refuses ordinary updates and deletes', async () => {
      const clock = new FixedClock('2026-03-01T00:00:00Z');
      const audit = new AuditService(new AuditRepository(getDatabase()), clock);
      await audit.record(systemContext('test', 'audit', clock), {
        action: 'x',
        resourceType: 'y',
        outcome: 'success',
      });
      await expect(
        getDatabase().db.updateTable('audit_log').set({ outcome: 'denied' }).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(getDatabase().db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    });
  },
  { migrations: identityMigrations },
);

// What an attacker with database-owner rights would do first; detection must not depend on the guard.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function dropAppendOnlyGuards(db: any, dialect: string): Promise<void> {
  if (dialect === 'postgres') await sql`drop trigger if exists audit_log_no_update on audit_log`.execute(db);
  else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
}
