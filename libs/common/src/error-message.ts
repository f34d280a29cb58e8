/** The message of a thrown value, whatever was thrown (an Error, a string, anything else). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
