/**
 * Code systems and the codes the hub interprets: LOINC tests for SARS-CoV-2, SNOMED CT result and finding
 * codes, ICD-10 COVID-19 codes (WHO emergency codes U07.1 and U07.2), and the HL7 v3 code systems FHIR R4
 * uses for encounter classes and result interpretations.
 */
import { coded, type CodedReason } from './reasons.js';
import type { CaseClassification, TestKind, TestResult } from './records.js';

export const codeSystems = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  /** Shuzhi's case classes (confirmed, clinical, suspected, asymptomatic) where ICD-10 has none. */
  caseClassification: 'urn:shuzhi:cs:case-classification',
  /** Shuzhi's encounter settings (`fever-clinic`). */
  encounterSetting: 'urn:shuzhi:cs:encounter-setting',
} as const;

/** SARS-CoV-2 tests by LOINC code; other LOINC codes are accepted as `other`. */
export const sarsCov2Tests: Readonly<Record<string, { kind: TestKind; display: string }>> = {
  '94500-6': {
    kind: 'pcr',
    display: 'SARS-CoV-2 RNA [Presence] in Respiratory specimen by NAA with probe detection',
  },
  '94309-2': { kind: 'pcr', display: 'SARS-CoV-2 RNA [Presence] in Specimen by NAA with probe detection' },
  '94558-4': {
    kind: 'antigen',
    display: 'SARS-CoV-2 Ag [Presence] in Respiratory specimen by Rapid immunoassay',
  },
  '94563-4': { kind: 'antibody', display: 'SARS-CoV-2 IgG Ab [Presence] in Serum or Plasma by Immunoassay' },
  '94564-2': { kind: 'antibody', display: 'SARS-CoV-2 IgM Ab [Presence] in Serum or Plasma by Immunoassay' },
};

export function testKindOf(loincCode: string): TestKind {
  return sarsCov2Tests[loincCode]?.kind ?? 'other';
}

/** LOINC codes are digits, a hyphen and a check digit. */
export const loincCodePattern = /^\d{1,7}-\d$/;

/** SNOMED CT qualifier values used as Observation.valueCodeableConcept for qualitative results. */
export const snomedResults: Readonly<Record<string, TestResult>> = {
  '10828004': 'positive',
  '260373001': 'positive', // Detected
  '260385009': 'negative',
  '260415000': 'negative', // Not detected
  '419984006': 'indeterminate', // Inconclusive
  '82334004': 'indeterminate',
};

/** v3 ObservationInterpretation codes (for results given as quantities). */
export const interpretationResults: Readonly<Record<string, TestResult>> = {
  POS: 'positive',
  DET: 'positive',
  NEG: 'negative',
  ND: 'negative',
  IND: 'indeterminate',
};

/** A qualitative result written as text, in English or Chinese. */
export function resultFromText(text: string): TestResult | null {
  const t = text.trim().toLowerCase();
  if (['positive', 'pos', 'detected', '+', '阳性', '检出'].includes(t)) return 'positive';
  if (['negative', 'neg', 'not detected', '-', '阴性', '未检出'].includes(t)) return 'negative';
  if (['indeterminate', 'inconclusive', 'invalid', '可疑', '不确定'].includes(t)) return 'indeterminate';
  return null;
}

/** Fever (finding), SNOMED CT. */
export const feverSnomedCode = '386661006';

/** Axillary temperature at which fever clinics count fever (37.3 °C in China's COVID-19 guidance). */
export const feverThresholdCelsius = 37.3;

export const covidIcd10 = { confirmed: 'U07.1', notIdentified: 'U07.2' } as const;

export const caseClassifications: readonly CaseClassification[] = [
  'confirmed',
  'clinical',
  'suspected',
  'asymptomatic',
];

/**
 * The case class of an ICD-10 diagnosis. U07.1: virus identified (confirmed; asymptomatic when so
 * classified). U07.2: virus not identified — clinically diagnosed, or suspected while unconfirmed.
 */
export function classifyDiagnosis(
  icd10Code: string,
  verificationStatus: string | undefined,
  stated?: CaseClassification,
): CaseClassification {
  if (stated) return stated;
  if (icd10Code === covidIcd10.confirmed) return 'confirmed';
  if (icd10Code === covidIcd10.notIdentified) {
    return verificationStatus === 'provisional' ||
      verificationStatus === 'differential' ||
      verificationStatus === 'unconfirmed'
      ? 'suspected'
      : 'clinical';
  }
  return 'other';
}

/** Why a stated class contradicts the ICD-10 code, or null when it does not. */
export function classificationConflict(
  icd10Code: string,
  classification: CaseClassification,
): CodedReason | null {
  if (
    icd10Code === covidIcd10.confirmed &&
    (classification === 'clinical' || classification === 'suspected')
  ) {
    return coded('u07-1-classification', { classification });
  }
  if (
    icd10Code === covidIcd10.notIdentified &&
    (classification === 'confirmed' || classification === 'asymptomatic')
  ) {
    return coded('u07-2-classification', { classification });
  }
  return null;
}
