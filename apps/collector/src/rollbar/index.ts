export { RollbarModule } from './rollbar.module';
export { ErrorStore } from './error.store';
export type { ErrorStoreStats, RollbarItemData, RollbarItemView } from './rollbar-item.model';
