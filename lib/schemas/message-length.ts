// Without zod: the event site's reply box counts with these, and its browser bundle does without zod.

/** A message's length limit, in characters (as the database counts them: char_length). */
export const MESSAGE_MAX_LENGTH = 4000;

/** Characters as the database counts them (code points, not UTF-16 units): "😀" is one. */
export const messageLength = (body: string) => [...body].length;
