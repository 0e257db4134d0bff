/** A mistake in how the tool was called or configured: reported in one line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
