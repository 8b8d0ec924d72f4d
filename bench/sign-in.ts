import { BENCH } from "./config";
import type { BenchUser } from "./seed";

// A whole sign-in as the browser does it — password step, the texted code, next-auth's CSRF token
// and its credentials callback — returning the cookies a signed-in browser then sends.

const json = { "content-type": "application/json" };

export async function signIn(base: string, user: BenchUser): Promise<string> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar.values()].join("; ");
  const keep = async (res: Response, what: string) => {
    if (res.status >= 400) throw new Error(`${what} answered ${res.status}`);
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      jar.set(pair.split("=")[0]!, pair);
    }
    return res;
  };
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { ...json, cookie: cookie() },
      body: JSON.stringify(body),
    });
  await (
    await keep(
      await post("/api/login", { email: user.email, password: BENCH.password }),
      "the password step",
    )
  ).arrayBuffer();
  const outbox = await fetch(
    `${base}/api/dev/outbox?to=${encodeURIComponent(user.phone)}`,
    { headers: { authorization: `Bearer ${BENCH.outboxToken}` } },
  );
  const entries = (await outbox.json()) as { text: string }[];
  const code = entries[0]?.text.match(/#(\d{6})\s*$/)?.[1] ?? "";
  await (
    await keep(await post("/api/otp/verify", { code }), "verify")
  ).arrayBuffer();
  const csrf = await keep(
    await fetch(`${base}/api/auth/csrf`, { headers: { cookie: cookie() } }),
    "the CSRF token",
  );
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const session = await fetch(`${base}/api/auth/callback/twostep`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookie(),
    },
    body: new URLSearchParams({ csrfToken, json: "true" }),
    redirect: "manual",
  });
  await (await keep(session, "the sign-in callback")).arrayBuffer();
  if (![...jar.keys()].some((name) => name.endsWith("session-token")))
    throw new Error("the sign-in set no session cookie");
  return cookie();
}
