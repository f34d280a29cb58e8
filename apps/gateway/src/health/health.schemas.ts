import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { DependencyCheck, Dependencies, ReadinessBody } from './health.controller';

/*
 * The health answers as OpenAPI schemas, implementing the controller's own
 * types so that the two cannot drift apart.
 */

const DEPENDENCY_NAMES = ['activities', 'notifications'];

@ApiSchema({ name: 'Liveness', description: 'The gateway answers; as the original app said it.' })
export class LivenessSchema {
  @ApiProperty({ type: 'boolean', enum: [true] })
  success!: true;

  @ApiProperty({ type: 'integer', enum: [1] })
  ver!: 1;
}

@ApiSchema({ name: 'DependencyCheck', description: 'One dependency probed over its own transport.' })
export class DependencyCheckSchema implements DependencyCheck {
  @ApiProperty({ example: true })
  ok!: boolean;

  @ApiProperty({ enum: ['http', 'tcp'], example: 'http' })
  transport!: 'http' | 'tcp';

  @ApiProperty({ type: 'integer', minimum: 0, description: 'How long the probe took.', example: 3 })
  latency_ms!: number;

  @ApiProperty({
    required: false,
    description: 'Why it failed (only when `ok` is false): what an error answer would say.',
    example: 'notifications is unavailable (ECONNREFUSED)',
  })
  error?: string;
}

@ApiSchema({ name: 'ReadinessDependencies', description: 'Each dependency, by name.' })
export class DependenciesSchema implements Dependencies {
  @ApiProperty({ type: () => DependencyCheckSchema, description: 'activities, over HTTP (`GET /health`).' })
  activities!: DependencyCheckSchema;

  @ApiProperty({ type: () => DependencyCheckSchema, description: 'notifications, over TCP (`notifications.health`).' })
  notifications!: DependencyCheckSchema;
}

@ApiSchema({ name: 'Readiness', description: 'Both dependencies answer.' })
export class ReadinessSchema implements ReadinessBody {
  @ApiProperty({ type: 'boolean', enum: [true] })
  ready!: boolean;

  @ApiProperty({ enum: DEPENDENCY_NAMES, isArray: true, maxItems: 0 })
  failing!: string[];

  @ApiProperty({ type: () => DependenciesSchema })
  dependencies!: DependenciesSchema;
}

@ApiSchema({ name: 'NotReady', description: 'A dependency failed its probe: the error answer, with the probes.' })
export class NotReadySchema implements ReadinessBody {
  @ApiProperty({ type: 'integer', enum: [503] })
  statusCode!: 503;

  @ApiProperty({ enum: ['Service Unavailable'] })
  error!: string;

  @ApiProperty({ example: 'not ready: notifications failing' })
  message!: string;

  @ApiProperty({ type: 'boolean', enum: [false] })
  ready!: boolean;

  @ApiProperty({ enum: DEPENDENCY_NAMES, isArray: true, minItems: 1, description: 'The failing dependencies.' })
  failing!: string[];

  @ApiProperty({ type: () => DependenciesSchema })
  dependencies!: DependenciesSchema;
}
