// The parts of an XLSX file (a ZIP archive) by name, found through the archive's central directory and
// inflated by Node's zlib, as text. Why not a library's: exceljs's streaming reader takes the parts in the
// order they are stored (exceljs writes the workbook part last, so its sheets could be read before it:
// its open race, exceljs issue 3064) and decodes each chunk of bytes on its own (a Chinese character cut
// between two chunks comes out as U+FFFD); its whole-workbook load goes through JSZip, whose JavaScript
// inflate took 1.4 s for a province's 38 MB sheet where zlib takes 0.14 s. Here any part is reached in the
// order the reader needs, and a part's text is decoded across chunk boundaries.
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export interface ZipPart {
  readonly name: string;
  /** The whole part as text (small parts: the workbook, its relationships, shared strings, styles). */
  text(): string;
  /** The part's text as it inflates, in chunks (a sheet: tens of megabytes for a province's month). */
  textChunks(): AsyncIterable<string>;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** How much inflated text is handed on at once: fewer, larger chunks for the XML parser. */
const CHUNK_BYTES = 64 * 1024;
/**
 * Most bytes one part may unpack to: a province's month (100,000 rows) is a 38 MB sheet. A part is
 * inflated to no more than it declares, and none may declare more than this, so a small file that unpacks
 * to gigabytes (a ZIP bomb) is refused before it fills the process's memory.
 */
export const MAX_PART_BYTES = 512 * 1024 * 1024;

/** A part that unpacks to more than it declared (or than MAX_PART_BYTES): not a workbook read here. */
export class OversizedPart extends Error {
  constructor(name: string) {
    super(`ZIP part ${name} unpacks to more than it declares`);
  }
}

/** The archive's parts by name, or undefined when the file is not a ZIP archive this reader can open. */
export function zipParts(file: Buffer): Map<string, ZipPart> | undefined {
  // The end-of-directory record is the last 22 bytes, or earlier by an archive comment of up to 64 KiB.
  let end = -1;
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 0xffff); at -= 1) {
    if (file.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const parts = new Map<string, ZipPart>();
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const size = file.readUInt32LE(at + 20);
    const unpacked = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const local = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    // Encrypted parts, other compressions and a ZIP64 archive (sizes past 4 GiB) are not a workbook read here.
    if ((flags & 1) !== 0 || (method !== STORED && method !== DEFLATED) || size === 0xffffffff || local === 0xffffffff) return undefined;
    if (local + 30 > file.length || file.readUInt32LE(local) !== LOCAL_HEADER) return undefined;
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (start + size > file.length || unpacked > MAX_PART_BYTES || (method === STORED && unpacked !== size)) return undefined;
    const stored = file.subarray(start, start + size);
    parts.set(name, {
      name,
      text: () => (method === STORED ? stored : inflated(name, stored, unpacked)).toString('utf8'),
      textChunks: () => textChunks(name, stored, method, unpacked),
    });
  }
  return parts;
}

/** A small part inflated whole, to no more than it declares. */
function inflated(name: string, stored: Buffer, unpacked: number): Buffer {
  try {
    return inflateRawSync(stored, { maxOutputLength: Math.max(1, unpacked) });
  } catch (error) {
    throw error instanceof RangeError ? new OversizedPart(name) : error;
  }
}

async function* textChunks(name: string, stored: Buffer, method: number, unpacked: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  if (method === STORED) {
    for (let at = 0; at < stored.length; at += CHUNK_BYTES) yield decoder.write(stored.subarray(at, at + CHUNK_BYTES));
  } else {
    const inflate = createInflateRaw({ chunkSize: CHUNK_BYTES });
    inflate.end(stored);
    let seen = 0;
    for await (const chunk of inflate) {
      seen += (chunk as Buffer).length;
      if (seen > unpacked) {
        inflate.destroy();
        throw new OversizedPart(name);
      }
      yield decoder.write(chunk as Buffer);
    }
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
