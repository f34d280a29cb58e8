import { Controller, Get, Inject, NotFoundException, Optional, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { TraceIdPipe } from './trace-id.pipe';
import { TraceLookupSchema } from './trace-lookup.schemas';
import { type TraceLookupAnswer, TraceLookupService } from './trace-lookup.service';

/**
 * A client's view of its own trace. Always routed, so the API's description
 * does not depend on configuration; without GATEWAY_TRACE_LOOKUP=1 (the
 * demo's default) it answers 404, as an unknown route would.
 */
@ApiTags('traces')
@Controller('api/traces')
export class TraceLookupController {
  constructor(@Optional() @Inject(TraceLookupService) private readonly lookup?: TraceLookupService) {}

  @Get(':traceId')
  @ApiOperation({
    operationId: 'lookUpTrace',
    summary: 'Where your trace is, and what happened to your request',
    description:
      'Give the trace id of a response (its `traceresponse` header, or the `Root` of `X-Amzn-Trace-Id`): the answer links to the trace in the collector’s explorer and names the aws CLI command that reads it; when the spans go to the suite’s collector, it summarises the trace across the services. Served with `GATEWAY_TRACE_LOOKUP=1` (`npm start`’s and docker compose’s default), 404 otherwise.',
  })
  @ApiParam({
    name: 'traceId',
    description: '32 hex digits, or the X-Ray form `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`.',
    example: '6b0f534417bae22cf0b6059f70fc6825',
  })
  @ApiOkResponse({ description: 'The links, and the summary when the collector has it.', type: TraceLookupSchema })
  @ApiErrorResponses(
    { status: 400, description: 'Not a trace id.' },
    { status: 404, description: 'The lookup is off (`GATEWAY_TRACE_LOOKUP` unset).' },
    429,
  )
  get(@Param('traceId', TraceIdPipe) traceId: string): Promise<TraceLookupAnswer> {
    if (!this.lookup) throw new NotFoundException('the trace lookup is off: GATEWAY_TRACE_LOOKUP=1 turns it on');
    return this.lookup.lookUp(traceId);
  }
}
