/**
 * An error to answer in the wire format of the protocol that raised it
 * (each protocol's controller has a filter that renders it).
 */
export class ProtocolError extends Error {
  override name = 'ProtocolError';

  constructor(
    /** HTTP status to answer with. */
    readonly status: number,
    /** The protocol's error code, such as `InvalidParameterException`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
