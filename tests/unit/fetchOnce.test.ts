// Data files are fetched once per page, whoever asks, and a failure can be retried.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchJsonOnce, fetchTextOnce } from '../../src/lib/data/fetchOnce.ts';

afterEach(() => vi.unstubAllGlobals());

describe('fetchOnce', () => {
  it('fetches a URL once for any number of callers, as JSON or text', async () => {
    const fetch = vi.fn(async (url: string) => new Response(url.endsWith('.csv') ? 'a,b\n1,2\n' : '{"n":1}'));
    vi.stubGlobal('fetch', fetch);
    const [first, second] = await Promise.all([fetchJsonOnce('/x/one.geojson'), fetchJsonOnce('/x/one.geojson')]);
    expect(first).toEqual({ n: 1 });
    expect(second).toBe(first);
    expect(await fetchTextOnce('/x/series.csv')).toBe('a,b\n1,2\n');
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['/x/one.geojson', '/x/series.csv']);
  });

  it('does not keep a failure', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response('', { status: 503 }))
      .mockResolvedValueOnce(new Response('{"ok":true}'));
    vi.stubGlobal('fetch', fetch);
    await expect(fetchJsonOnce('/x/flaky.geojson')).rejects.toThrow('/x/flaky.geojson: HTTP 503');
    expect(await fetchJsonOnce('/x/flaky.geojson')).toEqual({ ok: true });
  });
});
