export * from './env';
export * from './throttled-warning';
export * from './xray-trace-id';
export * from './error-message';
export * from './json-depth';
export * from './drainable';
