/**
 * Timeliness and false alerts measured on a pair of simulations with the same seed: the city with only
 * the planted cluster (no importations, no infected visitors) and the same city without it. The simulator
 * draws every person-day from its own random stream, so both runs see the same background (the same
 * fevers, sales and absences from other causes) until the cluster begins: an alert of the first run that
 * the second also raised is noise, one that only the first raised is the cluster's. The second run's
 * alerts are all false, and give the false-alert rate per district-month.
 */
import type { Database } from '@shuzhi/db';
import { demoCityOptions, type SimulationInput } from '@shuzhi/sim';
import { addDays } from '../../indicators/local-date.js';
import type { RuleUpdate } from '../alerts.schema.js';
import { runWarningOnSimulation, type SimulatedWarning } from './simulated-warning.js';
import { falseAlertRate, timeliness, type FalseAlertRate, type Timeliness } from './warning-scores.js';

export interface PairedScenario {
  people: number;
  days: number;
  /** Day (0-based) the planted market cluster starts. */
  clusterDay: number;
  seed: number;
  rules?: Record<string, RuleUpdate>;
  /** Days at the start not counted for false alerts (while detection has too little history). */
  warmUpDays?: number;
}

export interface PairedResult {
  scenario: PairedScenario;
  cluster: SimulatedWarning['cluster'];
  clusterInfections: number;
  /** Both runs raised the same alerts before the cluster's first infection (the pairing holds). */
  sameBackground: boolean;
  timeliness: Timeliness | null;
  falseAlerts: FalseAlertRate;
  /** False alerts of level yellow or above. */
  falseAlertsYellowUp: FalseAlertRate;
  platformMs: number;
}

const districts = 9;

/** The demo city's options with nothing infected from outside (the planted cluster is the only source). */
function quietCity(scenario: PairedScenario): SimulationInput {
  return {
    ...demoCityOptions({ people: scenario.people, days: scenario.days, seed: scenario.seed }),
    initialInfections: 0,
    visitors: { infectedShare: 0 },
    international: { infectedShare: 0 },
  };
}

export async function pairedEvaluation(
  openDatabase: () => Promise<Database>,
  scenario: PairedScenario,
): Promise<PairedResult> {
  const options = scenario.rules ? { rules: scenario.rules } : {};
  const withCluster = await runWarningOnSimulation(
    await openDatabase(),
    {
      ...quietCity(scenario),
      plantedCluster: { kind: 'market', day: scenario.clusterDay, infectiousnessMultiplier: 30 },
    },
    options,
  );
  const without = await runWarningOnSimulation(
    await openDatabase(),
    { ...quietCity(scenario), plantedCluster: null },
    options,
  );
  const cluster = withCluster.cluster;
  const key = (a: { area: string; indicator: string; firstAlarmDate: string }) =>
    `${a.area}|${a.indicator}|${a.firstAlarmDate}`;
  const before = (run: SimulatedWarning) =>
    run.alerts
      .filter((a) => cluster !== null && a.firstAlarmDate < cluster.firstInfection)
      .map(key)
      .sort()
      .join(',');
  const warmUp = scenario.warmUpDays ?? 0;
  const counted = without.alerts.filter((a) => a.firstAlarmDate >= addDays(without.firstDate, warmUp));
  const period = { districts, monitoredDays: scenario.days - warmUp };
  return {
    scenario,
    cluster,
    clusterInfections: withCluster.infections,
    sameBackground: before(withCluster) === before(without),
    timeliness: cluster ? timeliness(withCluster.alerts, cluster, without.alerts) : null,
    falseAlerts: falseAlertRate(counted, period),
    falseAlertsYellowUp: falseAlertRate(
      counted.filter((a) => a.level !== 'blue'),
      period,
    ),
    platformMs: withCluster.platformMs + without.platformMs,
  };
}
