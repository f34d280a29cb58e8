export * from './env';
export * from './throttled-warning';
export * from './xray-trace-id';
