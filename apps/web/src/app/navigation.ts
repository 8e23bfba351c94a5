/**
 * The platform's navigation: every module of the design, each page with the permission (or roles) it
 * needs. The shell shows a user only what their role may open; pages whose module has not landed yet
 * render an honest empty state instead of fake data.
 */
export type Permission =
  | 'areas:read'
  | 'users:read'
  | 'users:manage'
  | 'audit:read'
  | 'sources:read'
  | 'sources:manage'
  | 'hub:submit'
  | 'imports:manage'
  | 'persons:read'
  | 'submissions:read'
  | 'persons:merge'
  | 'sharing:read'
  | 'sharing:manage'
  | 'tracing:read'
  | 'tracing:manage'
  | 'surveillance:read'
  | 'alerts:triage'
  | 'dashboard:read'
  | 'healthcode:self'
  | 'healthcode:scan'
  | 'field:community'
  | 'field:port'
  | 'services:self'
  | 'services:manage';

export interface NavItem {
  /** i18n key under `nav.` and, for placeholders, `modules.` */
  key: string;
  path: string;
  /** Any one of these permissions opens the page. */
  anyOf: Permission[];
}

export interface NavSection {
  key: string;
  items: NavItem[];
}

const item = (key: string, path: string, anyOf: Permission[]): NavItem => ({ key, path, anyOf });

export const navigation: NavSection[] = [
  { key: 'dashboard', items: [item('dashboard', '/dashboard', ['dashboard:read'])] },
  {
    key: 'hub',
    items: [
      item('sources', '/hub/sources', ['sources:read']),
      item('imports', '/hub/imports', ['imports:manage']),
      // A data source's clerk finds the persons its institution submitted records about (its own data only).
      item('persons', '/hub/persons', ['persons:read', 'submissions:read']),
      item('linkage', '/hub/linkage', ['persons:merge']),
      item('sharing', '/hub/sharing', ['sharing:read', 'sharing:manage']),
    ],
  },
  {
    key: 'healthcode',
    items: [
      item('myCode', '/healthcode/me', ['healthcode:self']),
      item('scan', '/healthcode/scan', ['healthcode:scan']),
      item('rules', '/healthcode/rules', ['dashboard:read']),
      item('overrides', '/healthcode/overrides', ['tracing:manage', 'users:manage']),
      item('appeals', '/healthcode/appeals', ['tracing:manage', 'services:manage']),
    ],
  },
  {
    key: 'tracing',
    items: [
      item('cases', '/tracing/cases', ['tracing:read']),
      item('tasks', '/tracing/tasks', ['tracing:read']),
      item('clusters', '/tracing/clusters', ['tracing:read']),
    ],
  },
  {
    key: 'warning',
    items: [
      item('alerts', '/warning/alerts', ['surveillance:read']),
      item('signals', '/warning/signals', ['surveillance:read']),
      item('indicators', '/warning/indicators', ['surveillance:read']),
    ],
  },
  {
    key: 'field',
    items: [
      item('testing', '/field/testing', ['field:community', 'field:port', 'tracing:manage']),
      item('quarantine', '/field/quarantine', ['field:community', 'field:port', 'tracing:manage']),
      item('travellers', '/field/travellers', ['field:port']),
      item('communities', '/field/communities', ['field:community']),
    ],
  },
  {
    key: 'services',
    items: [
      item('consultations', '/services/consultations', ['services:self', 'services:manage']),
      item('notices', '/services/notices', ['services:self', 'services:manage', 'dashboard:read']),
      item('rumours', '/services/rumours', ['services:self', 'services:manage', 'dashboard:read']),
      item('feedback', '/services/feedback', ['services:self', 'services:manage']),
    ],
  },
  {
    key: 'admin',
    items: [item('users', '/admin/users', ['users:read']), item('audit', '/admin/audit', ['audit:read'])],
  },
];

export function visibleNavigation(permissions: readonly string[]): NavSection[] {
  return navigation
    .map((section) => ({
      ...section,
      items: section.items.filter((i) => i.anyOf.some((p) => permissions.includes(p))),
    }))
    .filter((section) => section.items.length > 0);
}

/** The first page a role lands on after signing in. */
export function homePathFor(permissions: readonly string[]): string {
  const preferred = [
    '/dashboard',
    '/healthcode/me',
    '/healthcode/scan',
    '/field/communities',
    '/field/travellers',
    '/hub/imports',
    '/admin/audit',
    '/admin/users',
  ];
  const allowed = new Set(visibleNavigation(permissions).flatMap((s) => s.items.map((i) => i.path)));
  return preferred.find((p) => allowed.has(p)) ?? [...allowed][0] ?? '/';
}
