// Calls to the services through the console (`/api/<service>/...`) with the signed-in person's token.
// Every answer comes back as data or as a problem (RFC 9457) for the page to show in the person's terms.
import { currentSession } from './session.js';

export type Service = 'hotline' | 'legal-aid' | 'advisors' | 'audit' | 'reports';

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly rule?: string;
  readonly errors?: readonly FieldProblem[];
  readonly requestId?: string;
  /** The problem's other members as the service sent them (an import's `importErrors`, say). */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export type Answer<T> = { readonly ok: true; readonly status: number; readonly body: T; readonly headers: Headers } | { readonly ok: false; readonly problem: Problem };

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly ifMatch?: string;
  /** A file sent as the body itself, with its media type (a spreadsheet, a photo), instead of JSON. */
  readonly file?: { readonly body: Blob; readonly type: string };
  /** The answer's bytes as they came (a file to save), even when they are JSON. */
  readonly raw?: boolean;
}

/** Listeners told when a call finds the sign-in gone (401), so the app can ask the person to sign in again. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/**
 * Read your own writes: the position (`commit/prepare`) of the last act this page recorded at each
 * service. Every later read from that service carries it (`x-min-position`), and a list or figure kept in
 * a read model answers only once it has applied that act (the service waits, briefly), so a clerk who has
 * just approved a month never sees the month's list as it was before. Reads a service answers from the
 * case's own events ignore it.
 */
const lastWrite = new Map<Service, { readonly commit: bigint; readonly prepare: bigint; readonly text: string }>();
/** Tries of a read whose read model is still applying the person's last act. */
const READ_RETRIES = 4;
/** Whose acts they are: another sign-in starts from what the read models hold. */
let writer: string | undefined;

function rememberWrite(service: Service, text: string | null): void {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!match) return;
  const position = { commit: BigInt(match[1] ?? '0'), prepare: BigInt(match[2] ?? '0'), text: text ?? '' };
  const known = lastWrite.get(service);
  if (!known || position.commit > known.commit || (position.commit === known.commit && position.prepare > known.prepare)) lastWrite.set(service, position);
}

export async function call<T>(service: Service, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const session = currentSession();
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  const method = options.method ?? (options.body === undefined && !options.file ? 'GET' : 'POST');
  if (session?.token !== writer) {
    lastWrite.clear();
    writer = session?.token;
  }
  const written = lastWrite.get(service);
  if (method === 'GET' && written) headers['x-min-position'] = written.text;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let response: Response;
  for (let attempt = 1; ; attempt += 1) {
    try {
      response = await fetch(`/api/${service}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.file ? { body: options.file.body } : {}),
      });
    } catch {
      return { ok: false, problem: { status: 0, title: 'network' } };
    }
    // A read model still applying the person's last act (the service waited two seconds): ask again, as
    // its Retry-After says, a few times before saying so; the person would only press 刷新 themselves.
    const catchingUp = method === 'GET' && response.status === 503 && written !== undefined && response.headers.get('retry-after') !== null;
    if (!catchingUp || attempt >= READ_RETRIES) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 1_000 * Number(response.headers.get('retry-after') ?? '1'))));
  }
  if (response.status === 401) for (const listener of signedOutListeners) listener();
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    const body: unknown = type.includes('json') ? await response.json().catch(() => ({})) : {};
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    return {
      ok: false,
      problem: {
        status: response.status,
        title: typeof fields.title === 'string' ? fields.title : response.statusText,
        ...(typeof fields.detail === 'string' ? { detail: fields.detail } : {}),
        ...(typeof fields.rule === 'string' ? { rule: fields.rule } : {}),
        ...(Array.isArray(fields.errors) ? { errors: fields.errors as FieldProblem[] } : {}),
        ...(typeof fields.requestId === 'string' ? { requestId: fields.requestId } : {}),
        extensions: fields,
      },
    };
  }
  if (method !== 'GET') rememberWrite(service, response.headers.get('x-event-position'));
  const body = (type.includes('json') && !options.raw ? await response.json() : await response.blob()) as T;
  return { ok: true, status: response.status, body, headers: response.headers };
}

/** A new command id: one per intent of the person (a form opened, a button meant once). */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
