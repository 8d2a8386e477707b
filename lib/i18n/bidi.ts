// Bidi controls (marks, embeddings, overrides, isolates) and right-to-left letters.
const BIDI_SENSITIVE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * An interpolated value (a name, an event name) that could reorder the text around it — "Signed in as <U+202E>evil" with a
 * right-to-left override would display the rest of the sentence backwards — is wrapped in FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE: it keeps its own direction and the sentence keeps its own. Other values are left as they are.
 */
export const isolateBidi = (value: string): string => (BIDI_SENSITIVE.test(value) ? `\u2068${value}\u2069` : value);
