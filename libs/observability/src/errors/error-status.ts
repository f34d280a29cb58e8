import { HttpException } from '@nestjs/common';

/** The HTTP status an error stands for, when it says one (Nest's HttpException); undefined otherwise. */
export function declaredStatusOf(error: unknown): number | undefined {
  return error instanceof HttpException ? error.getStatus() : undefined;
}

/** The status a handler answers with for this error: its declared status, or 500. */
export function handlerStatusOf(error: unknown): number {
  return declaredStatusOf(error) ?? 500;
}
