import "server-only";
import {
  UpstashError,
  type HttpRequester,
  type UpstashRequest,
  type UpstashResponse,
} from "./http";

// Under load a server has many requests in flight, and each sends its own command to Upstash: one
// HTTP request apiece, whose fixed cost (a socket write, the client request, the reply's parsing)
// was most of what a verify spent above the framework's floor. Commands issued in the same turn of
// the event loop go out together as one pipeline instead. A pipeline is not a transaction: each
// command (each of our Lua scripts) still runs on its own and atomically, and each caller gets its
// own reply or its own error. Order holds within a pipeline; a turn of more than
// MAX_COMMANDS_PER_BATCH commands sends several at once, so nothing may rely on order across
// requests (no request does: each awaits its own commands in turn). An idle server sends each
// command alone, as before, at the end of the turn that issued it (microseconds later). A command
// that blocks the connection would hold up every command batched with it, so it goes alone.

/** Commands one pipeline carries at most, so a burst never builds one huge request. */
export const MAX_COMMANDS_PER_BATCH = 100;

const BLOCKING = new Set([
  "blpop",
  "brpop",
  "brpoplpush",
  "blmove",
  "blmpop",
  "bzpopmin",
  "bzpopmax",
  "bzmpop",
  "xread",
  "xreadgroup",
  "wait",
  "waitaof",
]);

/** Pipelines, transactions, commands with headers of their own and blocking ones go out as they are. */
function goesAlone(req: UpstashRequest): boolean {
  if (req.path?.length || req.headers) return true;
  const name = Array.isArray(req.body) ? req.body[0] : undefined;
  return typeof name !== "string" || BLOCKING.has(name.toLowerCase());
}

interface Waiting {
  command: unknown;
  resolve: (reply: UpstashResponse<unknown>) => void;
  reject: (error: unknown) => void;
}

type Send = HttpRequester["request"];

/** A requester whose single commands of one event-loop turn share one pipeline request. */
export function batchCommands(requester: HttpRequester): HttpRequester {
  const send: Send = requester.request.bind(requester);
  let queue: Waiting[] = [];

  const flush = () => {
    const waiting = queue;
    queue = [];
    for (let i = 0; i < waiting.length; i += MAX_COMMANDS_PER_BATCH) {
      const batch = waiting.slice(i, i + MAX_COMMANDS_PER_BATCH);
      // A requester that throws instead of rejecting must not leave its callers waiting forever.
      try {
        sendBatch(batch);
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
  };

  const sendBatch = (batch: Waiting[]) => {
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      send({ body: only.command }).then(only.resolve, only.reject);
      return;
    }
    const body = batch.map((w) => w.command);
    send<UpstashResponse<unknown>[]>({ path: ["pipeline"], body }).then(
      (reply) => settle(batch, reply as unknown),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  };

  const request: Send = <T>(req: UpstashRequest) => {
    if (goesAlone(req)) return send<T>(req);
    return new Promise<UpstashResponse<T>>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ command: req.body, resolve: resolve as never, reject });
    });
  };

  return Object.defineProperties({ request } as HttpRequester, {
    readYourWrites: forward(requester, "readYourWrites"),
    upstashSyncToken: forward(requester, "upstashSyncToken"),
  });
}

/** Each caller's own reply, rejected as the client rejects a lone command's error. */
function settle(batch: Waiting[], replies: unknown) {
  if (!Array.isArray(replies)) {
    const error = (replies as UpstashResponse<unknown> | null)?.error;
    const message = error || "The pipeline's reply is not a list of replies";
    return batch.forEach((w) => w.reject(new UpstashError(message)));
  }
  batch.forEach((w, i) => {
    const reply = replies[i] as UpstashResponse<unknown> | undefined;
    if (!reply || typeof reply !== "object")
      w.reject(
        new UpstashError("The pipeline's reply has no entry for this command"),
      );
    else if (reply.error) w.reject(new UpstashError(reply.error));
    else w.resolve(reply);
  });
}

/** The client reads and sets these on its requester: they stay the underlying one's. */
function forward<K extends "readYourWrites" | "upstashSyncToken">(
  target: HttpRequester,
  key: K,
): PropertyDescriptor {
  return {
    enumerable: true,
    get: () => target[key],
    set: (value: HttpRequester[K]) => {
      target[key] = value;
    },
  };
}
