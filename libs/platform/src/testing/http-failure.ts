import { HttpException } from '@nestjs/common';

/** The status and body of the HttpException a promise rejects with (specs of the dependency clients). */
export async function httpFailure(
  promise: Promise<unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof HttpException))
      throw new Error(`expected an HttpException, got ${String(error)}`, { cause: error });
    return { status: error.getStatus(), body: error.getResponse() as Record<string, unknown> };
  }
  throw new Error('expected a failure');
}
