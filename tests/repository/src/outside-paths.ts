// A checkout must work wherever it is cloned: a file that names a folder of the machine it was written on
// (an absolute home or work folder) or climbs out of the repository (`../something` beside the checkout)
// points at nothing on every other machine. The product's own copies (docs/domain/) are what files cite.
import { dirname, relative, resolve, sep } from 'node:path';

export interface OutsidePath {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

// Roots of machines' own folders. Split so that this file does not name one itself.
const machineRoots = ['wo' + 'rk', 'fa' + 'rm', 'ho' + 'me', 'ro' + 'ot', 'Us' + 'ers', 'mn' + 't'];
const absolute = new RegExp(`(^|[\\s'"\`(\\[=:])/(${machineRoots.join('|')})/[\\w.-]`);
// One or more `../` followed by a name: resolved against the file's folder.
const climbing = /(?:\.\.\/)+[\w@][^\s'"`)\]>,;]*/g;

/** Every place in `text` (the file at `file`, relative to `root`) that names a path outside `root`. */
export function outsidePathsIn(root: string, file: string, text: string): OutsidePath[] {
  const found: OutsidePath[] = [];
  const folder = dirname(resolve(root, file));
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    if (absolute.test(content)) found.push({ file, line, text: content.trim() });
    for (const match of content.matchAll(climbing)) {
      const target = relative(root, resolve(folder, match[0]));
      if (target === '..' || target.startsWith(`..${sep}`)) found.push({ file, line, text: match[0] });
    }
  });
  return found;
}
