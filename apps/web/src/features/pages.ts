/**
 * The pages each module has delivered, by navigation key. A module adds its pages here; navigation items
 * without a page show the module's honest empty state.
 */
import type { ComponentType } from 'react';
import { AuditPage } from './admin/AuditPage';
import { UsersPage } from './admin/UsersPage';
import { AlertsPage } from './alerts/AlertsPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { SourcesPage } from './hub/SourcesPage';
import { ImportsPage } from './imports/ImportsPage';
import { LinkagePage } from './linkage/LinkagePage';
import { PersonsPage } from './persons/PersonsPage';
import { IndicatorsPage } from './indicators/IndicatorsPage';
import { SharingPage } from './sharing/SharingPage';
import { SignalsPage } from './signals/SignalsPage';
import { CasesPage } from './tracing/CasesPage';
import { ClustersPage } from './tracing/ClustersPage';
import { TasksPage } from './tracing/TasksPage';

export const pages: Record<string, ComponentType> = {
  dashboard: DashboardPage,
  sources: SourcesPage,
  imports: ImportsPage,
  persons: PersonsPage,
  linkage: LinkagePage,
  sharing: SharingPage,
  signals: SignalsPage,
  alerts: AlertsPage,
  indicators: IndicatorsPage,
  cases: CasesPage,
  tasks: TasksPage,
  clusters: ClustersPage,
  users: UsersPage,
  audit: AuditPage,
};

export function isDelivered(key: string): boolean {
  return key in pages;
}
