import { describe, expect, it } from "vitest";
import { z } from "zod";
import { streamedRequest } from "@/test/support/next-request";
import { MAX_BODY_BYTES, parseBody, readBodyText } from "./body";

// A client chooses how big a body is and what length it declares; the server must never buffer
// more than the cap, whichever it lies about.

const URL_HERE = "http://localhost:3000/api/signup";
const MiB = 1024 * 1024;

describe("readBodyText", () => {
  it("refuses a body that declares more than the cap without reading a byte", async () => {
    const { request, reads } = streamedRequest(URL_HERE, {
      bytes: MiB,
      contentLength: MAX_BODY_BYTES + 1,
    });
    expect(await readBodyText(request)).toBeNull();
    expect(reads.bytes).toBe(0);
  });

  it("refuses a declared length that is not a number without reading", async () => {
    const { request, reads } = streamedRequest(URL_HERE, { bytes: 10 });
    request.headers.set("content-length", "lots");
    expect(await readBodyText(request)).toBeNull();
    expect(reads.bytes).toBe(0);
  });

  it("stops reading a chunked body at the cap and cancels the rest", async () => {
    const chunk = 1000;
    const { request, reads } = streamedRequest(URL_HERE, { bytes: MiB, chunk });
    expect(await readBodyText(request)).toBeNull();
    expect(reads.bytes).toBeGreaterThan(MAX_BODY_BYTES);
    expect(reads.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES + chunk);
    expect(reads.cancelled).toBe(true);
  });

  it("stops at the cap too when the declared length is a lie", async () => {
    const chunk = 1000;
    const { request, reads } = streamedRequest(URL_HERE, {
      bytes: MiB,
      chunk,
      contentLength: 100,
    });
    expect(await readBodyText(request)).toBeNull();
    expect(reads.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES + chunk);
    expect(reads.cancelled).toBe(true);
  });

  it("reads a body of exactly the cap", async () => {
    const { request } = streamedRequest(URL_HERE, {
      bytes: MAX_BODY_BYTES,
      chunk: 1000,
      fill: "b",
    });
    expect(await readBodyText(request)).toBe("b".repeat(MAX_BODY_BYTES));
  });
});

describe("parseBody", () => {
  it("answers an oversized body with 400 INVALID_INPUT, never a throw", async () => {
    const { request } = streamedRequest(URL_HERE, { bytes: MiB });
    const parsed = await parseBody(request, z.object({}));
    expect("reply" in parsed && parsed.reply.status).toBe(400);
    if ("reply" in parsed)
      expect((await parsed.reply.json()).error.code).toBe("INVALID_INPUT");
  });
});

describe("parseBody and plain HTML forms", () => {
  const schema = z.strictObject({ locale: z.enum(["en", "fr"]) });
  const form = (body: string, type = "application/x-www-form-urlencoded") =>
    new Request(URL_HERE, {
      method: "POST",
      headers: { "content-type": type },
      body,
    });

  it("reads a form's fields only for a route that takes forms", async () => {
    expect(await parseBody(form("locale=fr"), schema, { form: true })).toEqual({
      data: { locale: "fr" },
    });
    const json = await parseBody(form("locale=fr"), schema);
    expect("reply" in json && json.reply.status).toBe(400);
  });

  it("holds a form's fields to the same schema as JSON", async () => {
    for (const body of ["locale=it", "locale=fr&extra=1", ""]) {
      const parsed = await parseBody(form(body), schema, { form: true });
      expect("reply" in parsed && parsed.reply.status).toBe(400);
    }
  });

  it("still reads JSON on a route that takes forms", async () => {
    const json = form('{"locale":"en"}', "application/json");
    expect(await parseBody(json, schema, { form: true })).toEqual({
      data: { locale: "en" },
    });
  });
});
