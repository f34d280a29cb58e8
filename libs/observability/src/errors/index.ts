// Error reporting to Rollbar: every item carries the trace it belongs to.
export * from './error-reporter';
export * from './error-reporter.options';
export { createErrorReporter } from './error-reporter.factory';
