export * from './fault-settings';
export * from './fault-switches';
export * from './faults.config';
export * from './faults.module';
export * from './no-faults.decorator';
export * from './injected-fault.error';
