import { SetMetadata } from '@nestjs/common';

export const NO_FAULTS_METADATA = 'cruddur:no-faults';

/**
 * Keeps the fault switches off a controller or handler: health checks, so
 * that injected trouble shows in traces instead of making an orchestrator
 * restart the service (docker compose's healthchecks, the gateway's readiness).
 */
export const NoFaults = (): MethodDecorator & ClassDecorator => SetMetadata(NO_FAULTS_METADATA, true);
