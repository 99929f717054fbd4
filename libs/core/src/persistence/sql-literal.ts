/**
 * A string as a PostgreSQL literal, exactly as the ORM's platform writes it (libpq's rule: quotes
 * doubled; with a backslash, backslashes doubled and an `E` prefix, so it reads the same whatever
 * `standard_conforming_strings` is). The platform builds it one character at a time, which made it
 * the costliest step of a creation's combined write (its JSON columns run to kilobytes).
 */
export function sqlString(text: string): string {
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return text.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}
