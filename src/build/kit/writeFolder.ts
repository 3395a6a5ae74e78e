// Writes a story folder atomically: everything goes into a temporary folder beside the target, which is validated
// with the same loader the build uses and only then renamed into place. A failure at any point leaves no folder,
// never a half-written one; an existing folder is replaced only when asked (--force), and only once the new one
// is known to be valid.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadStoryFolder } from '../loadFolder.ts';
import { StoryError } from '../../lib/story/errors.ts';

/** A target the kit will not write to, or a draft that did not validate. */
export class KitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KitError';
  }
}

/**
 * Writes `files` (path relative to the folder → contents) as the story folder `target`.
 * @param options.force replace an existing folder
 * @throws KitError when the target exists (without force) or the written story does not validate
 */
export function writeStoryFolder(
  target: string,
  files: ReadonlyMap<string, string>,
  options: { force?: boolean } = {},
): void {
  if (existsSync(target) && !options.force) {
    throw new KitError(`${target} already exists: choose another folder, or pass --force to replace it`);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Same parent, so the final rename is atomic (one file system) and a crash leaves only a hidden temp folder.
  const temporary = join(parent, `.${basename(target)}.new-${process.pid}`);
  const previous = join(parent, `.${basename(target)}.old-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  try {
    for (const [path, contents] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      mkdirSync(dirname(join(temporary, path)), { recursive: true });
      writeFileSync(join(temporary, path), contents);
    }
    try {
      loadStoryFolder(temporary);
    } catch (error) {
      if (error instanceof StoryError)
        throw new KitError(
          `the draft did not validate, nothing was written:\n${error.message.split(temporary).join(target)}`,
        );
      throw error;
    }
    if (existsSync(target)) {
      rmSync(previous, { recursive: true, force: true });
      renameSync(target, previous);
      renameSync(temporary, target);
      rmSync(previous, { recursive: true, force: true });
    } else {
      renameSync(temporary, target);
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}
