import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isOutboxActive } from "@/lib/messaging";
import { listOutbox } from "@/lib/messaging/outbox";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

// What the outbox messenger would have sent, for development. Absent unless the outbox is in use.
export default function OutboxPage() {
  if (!isOutboxActive()) notFound();
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
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Channel</th>
              <th>To</th>
              <th>Text</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.createdAt}-${i}`}>
                <td>{e.createdAt.slice(11, 19)}</td>
                <td>{e.channel === "sms" ? "SMS" : "Call"}</td>
                <td>{e.to}</td>
                <td style={{ whiteSpace: "pre-wrap" }}>{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
