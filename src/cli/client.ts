/**
 * How CLI commands reach a running server: its admin API under /_localvpc/ (plain HTTP, like any
 * client; DESIGN.md: every command other than `start` talks to a running server).
 */
export function endpointFrom(flag: string | undefined): string {
  return (flag ?? process.env.LOCALVPC_ENDPOINT ?? 'http://127.0.0.1:4566').replace(/\/+$/, '');
}

export async function admin<T>(endpoint: string, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${endpoint}/_localvpc/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Error(`cannot reach localvpc at ${endpoint} (${(e as Error).cause ?? (e as Error).message}); is 'localvpc start' running?`, { cause: e });
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as T & { message?: string }) : ({} as T & { message?: string });
  if (!res.ok) throw new Error(json.message ?? `localvpc answered ${res.status}`);
  return json;
}
