import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ERROR_REPORTER, type ErrorReporter } from '@app/observability';

/** The original app's `/rollbar/test`: reports the warning "Hello World!" and answers it. */
@Controller('rollbar')
export class RollbarTestController {
  constructor(@Inject(ERROR_REPORTER) private readonly errors: ErrorReporter) {}

  @Get('test')
  @Header('content-type', 'text/plain; charset=utf-8')
  test(): string {
    this.errors.message('Hello World!', 'warning');
    return 'Hello World!';
  }
}
