import "server-only";
import type { NextResponse } from "next/server";
import type { z } from "zod";
import { fail } from "./reply";

/** Bodies larger than this are refused unread: no legitimate request comes close. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * The body as text, or null when it is (or claims to be) over the cap or cannot be read. Reading
 * stops at the cap, so a client cannot make the server buffer more than it allows.
 */
export async function readBodyText(
  request: Request,
  maxBytes = MAX_BODY_BYTES,
): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(
    Buffer.concat(chunks),
  );
}

/**
 * Reads and validates a JSON body (or, with `form`, a plain HTML form's urlencoded one too); any
 * malformed input becomes a 400 reply, never a throw.
 */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { form = false }: { form?: boolean } = {},
): Promise<{ data: z.infer<S> } | { reply: NextResponse }> {
  const text = await readBodyText(request);
  if (text === null) return { reply: fail("INVALID_INPUT") };
  let json: unknown;
  try {
    json =
      form && isFormBody(request)
        ? Object.fromEntries(new URLSearchParams(text))
        : text === ""
          ? {}
          : JSON.parse(text);
  } catch {
    return { reply: fail("INVALID_INPUT") };
  }
  const result = schema.safeParse(json);
  if (result.success) return { data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fields[key] ??= issue.message;
  }
  return { reply: fail("INVALID_INPUT", { fields }) };
}

function isFormBody(request: Request): boolean {
  const type = request.headers.get("content-type") ?? "";
  return type.split(";")[0]!.trim() === "application/x-www-form-urlencoded";
}
