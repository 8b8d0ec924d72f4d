import "server-only";
import type { NextResponse } from "next/server";
import type { z } from "zod";
import { fail } from "./reply";

/** Bodies larger than this are refused before parsing: no legitimate request comes close. */
export const MAX_BODY_BYTES = 8 * 1024;

/** Reads and validates a JSON body; any malformed input becomes a 400 reply, never a throw. */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ data: z.infer<S> } | { reply: NextResponse }> {
  const text = await request.text().catch(() => null);
  if (text === null || text.length > MAX_BODY_BYTES)
    return { reply: fail(400, "INVALID_INPUT") };
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    return { reply: fail(400, "INVALID_INPUT") };
  }
  const result = schema.safeParse(json);
  if (result.success) return { data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fields[key] ??= issue.message;
  }
  return { reply: fail(400, "INVALID_INPUT", { fields }) };
}
