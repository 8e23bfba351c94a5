/**
 * User-interface strings contributed by feature modules, each under its own top-level key so modules
 * never edit the same file. Merged with the shell's strings (i18n/en.ts, i18n/zh-CN.ts); a test checks
 * that every key exists in both languages.
 */
import { alertsMessages } from './alerts/messages';
import { dashboardMessages } from './dashboard/messages';
import { hubMessages } from './hub/messages';
import { importsMessages } from './imports/messages';
import { indicatorsMessages } from './indicators/messages';
import { sharingMessages } from './sharing/messages';
import { signalsMessages } from './signals/messages';
import { tracingMessages } from './tracing/messages';

export interface FeatureMessages {
  /** Top-level key the strings live under, e.g. `tracing` → t('tracing.title'). */
  namespace: string;
  en: Record<string, unknown>;
  zhCN: Record<string, unknown>;
}

export const featureMessages: FeatureMessages[] = [
  importsMessages,
  hubMessages,
  sharingMessages,
  signalsMessages,
  dashboardMessages,
  alertsMessages,
  indicatorsMessages,
  tracingMessages,
];
