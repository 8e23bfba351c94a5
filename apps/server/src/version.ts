/** The platform version, shown in /healthz, the OpenAPI document and the CLI. */
export const VERSION = '0.1.0';
