/** Text matched literally inside a LIKE/ILIKE pattern: an address with `_` or `%` must not act as a wildcard. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
