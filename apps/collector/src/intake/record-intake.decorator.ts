import type { IncomingMessage } from 'node:http';
import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { IntakeInterceptor } from './intake.interceptor';
import { INTAKE_RECEIVER } from './intake.constants';
import type { IntakeReceiver } from './intake.log';

/** A receiver's name, or how to tell it from the request (one path can serve two receivers). */
export type ReceiverOf = IntakeReceiver | ((request: IncomingMessage) => IntakeReceiver);

/** Records each request a controller (or one route) handles in the intake record (`GET /api/intake`). */
export const RecordIntake = (receiver: ReceiverOf): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(INTAKE_RECEIVER, receiver), UseInterceptors(IntakeInterceptor));
