import type { Row } from "./load";
import { table } from "./table";

// What held the server's event loop during each measured window. A stall holds every request in
// flight, so a p99 far above p90 with a long stall here is the server's own pause, not queueing.

export function stallsTable(rows: Row[]): string {
  const round = (ms: number) => Math.round(ms);
  const fixed = (ms: number) => Math.round(ms * 10) / 10;
  return [
    "",
    table(
      [
        "scenario",
        "store",
        "served p99 ms",
        "served max ms",
        "loop delay p99 ms",
        "loop delay max ms",
        "GC pauses",
        "GC total ms",
        "GC max ms",
        "major GC ms",
        "Upstash p99 ms",
        "Upstash max ms",
        "commands per trip",
      ],
      rows.map((x) => [
        x.name,
        x.store,
        round(x.stalls.servedP99Ms),
        round(x.stalls.servedMaxMs),
        fixed(x.stalls.loopDelayP99Ms),
        fixed(x.stalls.loopDelayMaxMs),
        x.stalls.gc.count,
        round(x.stalls.gc.totalMs),
        round(x.stalls.gc.maxMs),
        round(x.stalls.gc.majorMs),
        x.stalls.upstashMaxMs ? round(x.stalls.upstashP99Ms) : "—",
        x.stalls.upstashMaxMs ? round(x.stalls.upstashMaxMs) : "—",
        x.stalls.upstashMaxMs ? fixed(x.stalls.upstashCommandsPerTrip) : "—",
      ]),
    ),
    "  served: a request inside the server, from its arrival to its reply's end;",
    "  loop delay: how late the server's event loop ran a 10 ms timer; GC: V8's pauses in the window;",
    "  Upstash: one round trip to the REST stand-in as the server saw it, from request to the reply's end;",
    "  commands per trip: the requests' commands that went out together in one round trip (lib/store/upstash-batch.ts)",
  ].join("\n");
}
