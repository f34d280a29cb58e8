import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { TraceLookupAnswer } from './trace-lookup.service';
import type { TraceSummary } from './trace-summary';

const TRACE_ID_EXAMPLE = '6b0f534417bae22cf0b6059f70fc6825';
const XRAY_TRACE_ID_EXAMPLE = '1-6b0f5344-17bae22cf0b6059f70fc6825';

@ApiSchema({ name: 'TraceLinks', description: 'Where the trace can be seen.' })
export class TraceLinksSchema {
  @ApiPropertyOptional({
    format: 'uri',
    description: 'The trace in the collector’s explorer (when the spans go to the collector).',
    example: `http://127.0.0.1:4318/#/trace/${TRACE_ID_EXAMPLE}`,
  })
  explorer?: string;

  @ApiPropertyOptional({
    format: 'uri',
    description: 'Both views of the trace as JSON, from the collector’s read API.',
    example: `http://127.0.0.1:4318/api/traces/${TRACE_ID_EXAMPLE}`,
  })
  api?: string;

  @ApiPropertyOptional({
    format: 'uri',
    description: 'The trace in AWS’s X-Ray console (when the spans go elsewhere than the collector).',
  })
  xrayConsole?: string;
}

@ApiSchema({ name: 'TraceError', description: 'A span of the trace whose status is ERROR.' })
export class TraceErrorSchema {
  @ApiProperty({ example: 'notifications' })
  service!: string;

  @ApiProperty({ example: 'NotificationsController.list' })
  span!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'Injected fault: error (rate 1)' })
  message!: string | null;
}

@ApiSchema({ name: 'TraceSummary', description: 'The trace as the collector holds it.' })
export class TraceSummarySchema implements TraceSummary {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The root span’s name.',
    example: 'GET /api/activities/home',
  })
  root!: string | null;

  @ApiProperty({ type: [String], example: ['activities', 'gateway'] })
  services!: string[];

  @ApiProperty({ minimum: 0, description: 'OpenTelemetry spans.', example: 6 })
  spans!: number;

  @ApiProperty({
    minimum: 0,
    description: 'X-Ray segments and subsegments: as many as spans when both views are whole.',
    example: 6,
  })
  segments!: number;

  @ApiProperty({ type: 'number', nullable: true, example: 12.4 })
  durationMs!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The root’s HTTP status.', example: 200 })
  httpStatus!: number | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: '`ok`, `error` (4xx), `fault` (5xx) or `throttle` (429), as the collector judges the trace.',
    example: 'ok',
  })
  health!: string | null;

  @ApiProperty({ type: [TraceErrorSchema], description: 'The spans that failed (at most 20).' })
  errors!: TraceErrorSchema[];
}

@ApiSchema({ name: 'TraceLookup', description: 'Where a trace can be seen, and what the collector saw of it.' })
export class TraceLookupSchema implements TraceLookupAnswer {
  @ApiProperty({ pattern: '^[0-9a-f]{32}$', example: TRACE_ID_EXAMPLE })
  traceId!: string;

  @ApiProperty({ pattern: '^1-[0-9a-f]{8}-[0-9a-f]{24}$', example: XRAY_TRACE_ID_EXAMPLE })
  xrayTraceId!: string;

  @ApiProperty({ type: TraceLinksSchema })
  links!: TraceLinksSchema;

  @ApiProperty({
    description: 'The aws CLI command that reads the X-Ray view of it.',
    example: `aws --endpoint-url http://127.0.0.1:4318 xray batch-get-traces --trace-ids ${XRAY_TRACE_ID_EXAMPLE}`,
  })
  awsCli!: string;

  @ApiProperty({
    type: () => TraceSummarySchema,
    nullable: true,
    description: 'Null when the spans go elsewhere, or the collector has not got the trace (yet).',
  })
  summary!: TraceSummarySchema | null;

  @ApiPropertyOptional({ description: 'Why there is no summary.' })
  note?: string;
}
