// A minimal RESP2 client for the Upstash REST stand-in: one pipelined connection to redis-server.
import net from "node:net";

export type Reply = string | number | null | RedisError | Reply[];

export class RedisError extends Error {}

const CRLF = "\r\n";

function encodeCommand(args: string[]): Buffer {
  const parts = [`*${args.length}${CRLF}`];
  for (const a of args)
    parts.push(`$${Buffer.byteLength(a)}${CRLF}${a}${CRLF}`);
  return Buffer.from(parts.join(""));
}

/** Parses one RESP2 reply at pos; null when the buffer does not hold all of it yet. */
function parseReply(buf: Buffer, pos: number): [Reply, number] | null {
  const eol = buf.indexOf(CRLF, pos);
  if (eol < 0) return null;
  const line = buf.toString("utf8", pos + 1, eol);
  const next = eol + 2;
  switch (String.fromCharCode(buf[pos]!)) {
    case "+":
      return [line, next];
    case "-":
      return [new RedisError(line), next];
    case ":":
      return [Number(line), next];
    case "$": {
      const len = Number(line);
      if (len < 0) return [null, next];
      if (buf.length < next + len + 2) return null;
      return [buf.toString("utf8", next, next + len), next + len + 2];
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return [null, next];
      const items: Reply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const parsed = parseReply(buf, at);
        if (!parsed) return null;
        items.push(parsed[0]);
        at = parsed[1];
      }
      return [items, at];
    }
    default:
      throw new Error(`unexpected RESP type byte ${buf[pos]}`);
  }
}

/** One pipelined connection: replies come back in the order commands were written. */
export class RedisConnection {
  private socket: net.Socket | null = null;
  private pending: {
    resolve: (r: Reply) => void;
    reject: (e: Error) => void;
  }[] = [];
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly redisUrl: string) {}

  /** Writes all commands at once, so a MULTI … EXEC batch is never interleaved with another request. */
  send(commands: string[][]): Promise<Reply[]> {
    const socket = this.socket ?? this.connect();
    const replies = commands.map(
      () =>
        new Promise<Reply>((resolve, reject) =>
          this.pending.push({ resolve, reject }),
        ),
    );
    socket.write(Buffer.concat(commands.map(encodeCommand)));
    return Promise.all(replies);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): net.Socket {
    const u = new URL(this.redisUrl);
    const socket = net.connect(
      Number(u.port || 6379),
      u.hostname || "127.0.0.1",
    );
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.onData(chunk));
    const fail = (err?: Error) => {
      if (this.socket === socket) this.socket = null;
      const waiting = this.pending.splice(0);
      this.buffer = Buffer.alloc(0);
      for (const p of waiting)
        p.reject(err ?? new Error("redis connection closed"));
    };
    socket.on("error", fail);
    socket.on("close", () => fail());
    const setup: string[][] = [];
    if (u.password)
      setup.push([
        "AUTH",
        ...(u.username ? [decodeURIComponent(u.username)] : []),
        decodeURIComponent(u.password),
      ]);
    const db = u.pathname.slice(1);
    if (db) setup.push(["SELECT", db]);
    for (const cmd of setup) {
      this.pending.push({ resolve: () => {}, reject: () => {} });
      socket.write(encodeCommand(cmd));
    }
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length
      ? Buffer.concat([this.buffer, chunk])
      : chunk;
    let pos = 0;
    for (
      let parsed = parseReply(this.buffer, pos);
      parsed;
      parsed = parseReply(this.buffer, pos)
    ) {
      pos = parsed[1];
      this.pending.shift()?.resolve(parsed[0]);
      if (pos >= this.buffer.length) break;
    }
    this.buffer = this.buffer.subarray(pos);
  }
}
