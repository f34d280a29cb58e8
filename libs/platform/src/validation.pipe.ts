import { HttpStatus, UnprocessableEntityException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** JSON body of a 422 answer. */
export interface ValidationErrorBody {
  statusCode: 422;
  error: 'Unprocessable Entity';
  message: string;
  /** Machine-readable codes, one per invalid field, in field order. */
  errors: string[];
}

function codesOf(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [...Object.values(error.constraints ?? {}), ...codesOf(error.children ?? [])]);
}

/**
 * The validation pipe of every service: DTO constraint messages are error codes
 * (see ValidationCode), a failure answers 422 with `{"errors": [...codes]}`,
 * unknown fields are dropped, and each field reports only its first failure.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const codes = codesOf(errors);
      return new UnprocessableEntityException({
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: 'Unprocessable Entity',
        message: `Validation failed: ${codes.join(', ')}`,
        errors: codes,
      } satisfies ValidationErrorBody);
    },
  });
}
