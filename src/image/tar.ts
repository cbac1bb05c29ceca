/**
 * A deterministic tar (POSIX ustar) writer for image layers. Every header field that could
 * vary between machines is fixed: mtime 0, uid/gid 0, no user or group names, entries in
 * byte order of their paths, parent directories written once before their children. The same
 * files therefore always give the same bytes, and so the same layer digest.
 */

/** One regular file of a layer. */
export interface TarFile {
  /** Path inside the image, without a leading slash, e.g. "etc/ssl/certs/extra.pem". */
  readonly path: string;
  /** Permission bits, e.g. 0o644. */
  readonly mode: number;
  readonly content: Buffer;
}

const BLOCK = 512;
const DIRECTORY_MODE = 0o755;

/** Writes the files, and every parent directory they need, as one tar archive. */
export function createTar(files: readonly TarFile[]): Buffer {
  const directories = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      directories.add(parts.slice(0, i).join('/') + '/');
    }
  }
  const entries: { path: string; mode: number; content?: Buffer }[] = [
    ...[...directories].map((path) => ({ path, mode: DIRECTORY_MODE })),
    ...files.map((f) => ({ path: f.path, mode: f.mode, content: f.content })),
  ];
  entries.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));

  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.content ? '0' : '5';
    const size = entry.content?.length ?? 0;
    const split = splitPath(entry.path);
    if (!split) {
      // Too long for ustar's name/prefix fields: a PAX extended header carries the path.
      const record = paxRecord('path', entry.path);
      blocks.push(header({ name: 'PaxHeaders/entry', prefix: '', mode: 0o644, size: record.length, type: 'x' }), pad(record));
    }
    const { name, prefix } = split ?? { name: entry.path.slice(-99).replace(/^\/+/, ''), prefix: '' };
    blocks.push(header({ name, prefix, mode: entry.mode, size, type }));
    if (entry.content) blocks.push(pad(entry.content));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(blocks);
}

interface Header {
  readonly name: string;
  readonly prefix: string;
  readonly mode: number;
  readonly size: number;
  readonly type: string;
}

function header(h: Header): Buffer {
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 100, 'utf8');
  writeOctal(b, 100, 8, h.mode);
  writeOctal(b, 108, 8, 0); // uid
  writeOctal(b, 116, 8, 0); // gid
  writeOctal(b, 124, 12, h.size);
  writeOctal(b, 136, 12, 0); // mtime
  b.write(h.type, 156, 1, 'ascii');
  b.write('ustar\u0000', 257, 6, 'ascii');
  b.write('00', 263, 2, 'ascii');
  writeOctal(b, 329, 8, 0); // devmajor
  writeOctal(b, 337, 8, 0); // devminor
  b.write(h.prefix, 345, 155, 'utf8');
  // The checksum is computed with its own field as eight spaces.
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 8, 'ascii');
  return b;
}

function writeOctal(b: Buffer, offset: number, length: number, value: number) {
  b.write(value.toString(8).padStart(length - 1, '0') + '\u0000', offset, length, 'ascii');
}

function pad(content: Buffer): Buffer {
  const rest = content.length % BLOCK;
  return rest === 0 ? content : Buffer.concat([content, Buffer.alloc(BLOCK - rest)]);
}

/** Splits a path into ustar's prefix (155 bytes) and name (100 bytes), or undefined if it cannot. */
function splitPath(path: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const trailing = path.endsWith('/') ? '/' : '';
  const body = trailing ? path.slice(0, -1) : path;
  for (let i = body.indexOf('/'); i >= 0; i = body.indexOf('/', i + 1)) {
    const prefix = body.slice(0, i);
    const name = body.slice(i + 1) + trailing;
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  return undefined;
}

/** A PAX record "<length> <key>=<value>\n", whose length counts its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return Buffer.from(`${length}${body}`, 'utf8');
}
