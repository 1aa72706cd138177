// CPU spent during a phase by this process (the service, or the limit's appenders) and by every
// PostgreSQL process, so that each phase can say what one request costs the machine. The rate target
// is a ratio to the append limit, and the load generator, the service and PostgreSQL share the same
// cores: a phase can go no faster than cores / (CPU per request), whatever its latency.
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSpent {
  /** This process, user + system, µs. */
  readonly processUs: number;
  /**
   * The benchmark's PostgreSQL (its postmaster and the processes it started) when `with-postgres`
   * names it (BENCH_POSTMASTER_PID), else every process named `postgres`; µs; undefined where /proc
   * cannot tell.
   */
  readonly postgresUs: number | undefined;
}

/** Whose PostgreSQL CPU is counted: the benchmark's own server, or (not told which) every one on the machine. */
export const postgresCpuScope = process.env.BENCH_POSTMASTER_PID ? 'own_server' : 'every_postgres';
const postmaster = process.env.BENCH_POSTMASTER_PID;

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of each `postgres` process (by pid and start time), in µs; undefined without a Linux /proc. */
function postgresCpuByPid(): Map<string, number> | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const byPid = new Map<string, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    if (!stat.includes('(postgres)')) continue;
    // Fields after "(comm) ": state is the first, ppid the 2nd, utime the 12th, stime the 13th,
    // starttime the 20th (proc(5)); keyed with its start time, a pid used again is another process.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Another PostgreSQL on a shared machine (tests, other benchmarks) is not this benchmark's cost.
    if (postmaster !== undefined && pid !== postmaster && fields[1] !== postmaster) continue;
    byPid.set(`${pid}@${fields[19]}`, ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS_PER_SECOND);
  }
  return byPid;
}

/**
 * Starts measuring; the function returned gives the CPU spent since. PostgreSQL's is summed over the
 * processes alive at the end (a backend that started meanwhile counts whole): a backend that exited
 * during the phase takes its CPU time with it, so it is left out rather than subtracted (the pools
 * measured keep theirs open; the ones that close are those of a phase before).
 */
export function startCpuMeter(): () => CpuSpent {
  const processBefore = process.cpuUsage();
  const postgresBefore = postgresCpuByPid();
  return () => {
    const spent = process.cpuUsage(processBefore);
    const postgresAfter = postgresCpuByPid();
    let postgresUs: number | undefined;
    if (postgresBefore !== undefined && postgresAfter !== undefined) {
      postgresUs = 0;
      for (const [pid, us] of postgresAfter) postgresUs += us - (postgresBefore.get(pid) ?? 0);
    }
    return { processUs: spent.user + spent.system, postgresUs };
  };
}
