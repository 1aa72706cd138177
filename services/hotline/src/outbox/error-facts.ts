// What a log line may say about an error: its name and code, never its message (which may quote data).
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function errorFacts(error: unknown): { name: string; code?: string } {
  const name = error instanceof Error ? error.name : typeof error;
  const code = errorCode(error);
  return code === undefined ? { name } : { name, code };
}
