// Work split into slices, each in a task of its own, leaves the browser free between them to paint and to answer
// the reader: no one slice makes a long task on a slow phone.

/** Resolves in a later task (after anything the browser has queued meanwhile). */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
