import { ProtocolError } from '../protocol.error';

/** The ProtocolError `act` throws (specs of the protocol readers and validators). */
export function protocolFailure(act: () => unknown): { status: number; code: string; message: string } {
  try {
    act();
  } catch (error) {
    if (!(error instanceof ProtocolError))
      throw new Error(`expected a ProtocolError, got ${String(error)}`, { cause: error });
    return { status: error.status, code: error.code, message: error.message };
  }
  throw new Error('expected an error');
}
