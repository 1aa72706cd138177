// What a log line may say about an error: its type and code, never its message (which may quote a
// citizen's data). `type`, not `name`: log redaction blanks every `name` field (it is how people's names
// are keyed).

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function errorFacts(error: unknown): { type: string; code?: string } {
  const type = error instanceof Error ? error.name : typeof error;
  const code = errorCode(error);
  return code === undefined ? { type } : { type, code };
}
