/** Injection token of the ErrorReporter (see ObservabilityModule). */
export const ERROR_REPORTER = Symbol('observability:error-reporter');
