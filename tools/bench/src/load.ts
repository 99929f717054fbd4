import autocannon from 'autocannon';

export interface LoadResult {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

/** Sends the same request for `seconds` with `connections` concurrent clients; a body makes it a JSON POST. */
export async function load(
  url: string,
  connections: number,
  seconds: number,
  options: { body?: unknown; token?: string } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: options.body === undefined ? 'GET' : 'POST',
    connections,
    duration: seconds,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return {
    connections,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** The median of each figure over several runs of the same step (failures summed). */
export function medianOf(runs: LoadResult[]): LoadResult {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    connections: runs[0]!.connections,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

/** Sequential timings of one GET, in milliseconds: median and slowest. */
export async function timeGet(
  url: string,
  token: string,
  runs: number,
): Promise<{ medianMs: number; maxMs: number; count: number }> {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { items?: unknown[] };
    if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
    times.push(performance.now() - started);
    count = body.items?.length ?? 0;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, maxMs: times.at(-1)!, count };
}
