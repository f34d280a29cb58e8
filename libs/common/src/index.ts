export * from './env';
export * from './throttled-warning';
