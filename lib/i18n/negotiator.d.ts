// negotiator ships no types (and @types/negotiator is not installed): the one method used here.
declare module "negotiator" {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> });
    /** The requested language ranges, most preferred first (by q-value, then order). */
    languages(available?: string[]): string[];
  }
}
