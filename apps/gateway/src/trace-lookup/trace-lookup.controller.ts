import { Controller, Get, Param } from '@nestjs/common';
import { TraceIdPipe } from './trace-id.pipe';
import { type TraceLookupAnswer, TraceLookupService } from './trace-lookup.service';

/** A client's view of its own trace; served only with GATEWAY_TRACE_LOOKUP=1 (the demo's default). */
@Controller('api/traces')
export class TraceLookupController {
  constructor(private readonly lookup: TraceLookupService) {}

  @Get(':traceId')
  get(@Param('traceId', TraceIdPipe) traceId: string): Promise<TraceLookupAnswer> {
    return this.lookup.lookUp(traceId);
  }
}
