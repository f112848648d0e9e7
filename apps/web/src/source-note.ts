/**
 * SOP descriptions cite where a rule comes from ("(seed L7216-L7217)", "(inferred)"). People need the rule, not the
 * citation: the text is shown without it and the citations go into a "Source" disclosure.
 */
const CITATION = /\s*\((?:seed\b[^)]*|inferred[^)]*)\)/gi;

export function splitSource(text: string): { text: string; sources: string[] } {
  const sources = [...text.matchAll(CITATION)].map((m) => m[0].trim().slice(1, -1));
  return { text: text.replace(CITATION, '').trim(), sources };
}
