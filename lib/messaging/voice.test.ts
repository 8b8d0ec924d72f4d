import { describe, expect, it } from "vitest";
import {
  buildSpeakXml,
  escapeXml,
  spokenCode,
  SPOKEN_CODE_LOOPS,
} from "./voice";

describe("buildSpeakXml", () => {
  it("wraps the text in a Plivo Response with one Speak element", () => {
    expect(buildSpeakXml("Hello", { loop: 3 })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Speak loop="3">Hello</Speak></Response>',
    );
  });

  it("escapes every XML special character so text cannot inject elements", () => {
    const xml = buildSpeakXml(`a & b < c > d " e ' </Speak><Play>x</Play>`);
    expect(xml).toContain(
      "a &amp; b &lt; c &gt; d &quot; e &apos; &lt;/Speak&gt;&lt;Play&gt;x&lt;/Play&gt;",
    );
    expect(xml.match(/<Speak/g)).toHaveLength(1);
    expect(xml).not.toContain("<Play>");
  });

  it("escapes an ampersand once, not twice", () => {
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });

  it("refuses a loop count that is not a whole number", () => {
    expect(() => buildSpeakXml("x", { loop: 1.5 })).toThrow(RangeError);
    expect(() => buildSpeakXml("x", { loop: -1 })).toThrow(RangeError);
  });
});

describe("spokenCode", () => {
  it("speaks the digits one by one with a pause after each, and repeats them", () => {
    const { text } = spokenCode("012345");
    expect(text).toBe(
      "Your Twostep code is. 0. 1. 2. 3. 4. 5. Again: 0. 1. 2. 3. 4. 5.",
    );
    expect(text).not.toContain("012345");
  });

  it("loops the whole message at least twice", () => {
    const { xml } = spokenCode("123456");
    expect(SPOKEN_CODE_LOOPS).toBeGreaterThanOrEqual(2);
    expect(xml).toContain(`<Speak loop="${SPOKEN_CODE_LOOPS}">`);
    expect(xml).toContain(spokenCode("123456").text);
  });

  it("refuses anything but digits", () => {
    expect(() => spokenCode("12a456")).toThrow(TypeError);
    expect(() => spokenCode("")).toThrow(TypeError);
    expect(() => spokenCode("1</Speak>")).toThrow(TypeError);
  });
});
