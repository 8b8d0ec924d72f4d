/** How a code reaches a phone: a text, or a call that reads it ("Call me instead"). */
export type Channel = "sms" | "voice";
