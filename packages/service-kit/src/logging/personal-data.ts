// Personal data (names, ID numbers, phones, contacts) must never reach a log line. The first line
// of defence is not logging request bodies at all (see logger.ts); these redaction paths are the
// second, for anything a handler logs by mistake.

/** Field names that carry personal data anywhere in the platform's payloads. */
export const PERSONAL_DATA_FIELDS = [
  'name', 'citizenName', 'applicantName', 'contactName', 'fullName',
  'idNumber', 'idCardNumber', 'identityNumber',
  'phone', 'phoneNumber', 'mobile', 'contactPhone', 'contact',
  'address', 'email',
] as const;

/** Up to four levels deep (`phone`, `*.phone`, `*.*.phone`, …) plus credentials and error details. */
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
