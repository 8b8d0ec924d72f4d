import { describe, expect, it } from "vitest";
import {
  buildSpeakXml,
  escapeXml,
  spokenCode,
  SPEAK_LANGUAGES,
  SPOKEN_CODE_LOOPS,
} from "./voice";
import { LOCALES } from "@/lib/i18n/locales";

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
    expect(xml).toContain(`<Speak loop="${SPOKEN_CODE_LOOPS}" `);
    expect(xml).toContain(spokenCode("123456").text);
  });

  it("refuses anything but digits", () => {
    expect(() => spokenCode("12a456")).toThrow(TypeError);
    expect(() => spokenCode("")).toThrow(TypeError);
    expect(() => spokenCode("1</Speak>")).toThrow(TypeError);
  });
});

describe("spokenCode in each language", () => {
  it("speaks English by default with Plivo's US English voice, as calls always have", () => {
    expect(spokenCode("123456").xml).toContain(
      '<Speak loop="2" voice="WOMAN" language="en-US">',
    );
  });

  it.each(LOCALES)(
    "speaks %s with its own Plivo language, every digit spaced, the code said twice",
    (locale) => {
      const { text, xml } = spokenCode("012345", locale);
      expect(xml).toContain(`language="${SPEAK_LANGUAGES[locale]}"`);
      expect(text.split("0. 1. 2. 3. 4. 5").length - 1).toBe(2);
      expect(text).not.toContain("012345");
      if (locale !== "en") expect(text).not.toBe(spokenCode("012345").text);
    },
  );

  it("gives each language the Plivo voice its table lists", () => {
    expect(SPEAK_LANGUAGES).toEqual({
      en: "en-US",
      fr: "fr-FR",
      es: "es-ES",
      de: "de-DE",
      "pt-BR": "pt-BR",
    });
  });
});
