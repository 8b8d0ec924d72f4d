import type { UpstashRestServer } from "@/test/support/upstash-rest-server";

/** One raw Redis command through the REST server, bypassing the store, to see what Redis holds. */
export async function runRedisCommand(
  server: UpstashRestServer,
  command: string[],
): Promise<unknown> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}` },
    body: JSON.stringify(command),
  });
  const body = (await response.json()) as { result?: unknown; error?: string };
  if (body.error) throw new Error(`redis: ${body.error}`);
  return body.result;
}
