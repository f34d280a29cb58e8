import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ERROR_REPORTER, type ErrorReporter } from '@app/observability';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';

/** The original app's `/rollbar/test`: reports the warning "Hello World!" and answers it. */
@ApiTags('rollbar')
@Controller('rollbar')
export class RollbarTestController {
  constructor(@Inject(ERROR_REPORTER) private readonly errors: ErrorReporter) {}

  @Get('test')
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({
    operationId: 'testRollbar',
    summary: 'Report a test warning to Rollbar',
    description:
      'Reports the warning "Hello World!" to Rollbar (the local collector by default, `GET /api/errors` there), as the original app did, under the request’s trace.',
  })
  @ApiOkResponse({
    description: 'Reported.',
    content: { 'text/plain': { schema: { type: 'string', enum: ['Hello World!'] } } },
  })
  @ApiErrorResponses(429, 500)
  test(): string {
    this.errors.message('Hello World!', 'warning');
    return 'Hello World!';
  }
}
