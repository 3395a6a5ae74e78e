import { describe, expect, it } from 'vitest';
import { LOAD_DATA, withoutFileEchoes, type WorkerMessage, type WorkerScope } from '../../src/lib/map/fileEchoes.ts';

/** A worker scope that records what is posted and lets the test deliver messages, as the page would. */
function fakeScope() {
  const listeners: ((event: { data: WorkerMessage }) => void)[] = [];
  const posted: { message: WorkerMessage; options: unknown }[] = [];
  const scope: WorkerScope = {
    addEventListener: (_type, listener) => listeners.push(listener),
    postMessage: (message, options) => posted.push({ message, options }),
  };
  const receive = (message: WorkerMessage): void => listeners.forEach((listener) => listener({ data: message }));
  return { scope, posted, receive };
}

const FILE = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] };
const answer = (id: string, data: NonNullable<WorkerMessage['data']> | null): WorkerMessage => ({
  id,
  type: '<response>',
  data,
});

describe('withoutFileEchoes', () => {
  it('leaves the file out of the answer to a load by URL, and nothing else of it', () => {
    const { scope, posted, receive } = fakeScope();
    withoutFileEchoes(scope);
    receive({ id: 'a', type: LOAD_DATA, data: { request: { url: 'land.geojson' } } });
    const transfer = { transfer: [] };
    scope.postMessage(answer('a', { data: FILE, resourceTiming: {} }), transfer);
    expect(posted).toEqual([
      { message: { id: 'a', type: '<response>', data: { data: undefined, resourceTiming: {} } }, options: transfer },
    ]);
  });

  it('passes every other message as it was', () => {
    const { scope, posted, receive } = fakeScope();
    withoutFileEchoes(scope);
    // Data given inline (no request): MapLibre sends none back, and nothing here changes the answer.
    receive({ id: 'inline', type: LOAD_DATA, data: { data: FILE } });
    // A tile load, and a worker's own request to the page.
    receive({ id: 'tile', type: 'LT', data: {} });
    const messages = [
      answer('inline', { data: FILE }),
      answer('tile', { data: FILE }),
      { id: 'glyphs', type: 'GG', data: { data: FILE } },
      answer('never-asked', { data: FILE }),
    ];
    for (const message of messages) scope.postMessage(message);
    expect(posted.map(({ message }) => message)).toEqual(messages);
    expect(posted.every(({ message }, index) => message === messages[index])).toBe(true);
  });

  it('answers a load once: a later answer with the same ID goes as it was', () => {
    const { scope, posted, receive } = fakeScope();
    withoutFileEchoes(scope);
    receive({ id: 'a', type: LOAD_DATA, data: { request: { url: 'land.geojson' } } });
    scope.postMessage(answer('a', { data: FILE }));
    scope.postMessage(answer('a', { data: FILE }));
    expect(posted.map(({ message }) => message.data?.data)).toEqual([undefined, FILE]);
  });

  it('posts an error answer to a load (no result) unchanged', () => {
    const { scope, posted, receive } = fakeScope();
    withoutFileEchoes(scope);
    receive({ id: 'a', type: LOAD_DATA, data: { request: { url: 'land.geojson' } } });
    const failed = { id: 'a', type: '<response>', data: null };
    scope.postMessage(failed);
    expect(posted[0]?.message).toBe(failed);
  });
});
