// One valid number of each type that must never receive a code, by text or by call: toll fraud
// dials what bills per call (toll-free, premium-rate, shared-cost, UAN), and numbers not tied to
// one device (personal, VoIP) or answered by no one (pager, voicemail) prove nothing.
export const REFUSED_NUMBERS = [
  { type: "TOLL_FREE", number: "+18005550100" },
  { type: "TOLL_FREE", number: "+448001234567" },
  { type: "PERSONAL_NUMBER", number: "+447011234567" },
  { type: "VOIP", number: "+445612345678" },
  { type: "PREMIUM_RATE", number: "+19005550100" },
  { type: "SHARED_COST", number: "+34901123456" },
  { type: "UAN", number: "+34512345678" },
  { type: "PAGER", number: "+447623456789" },
  { type: "VOICEMAIL", number: "+3932123456789" },
] as const;
