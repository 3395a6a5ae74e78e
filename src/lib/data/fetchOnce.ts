// Data files fetched once per page, whoever asks: the WebGL map, the static map (one per step in the stacked
// layout) and the chart all read the same files. Callers must not change what they get.

const pending = new Map<string, Promise<unknown>>();

function fetchOnce<T>(url: string, as: 'json' | 'text'): Promise<T> {
  const key = `${as} ${url}`;
  let result = pending.get(key) as Promise<T> | undefined;
  if (!result) {
    result = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return (as === 'json' ? response.json() : response.text()) as Promise<T>;
    });
    // A failed fetch may be tried again later (a flaky network), so it is not kept.
    result.catch(() => pending.delete(key));
    pending.set(key, result);
  }
  return result;
}

/** Parsed JSON of a URL, fetched once. */
export function fetchJsonOnce(url: string): Promise<unknown> {
  return fetchOnce<unknown>(url, 'json');
}

/** Text of a URL, fetched once. */
export function fetchTextOnce(url: string): Promise<string> {
  return fetchOnce<string>(url, 'text');
}
