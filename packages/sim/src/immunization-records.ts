/**
 * COVID-19 immunisation records as the registry (免疫规划信息系统) sends them: inactivated vaccines (CVX 510
 * Sinopharm BIBP, 511 Sinovac CoronaVac), primary doses in 2021 three to eight weeks apart, boosters from
 * November 2021 — dates drawn from the person's own stream, so they are stable.
 */
import { immunization } from './fhir-resources.js';
import type { Population } from './population.js';
import { Random, streams } from './random.js';
import type { SourceRegistry } from './sources.js';

const DAY_MS = 86_400_000;

export function sendImmunizations(
  ctx: { seed: number; population: Population; sources: SourceRegistry; immunizationSource: number },
  person: number,
): void {
  const { population, sources } = ctx;
  const doses = population.vaccineDoses[person]!;
  if (doses === 0 || population.isForeign(person)) return;
  const source = ctx.immunizationSource;
  const patientId = sources.patientFor(source, person);
  const random = new Random(ctx.seed, streams.health, 0x1111, person);
  const cvx = random.chance(0.5) ? '510' : '511';
  const first = Date.UTC(2021, 2, 1) + random.between(0, 180) * DAY_MS;
  const dates = [
    first,
    first + random.between(21, 56) * DAY_MS,
    Date.UTC(2021, 10, 1) + random.between(0, 150) * DAY_MS,
  ];
  for (let dose = 1; dose <= doses; dose++) {
    sources.emit(
      source,
      immunization({
        id: sources.nextResourceId(source),
        patientId,
        organizationId: sources.sources[source]!.id,
        cvx,
        date: new Date(dates[dose - 1]!).toISOString().slice(0, 10),
        dose,
      }),
    );
  }
}
