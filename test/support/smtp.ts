import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server inside the test process (the smtp-server package): nodemailer talks the whole
// protocol to it over a loopback socket, and each message arrives here as the raw bytes sent.

export interface ReceivedEmail {
  from: string;
  to: string[];
  /** The message as sent: headers, blank line, encoded body. */
  raw: string;
  subject: string;
  /** The body, decoded from its transfer encoding. */
  text: string;
}

export interface TestSmtpServer {
  /** smtp://user:password@127.0.0.1:<port> */
  url: string;
  received: ReceivedEmail[];
  /** Refuse recipients matching this with a 550 from now on. */
  refuseRecipients(pattern: RegExp | null): void;
  close(): Promise<void>;
}

export const SMTP_USER = "twostep";
export const SMTP_PASSWORD = "smtp-test-password";

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  let refused: RegExp | null = null;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, so no STARTTLS; AUTH is still required.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, done) {
      const ok = auth.username === SMTP_USER && auth.password === SMTP_PASSWORD;
      done(ok ? null : new Error("Invalid credentials"), { user: SMTP_USER });
    },
    onRcptTo(address, _session, done) {
      if (refused?.test(address.address)) {
        const error = Object.assign(new Error("Mailbox unavailable"), {
          responseCode: 550,
        });
        return done(error);
      }
      done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom
            ? session.envelope.mailFrom.address
            : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMessage(raw),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    refuseRecipients: (pattern) => {
      refused = pattern;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Enough of RFC 5322 / 2045 for the single-part text messages the app sends. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    head.match(new RegExp(`^${name}: (.*)$`, "im"))?.[1] ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  return { subject: header("Subject"), text: decodeBody(body, encoding) };
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === "base64")
    return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
    return Buffer.from(bytes, "latin1").toString("utf8").replace(/\r\n/g, "\n");
  }
  return body.replace(/\r\n/g, "\n");
}
