/** The suite's version (package.json's), reported as `service.version` by every service. */
export const SUITE_VERSION = '0.1.0';
