import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

describeEachDatabase('HTTP app', (getDatabase) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
  });
  afterAll(async () => t.close());

  describe('operations endpoints', () => {
    it('answers /healthz and /readyz', async () => {
      expect((await t.app.inject('/healthz')).json()).toMatchObject({ status: 'ok' });
      expect((await t.app.inject('/readyz')).json()).toMatchObject({ status: 'ready' });
    });

    it('exposes Prometheus metrics by route pattern', async () => {
      await t.app.inject('/healthz');
      const body = (await t.app.inject('/metrics')).body;
      expect(body).toContain('# TYPE shuzhi_http_requests_total counter');
      expect(body).toMatch(/shuzhi_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
      expect(body).toContain('process_resident_memory_bytes');
    });

    it('sends security headers', async () => {
      const response = await t.app.inject('/healthz');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it('answers unknown API routes with problem+json', async () => {
      const response = await t.app.inject('/api/v1/nothing-here');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 404, code: 'not_found', title: 'Not found' });
    });
  });

  describe('sign-in and sessions', () => {
    it('rejects a wrong password without saying whether the user exists', async () => {
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'nope-nope-nope' },
      });
      const ghost = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'ghost', password: 'nope-nope-nope' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(ghost.statusCode).toBe(401);
      expect(wrong.json().detail).toBe(ghost.json().detail);
    });

    it('sets an httpOnly session cookie and returns the CSRF token', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'analyst', password: 'shuzhi-demo-2026' },
      });
      expect(response.statusCode).toBe(200);
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(/sz_session=szs_[\w-]+/);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Lax');
      expect(response.json()).toMatchObject({
        user: { username: 'analyst', role: 'analyst', areaCode: '4302' },
        token: null,
      });
      expect(response.json().csrfToken).toEqual(expect.any(String));
    });

    it('gives API clients a bearer token instead of a cookie', async () => {
      const headers = await signInBearer(t.app, 'epi');
      const me = await t.app.inject({ url: '/api/v1/auth/me', headers });
      expect(me.json()).toMatchObject({
        user: { role: 'epidemiologist' },
        purposes: expect.arrayContaining(['contact_tracing']),
      });
    });

    it('ends a session on logout', async () => {
      const session = await signIn(t.app, 'auditor');
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers }))
          .statusCode,
      ).toBe(204);
      expect(
        (await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } })).statusCode,
      ).toBe(401);
    });

    it('refuses further attempts after too many failures, with Retry-After', async () => {
      let last;
      for (let i = 0; i < 6; i++) {
        last = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'venue', password: `wrong-${i}-password` },
        });
      }
      expect(last!.statusCode).toBe(429);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      const right = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'venue', password: 'shuzhi-demo-2026' },
      });
      expect(right.statusCode).toBe(429);
    });
  });

  describe('the gatekeeper', () => {
    it('requires authentication', async () => {
      const response = await t.app.inject('/api/v1/users');
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('unauthenticated');
    });

    it('refuses a role without the permission', async () => {
      const citizen = await signIn(t.app, 'citizen');
      expect((await t.app.inject({ url: '/api/v1/users', headers: citizen.headers })).statusCode).toBe(403);
    });

    it('refuses a purpose the role may not declare', async () => {
      const admin = await signIn(t.app, 'admin');
      const response = await t.app.inject({
        url: '/api/v1/users',
        headers: { ...admin.headers, 'x-purpose-of-use': 'contact_tracing' },
      });
      expect(response.statusCode).toBe(403);
    });

    it('requires the CSRF token for writes with a cookie session', async () => {
      const admin = await signIn(t.app, 'admin');
      const payload = {
        username: 'newgrid',
        displayName: '新网格员',
        role: 'grid_worker',
        areaCode: '430202',
        password: 'long-enough-pw',
      };
      const without = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: admin.cookie },
        payload,
      });
      expect(without.statusCode).toBe(403);
      const withToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload,
      });
      expect(withToken.statusCode).toBe(201);
      expect(withToken.json()).toMatchObject({
        username: 'newgrid',
        role: 'grid_worker',
        areaCode: '430202',
        active: true,
      });
      expect(withToken.json()).not.toHaveProperty('password_hash');
    });

    it('names the field and reason of invalid input', async () => {
      const admin = await signIn(t.app, 'admin');
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { username: 'x', displayName: 'X', role: 'wizard', password: 'short' },
      });
      expect(response.statusCode).toBe(400);
      const fields = (response.json().issues as { field: string }[]).map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(['username', 'role', 'password']));
    });

    it('names the content type it cannot take', async () => {
      const admin = await signIn(t.app, 'admin');
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { ...admin.headers, 'content-type': 'text/xml' },
        payload: '<user/>',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_input' });
      expect(response.json().detail).toContain('text/xml');
    });

    it('limits a district official to their district', async () => {
      const admin = await signIn(t.app, 'admin');
      const all = await t.app.inject({ url: '/api/v1/users?limit=100', headers: admin.headers });
      const auditor = await signIn(t.app, 'auditor');
      expect(all.json().total).toBeGreaterThan(5);
      // The grid worker's area is 430202; an admin scoped to another district would not see them.
      const scoped = await t.platform.identity.users.listUsers(
        {
          principal: { kind: 'user', id: 'x', role: 'admin', displayName: 'x', areaCode: '430211' },
          purpose: 'administration',
          clock: t.platform.clock,
          disclosed: new Set(),
        },
        {},
        { limit: 100, offset: 0, order: 'asc' },
      );
      expect(scoped.items.every((u) => u.areaCode?.startsWith('430211'))).toBe(true);
      expect(scoped.items.find((u) => u.username === 'grid')).toBeUndefined();
      expect((await t.app.inject({ url: '/api/v1/users', headers: auditor.headers })).statusCode).toBe(200);
    });

    it('accepts a data source API key and refuses a revoked or unknown one', async () => {
      const admin = await signIn(t.app, 'admin');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: admin.headers,
        payload: { name: '株洲市中心医院检验科', type: 'lab', areaCode: '4302' },
      });
      expect(created.statusCode).toBe(201);
      const { apiKey } = created.json() as { apiKey: string };
      expect(apiKey).toMatch(/^szk_/);
      const asSource = await t.app.inject({
        url: '/api/v1/sources',
        headers: { authorization: `Bearer ${apiKey}` },
      });
      expect(asSource.statusCode).toBe(403); // a data source submits; it does not read the source registry
      const unknown = await t.app.inject({
        url: '/api/v1/sources',
        headers: { authorization: 'Bearer szk_forged' },
      });
      expect(unknown.statusCode).toBe(401);
    });
  });

  describe('areas', () => {
    it("lists Zhuzhou's real districts, and only their own to a district official", async () => {
      const analyst = await signIn(t.app, 'analyst');
      const all = (
        await t.app.inject({ url: '/api/v1/areas?level=district', headers: analyst.headers })
      ).json() as { items: { code: string; name: string }[] };
      expect(all.items.map((a) => a.name)).toEqual(
        expect.arrayContaining(['荷塘区', '芦淞区', '石峰区', '天元区', '醴陵市']),
      );
      const district = await signIn(t.app, 'district');
      const own = (
        await t.app.inject({ url: '/api/v1/areas?level=district', headers: district.headers })
      ).json() as { items: { code: string }[] };
      expect(own.items.map((a) => a.code)).toEqual(['430202']);
    });

    it('serves GeoJSON polygons for the map', async () => {
      const analyst = await signIn(t.app, 'analyst');
      const response = await t.app.inject({
        url: '/api/v1/areas/geojson?level=street&within=430202',
        headers: analyst.headers,
      });
      expect(response.headers['content-type']).toContain('application/geo+json');
      const collection = response.json() as { type: string; features: { geometry: { type: string } }[] };
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features.length).toBeGreaterThan(3);
      expect(collection.features[0]!.geometry.type).toBe('Polygon');
    });
  });

  describe('the audit trail', () => {
    it('records writes, personal-data reads and denials with actor, role and purpose', async () => {
      const epi = await signIn(t.app, 'epi');
      await t.app.inject({ url: '/api/v1/users', headers: epi.headers });
      const admin = await signIn(t.app, 'admin');
      await t.app.inject({ url: '/api/v1/users', headers: admin.headers });
      const page = await t.platform.identity.audit.list(
        { action: 'GET /api/v1/users' },
        { limit: 100, offset: 0, order: 'desc' },
      );
      const outcomes = page.items.map((e) => `${e.actor_role}:${e.purpose}:${e.outcome}`);
      expect(outcomes).toContain('admin:administration:success');
      expect(outcomes).toContain('epidemiologist:case_investigation:denied');
      const logins = await t.platform.identity.audit.list(
        { action: 'login' },
        { limit: 100, offset: 0, order: 'desc' },
      );
      expect(logins.items.some((e) => e.outcome === 'failure')).toBe(true);
    });

    it('lets an auditor read the trail and verify the chain', async () => {
      const auditor = await signIn(t.app, 'auditor');
      const list = await t.app.inject({ url: '/api/v1/audit?limit=5', headers: auditor.headers });
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toHaveLength(5);
      const verify = await t.app.inject({ url: '/api/v1/audit/verify', headers: auditor.headers });
      expect(verify.json()).toMatchObject({ ok: true, firstBreak: null });
      expect(verify.json().entries).toBeGreaterThan(10);
    });
  });
});
