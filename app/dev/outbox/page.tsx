import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";
import { isOutboxActive } from "@/lib/messaging";
import { listOutbox } from "@/lib/messaging/outbox";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

// What the outbox messenger would have sent, for development. Absent unless the outbox is in use,
// and never served in production, where only the token-guarded JSON contract reads the outbox.
export default function OutboxPage() {
  if (getEnv().production || !isOutboxActive()) notFound();
  const entries = listOutbox();
  return (
    <section className="card wide">
      <h1>Outbox</h1>
      <p className="lead">
        Messages and calls recorded instead of sent (newest first). Also as JSON
        at /api/dev/outbox?to=+15551234567.
      </p>
      {entries.length === 0 ? (
        <p className="hint">Nothing sent yet.</p>
      ) : (
        <ol className="outbox">
          {entries.map((e, i) => (
            <li key={`${e.createdAt}-${i}`}>
              <p className="outbox-meta">
                <strong>{e.channel === "sms" ? "SMS" : "Call"}</strong> to{" "}
                {e.to} at{" "}
                <time dateTime={e.createdAt}>
                  {e.createdAt.slice(11, 19)} UTC
                </time>
              </p>
              <p className="outbox-text">{e.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
