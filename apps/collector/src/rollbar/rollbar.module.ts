import { Module } from '@nestjs/common';
import { ErrorStore } from './error.store';
import { ErrorsController } from './errors.controller';
import { RollbarItemController } from './rollbar-item.controller';

/**
 * Rollbar stand-in: the item API (`POST /api/1/item/`), the error store and
 * `GET /api/errors`. Exports ErrorStore for the read API.
 */
@Module({
  controllers: [RollbarItemController, ErrorsController],
  providers: [ErrorStore],
  exports: [ErrorStore],
})
export class RollbarModule {}
