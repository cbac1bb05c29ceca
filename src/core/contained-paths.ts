import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { fail } from './validation';

/**
 * Resolves files relative to `folder` and checks, before anything is written, that every one of
 * them lands inside it: no absolute path, no ".." that climbs out, and no existing symbolic link
 * on the way (the folder's own entries included) that points outside the folder. Fails with the
 * library's error on the first file that would escape; returns the absolute targets otherwise.
 *
 * Callers compute ALL their files first and call this once, so a refused write leaves the disk
 * untouched.
 */
export function containedTargets(scope: IConstruct | string, prop: string, folder: string, files: readonly string[]): string[] {
  const root = path.resolve(folder);
  // the folder itself may be (or sit under) a link: files go where it really points
  const realRoot = realpathOfExisting(root, 0);
  if (realRoot === undefined) fail(scope, prop, folder, 'a folder reached without a loop of symbolic links');
  return files.map((file) => {
    const target = path.resolve(root, file);
    if (path.isAbsolute(file) || !isInside(root, target) || target === root) {
      fail(scope, prop, file, `a file inside the output folder (${JSON.stringify(folder)}): no absolute path, no ".." out of it`);
    }
    const real = realpathOfExisting(target, 0);
    if (real === undefined || !isInside(realRoot, real)) {
      fail(scope, prop, file, `a file inside the output folder (${JSON.stringify(folder)}): a symbolic link on its way points out of the folder`);
    }
    return target;
  });
}

const MAX_LINKS = 40;

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The real path `target` would be written to, or undefined for a loop of links: the deepest existing ancestor (or the target
 * itself, even a dangling link) resolved through its links, plus the parts not created yet.
 */
function realpathOfExisting(target: string, depth: number): string | undefined {
  if (depth > MAX_LINKS) return undefined; // a loop of links (the kernel gives up at 40 as well)
  const missing: string[] = [];
  let current = target;
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(current);
    } catch {
      stat = undefined;
    }
    if (stat) {
      if (stat.isSymbolicLink()) {
        // a link, dangling or not: where it points decides (a dangling one would be created there)
        const pointsTo = path.resolve(path.dirname(current), fs.readlinkSync(current));
        const resolved = realpathOfExisting(pointsTo, depth + 1);
        return resolved === undefined ? undefined : path.join(resolved, ...missing);
      }
      return path.join(fs.realpathSync(current), ...missing);
    }
    const parent = path.dirname(current);
    if (parent === current) return path.join(current, ...missing);
    missing.unshift(path.basename(current));
    current = parent;
  }
}
