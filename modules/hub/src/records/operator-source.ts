/** Records imported by staff without naming a data source are kept under this source id. */
export const OPERATOR_SOURCE = 'operator';
