/** Every CSV import template, by id (the `shuzhi import KIND` names and the web page's downloads). */
import type { CsvTemplate } from '../csv-template.js';
import { caseReportsTemplate } from './case-reports.js';
import { checkinsTemplate } from './checkins.js';
import { feverClinicVisitsTemplate } from './fever-clinic-visits.js';
import { gateAccessTemplate } from './gate-access.js';
import { householdsTemplate } from './households.js';
import { indicatorsTemplate } from './indicators.js';
import { labResultsTemplate } from './lab-results.js';
import { pharmacySalesTemplate } from './pharmacy-sales.js';
import { staysTemplate } from './stays.js';
import { travelersTemplate } from './travelers.js';
import { tripsTemplate } from './trips.js';
import { vaccinationsTemplate } from './vaccinations.js';

export {
  caseReportsTemplate,
  checkinsTemplate,
  feverClinicVisitsTemplate,
  gateAccessTemplate,
  householdsTemplate,
  indicatorsTemplate,
  labResultsTemplate,
  pharmacySalesTemplate,
  staysTemplate,
  travelersTemplate,
  tripsTemplate,
  vaccinationsTemplate,
};

export const csvTemplates: readonly CsvTemplate[] = [
  checkinsTemplate,
  tripsTemplate,
  staysTemplate,
  gateAccessTemplate,
  householdsTemplate,
  travelersTemplate,
  indicatorsTemplate,
  labResultsTemplate,
  caseReportsTemplate,
  feverClinicVisitsTemplate,
  vaccinationsTemplate,
  pharmacySalesTemplate,
] as readonly CsvTemplate[];

/** The template with this id, or undefined. */
export function csvTemplate(id: string): CsvTemplate | undefined {
  return csvTemplates.find((template) => template.id === id);
}
