import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";
import { isMailOutboxActive } from "@/lib/mail";
import { isOutboxActive } from "@/lib/messaging";
import { listOutbox } from "@/lib/messaging/outbox";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

const CHANNEL_NAMES = { sms: "SMS", voice: "Call", email: "Email" } as const;

// What the outbox messenger and mailer would have sent, for development. Absent unless the outbox is in use,
// and never served in production, where only the token-guarded JSON contract reads the outbox.
export default function OutboxPage() {
  if (getEnv().production || (!isOutboxActive() && !isMailOutboxActive()))
    notFound();
  const entries = listOutbox();
  return (
    <section className="card wide">
      <h1>Outbox</h1>
      <p className="lead">
        Messages, calls and emails recorded instead of sent (newest first). Also
        as JSON at /api/dev/outbox?to=+15551234567 (or an email address).
      </p>
      {entries.length === 0 ? (
        <p className="hint">Nothing sent yet.</p>
      ) : (
        <ol className="outbox">
          {entries.map((e, i) => (
            <li key={`${e.createdAt}-${i}`}>
              <p className="outbox-meta">
                <strong>{CHANNEL_NAMES[e.channel]}</strong> to {e.to} at{" "}
                <time dateTime={e.createdAt}>
                  {e.createdAt.slice(11, 19)} UTC
                </time>
              </p>
              {e.subject ? (
                <p className="outbox-text">
                  <strong>{e.subject}</strong>
                </p>
              ) : null}
              <p className="outbox-text">{e.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
