// The command line's progress line: a bar and a percentage when the store's event count is known
// (PostgreSQL), the events checked and the rate alone when it is not (EventStoreDB).
export function progressLine(done: number, total: number | null, streams: number, elapsedSeconds: number): string {
  const rate = Math.round(done / Math.max(0.001, elapsedSeconds));
  const counts = `${streams.toLocaleString('en')} streams, ${rate.toLocaleString('en')}/s`;
  if (total === null) return `\r${done.toLocaleString('en')} events checked, ${counts}`;
  const width = 30;
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(fraction * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}%  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} events, ${counts}`;
}
