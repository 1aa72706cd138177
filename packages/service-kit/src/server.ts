// For a service's server.ts: listen, and on SIGTERM/SIGINT (or a crash) close the app, which runs
// every resource's onClose hook, within a grace period.
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';

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
