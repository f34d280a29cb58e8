import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  type HealthResponse,
  type ResolveUsersRequest,
  type ResolveUsersResponse,
  ActivitiesPattern,
} from '@app/contracts';
import { NoFaults } from '@app/platform';
import { ActivitiesService } from './activities.service';

/** The activities service's TCP handlers (patterns: ActivitiesPattern in the contracts). */
@Controller()
export class ActivitiesTcpController {
  constructor(private readonly activities: ActivitiesService) {}

  @MessagePattern(ActivitiesPattern.ResolveUsers)
  resolveUsers(@Payload() request: ResolveUsersRequest): ResolveUsersResponse {
    const handles = Array.isArray(request?.handles)
      ? request.handles.filter((handle): handle is string => typeof handle === 'string')
      : [];
    return { users: this.activities.resolveUsers(handles) };
  }

  @MessagePattern(ActivitiesPattern.Health)
  @NoFaults()
  health(): HealthResponse {
    return { status: 'ok', service: 'activities' };
  }
}
