// Fresh copies of the real story files for each test (no shared mutable fixtures), and a temporary story folder
// for tests that go through the file loader.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STORY_FILE_NAMES, type StoryFiles } from '../../src/lib/story/validate.ts';
import { loadStoryFolder, type LoadedStory } from '../../src/build/loadFolder.ts';

// Vitest runs from the project root; the path does not depend on import.meta.url, which jsdom tests rewrite.
export const STORY_FOLDER = resolve('data/kursk');

/** The parsed story files, deep-copied so a test may mutate them. */
export function createStoryFiles(): StoryFiles {
  return Object.fromEntries(
    STORY_FILE_NAMES.map((name) => [name, JSON.parse(readFileSync(join(STORY_FOLDER, name), 'utf8'))]),
  ) as unknown as StoryFiles;
}

type Item = Record<string, unknown>;

/** The list inside one story file (steps, places, layers or passages), for a test to change. */
export function listOf(files: StoryFiles, file: 'steps.json' | 'places.json' | 'layers.json' | 'article.json'): Item[] {
  const key = { 'steps.json': 'steps', 'places.json': 'places', 'layers.json': 'layers', 'article.json': 'passages' }[
    file
  ];
  return (files[file] as Record<string, Item[]>)[key] as Item[];
}

/** One item of a story file's list, by index; throws when absent so tests fail loudly. */
export function itemOf(files: StoryFiles, file: Parameters<typeof listOf>[1], index: number): Item {
  const item = listOf(files, file)[index];
  if (!item) throw new Error(`${file} has no item ${index}`);
  return item;
}

/** A copy of the story folder in a temporary directory; `cleanup` removes it. */
export function createStoryFolderCopy(): {
  folder: string;
  write(file: string, value: unknown): void;
  cleanup(): void;
} {
  const folder = mkdtempSync(join(tmpdir(), 'story-'));
  cpSync(STORY_FOLDER, folder, { recursive: true });
  return {
    folder,
    write: (file, value) =>
      writeFileSync(join(folder, file), typeof value === 'string' ? value : JSON.stringify(value)),
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}

let realStory: LoadedStory | undefined;

/**
 * The real story folder, loaded once per test file (loading computes figures and takes about a second).
 * Read it, never change it: tests that change story data use createStoryFiles or createStoryFolderCopy.
 */
export function loadRealStory(): LoadedStory {
  realStory ??= loadStoryFolder(STORY_FOLDER);
  return realStory;
}
