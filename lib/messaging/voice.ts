// Plivo XML for the voice fallback. Plain <Speak> (no SSML) works with every Plivo voice; the pauses
// come from full stops between the digits.

/** The call says the whole message (which already repeats the code) twice: callers miss the start. */
export const SPOKEN_CODE_LOOPS = 2;

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

export function buildSpeakXml(
  text: string,
  { loop = 1 }: { loop?: number } = {},
): string {
  if (!Number.isInteger(loop) || loop < 0)
    throw new RangeError("loop must be a whole number ≥ 0");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Speak loop="${loop}">${escapeXml(text)}</Speak></Response>`
  );
}

/** Words and Plivo XML that read a numeric code digit by digit, twice per loop. */
export function spokenCode(code: string): { text: string; xml: string } {
  // Only digits may ever reach the call: anything else is a bug upstream, not something to speak.
  if (!/^\d+$/.test(code))
    throw new TypeError("a spoken code must be digits only");
  const digits = code.split("").join(". ");
  const text = `Your Twostep code is. ${digits}. Again: ${digits}.`;
  return { text, xml: buildSpeakXml(text, { loop: SPOKEN_CODE_LOOPS }) };
}
