// For a service's server.ts: listen, and on SIGTERM/SIGINT (or a crash) close the app, which runs
// every resource's onClose hook, within a grace period.
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { ConfigError } from './config/parse-config.js';

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  /** How long in-flight requests and resources get to finish before the process exits anyway. */
  readonly graceMs?: number;
}

export async function listenWithGracefulShutdown(app: FastifyInstance, options: ListenOptions): Promise<void> {
  const { uninstall } = closeWithGrace(
    { delay: options.graceMs ?? 10_000, logger: { error: (message: unknown) => app.log.error({ message: String(message) }, 'graceful shutdown trouble') } },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'closing after an unhandled error');
      else app.log.info({ signal }, 'closing');
      await app.close();
    },
  );
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    uninstall();
    await app.close();
    throw error;
  }
}

/**
 * The parsed configuration, or (on a ConfigError) its message on stderr and exit 1: no logger exists
 * yet (its level is configuration), so say what is wrong, plainly, and stop.
 */
export function configOrExit<C>(load: () => C): C {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
