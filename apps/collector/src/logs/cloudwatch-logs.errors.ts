import { ProtocolError } from '../common/protocol.error';

/** CloudWatch Logs' error answers (all 400, as AWS sends them, with `__type` and `message`). */
export const CloudWatchLogsErrors = {
  resourceNotFound: (message: string) => new ProtocolError(400, 'ResourceNotFoundException', message),
  resourceAlreadyExists: (message: string) => new ProtocolError(400, 'ResourceAlreadyExistsException', message),
  invalidParameter: (message: string) => new ProtocolError(400, 'InvalidParameterException', message),
  limitExceeded: (message: string) => new ProtocolError(400, 'LimitExceededException', message),
  serialization: (message: string) => new ProtocolError(400, 'SerializationException', message),
  unknownOperation: (message: string) => new ProtocolError(400, 'UnknownOperationException', message),
  /** AWS's wording for a missing required member. */
  missing: (member: string) =>
    new ProtocolError(
      400,
      'InvalidParameterException',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    ),
  /** AWS's wording for a member outside its constraints. */
  constraint: (member: string, value: unknown, constraint: string) =>
    new ProtocolError(
      400,
      'InvalidParameterException',
      `1 validation error detected: Value '${String(value).slice(0, 200)}' at '${member}' failed to satisfy constraint: ${constraint}`,
    ),
};
