/** The data hub's pure cores: identifiers, record linkage, FHIR R4 validation and CSV templates (no I/O). */
export * from './identifiers/resident-id.js';
export * from './identifiers/passport.js';
export * from './identifiers/countries.js';
export * from './identifiers/phone.js';
export * from './identifiers/identifier-systems.js';
