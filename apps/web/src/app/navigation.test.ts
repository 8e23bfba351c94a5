import { describe, expect, it } from 'vitest';
import { rolePolicies } from '@shuzhi/core';
import { homePathFor, navigation, visibleNavigation } from './navigation';
import { en } from '../i18n/en';
import { isDelivered } from '../features/pages';

describe('role-aware navigation', () => {
  it('gives every role at least one page, and a home page it may open', () => {
    for (const [role, policy] of Object.entries(rolePolicies)) {
      const visible = visibleNavigation(policy.permissions);
      expect(visible.length, role).toBeGreaterThan(0);
      const paths = visible.flatMap((s) => s.items.map((i) => i.path));
      expect(paths, role).toContain(homePathFor(policy.permissions));
    }
  });

  it('shows the audit trail to auditors but not to citizens', () => {
    const auditor = visibleNavigation(rolePolicies.auditor.permissions).flatMap((s) =>
      s.items.map((i) => i.key),
    );
    const citizen = visibleNavigation(rolePolicies.citizen.permissions).flatMap((s) =>
      s.items.map((i) => i.key),
    );
    expect(auditor).toContain('audit');
    expect(citizen).not.toContain('audit');
    expect(citizen).toContain('myCode');
  });

  it('uses permissions the server knows, and has a label and description for every page', () => {
    const known = new Set(Object.values(rolePolicies).flatMap((p) => p.permissions));
    for (const section of navigation) {
      expect(en.nav).toHaveProperty(section.key);
      for (const item of section.items) {
        expect(en.nav).toHaveProperty(item.key);
        if (!isDelivered(item.key)) expect(en.modules).toHaveProperty(item.key);
        for (const p of item.anyOf) expect(known.has(p), `${item.key}: ${p}`).toBe(true);
      }
    }
  });

  it('gives a laboratory clerk its imports and the persons it submitted records about, nothing more of the hub', () => {
    const lab = visibleNavigation(rolePolicies.data_source.permissions).flatMap((s) =>
      s.items.map((i) => i.key),
    );
    expect(lab).toEqual(['imports', 'persons']);
  });
});
