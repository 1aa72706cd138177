// Personal data (names, ID numbers, phones, contacts) must never reach a log line. The first line
// of defence is not logging request bodies at all (see logger.ts); redaction is the second, for
// anything a handler logs by mistake.

/** Field names that carry personal data anywhere in the platform's payloads. */
export const PERSONAL_DATA_FIELDS = [
  'name', 'citizenName', 'applicantName', 'contactName', 'fullName',
  'idNumber', 'idCardNumber', 'identityNumber',
  'phone', 'phoneNumber', 'mobile', 'contactPhone', 'contact',
  'address', 'email',
] as const;

/**
 * The same rules as pino redaction paths, up to four levels deep (`phone`, `*.phone`, `*.*.phone`, …)
 * plus credentials and error details, for a logger configured elsewhere. The platform's own loggers use
 * redactPersonalData below, which applies them in one pass.
 */
export function redactionPaths(fields: readonly string[] = PERSONAL_DATA_FIELDS): string[] {
  const prefixes = ['', '*.', '*.*.', '*.*.*.'];
  return [
    ...prefixes.flatMap((prefix) => fields.map((field) => `${prefix}${field}`)),
    'req.headers.authorization',
    'req.headers.cookie',
    'headers.authorization',
    // PostgreSQL errors put the offending row's values in `detail`.
    'err.detail',
    'err.where',
  ];
}

/** Keys censored wherever they appear (up to four levels deep): personal data, credentials, and the
 * free-text fields PostgreSQL errors quote the offending row's values in. */
const CENSORED = new Set<string>([...PERSONAL_DATA_FIELDS, 'authorization', 'cookie', 'detail', 'where']);
const CENSOR = '[redacted]';
const MAX_DEPTH = 4;

const isPlain = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A log line's object with every censored key's value replaced, walking plain objects and arrays only
 * (a request, a reply or an error has its own serializer, which keeps only safe fields). Returns the
 * same object when nothing is censored, and copies only what changes: the caller's objects are never
 * modified. One pass over a few keys; pino's path-based redaction of the same rules (sixty paths, most
 * with wildcards) cost about 25 µs per line in a CPU profile of the webhook under load.
 */
export function redactPersonalData<T>(value: T, depth = 0): T {
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const redacted = redactPersonalData(item, depth + 1);
      if (redacted !== item) (copy ??= [...value])[i] = redacted;
    });
    return (copy ?? value) as T;
  }
  if (!isPlain(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const redacted = CENSORED.has(key) ? CENSOR : redactPersonalData(item, depth + 1);
    if (redacted !== item) (copy ??= { ...value })[key] = redacted;
  }
  return (copy ?? value) as T;
}
