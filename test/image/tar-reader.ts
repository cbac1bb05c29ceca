import * as zlib from 'zlib';

/** A tar entry as the tests read it back. */
export interface ReadEntry {
  readonly path: string;
  readonly type: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly uname: string;
  readonly content: Buffer;
}

/** Reads a (gzip-compressed or plain) tar, honouring PAX path records; for checking layers. */
export function readTar(data: Buffer): ReadEntry[] {
  const tar = data[0] === 0x1f && data[1] === 0x8b ? zlib.gunzipSync(data) : data;
  const entries: ReadEntry[] = [];
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const h = tar.subarray(offset, offset + 512);
    if (h.every((b) => b === 0)) break;
    const str = (start: number, len: number) => h.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const num = (start: number, len: number) => parseInt(str(start, len).trim() || '0', 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    if (sum !== num(148, 8)) throw new Error(`bad tar checksum at offset ${offset}`);
    const size = num(124, 12);
    const type = str(156, 1);
    const content = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = /\d+ path=(.*)\n/.exec(content.toString('utf8'));
      paxPath = m?.[1];
      continue;
    }
    const prefix = str(345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    paxPath = undefined;
    const entry: ReadEntry = {
      path: name,
      type,
      mode: num(100, 8),
      uid: num(108, 8),
      gid: num(116, 8),
      mtime: num(136, 12),
      uname: str(265, 32),
      content: Buffer.from(content),
    };
    entries.push(entry);
  }
  return entries;
}
