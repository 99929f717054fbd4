/**
 * For component specs: the server as the browser's fetch sees it, answering `METHOD /path` from a
 * map the spec fills, 404 for anything else. It must replace fetch before the API client module
 * loads (openapi-fetch takes fetch then): install it from `vi.hoisted`.
 */
export function installFakeServer(): Map<string, { status: number; body: unknown }> {
  const answers = new Map<string, { status: number; body: unknown }>();
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const answer = answers.get(`${request.method} ${new URL(request.url).pathname}`);
    if (!answer) return new Response(JSON.stringify({ status: 404, title: 'Not Found' }), { status: 404 });
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': type } });
  };
  return answers;
}
