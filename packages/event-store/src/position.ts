import type { GlobalPosition } from './types.js';

export function comparePositions(a: GlobalPosition, b: GlobalPosition): -1 | 0 | 1 {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Text form for HTTP and checkpoints tables: "commit/prepare", e.g. "7423/1052". */
export function formatPosition(p: GlobalPosition): string {
  return `${p.commit}/${p.prepare}`;
}

const POSITION_TEXT = /^(\d{1,20})\/(\d{1,20})$/;

export function parsePosition(text: string): GlobalPosition | undefined {
  const m = POSITION_TEXT.exec(text);
  if (!m) return undefined;
  return { commit: BigInt(m[1] as string), prepare: BigInt(m[2] as string) };
}

/** The stream category: the part of a stream name before its first `-`. */
export function streamCategory(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}
