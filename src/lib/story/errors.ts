// The one error type for bad story data: it names the file, the field and what was wrong.

/** One problem found in a story file. */
export interface StoryProblem {
  /** Story file, relative to the story folder, e.g. "steps.json". */
  file: string;
  /** Path of the field inside the file, e.g. "steps[3].passages[0]". Empty for the whole file. */
  field: string;
  /** What is wrong, in words a journalist can act on. */
  message: string;
}

/** Thrown by the loader when a story folder does not validate; lists every problem found. */
export class StoryError extends Error {
  readonly problems: StoryProblem[];

  constructor(problems: StoryProblem[], folder = '') {
    const prefix = folder ? `${folder.replace(/\/$/, '')}/` : '';
    const lines = problems.map((p) => `${prefix}${p.file}${p.field ? `: ${p.field}` : ''}: ${p.message}`);
    super(
      `The story data is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${lines.join('\n- ')}`,
    );
    this.name = 'StoryError';
    this.problems = problems;
  }
}
