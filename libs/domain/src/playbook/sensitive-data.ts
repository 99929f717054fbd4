/**
 * docs/playbook.md §2: a reply that ASKS the customer for sensitive data ends with a notice adapted to what was
 * asked. Detection separates requests ("poderia nos enviar a senha?") from mentions ("sua senha foi
 * redefinida", "não precisamos da sua senha"); the agent's explicit mark covers what it misses.
 */
export const SENSITIVE_DATA_KINDS = ['password', 'access-data', 'digital-certificate', 'token'] as const;
export type SensitiveDataKind = (typeof SENSITIVE_DATA_KINDS)[number];

/** Lower case, no accents, so "Não", "nao" and "NÃO" read the same. */
export function normalisePtBr(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

const ARTICLES = String.raw`(?:(?:a|o|as|os|seu|sua|seus|suas|do|da|dos|das|de|um|uma)\s+)*`;

/** Kind patterns, most specific first: a phrase claimed by one kind is blanked before the next looks. */
const KIND_PATTERNS: readonly (readonly [SensitiveDataKind, RegExp])[] = [
  [
    'digital-certificate',
    /senhas?\s+(?:do|de|da)\s+(?:seu\s+)?(?:certificado|pfx|e-?cnpj|e-?cpf)(?:\s+digital)?|certificados?(?:\s+digita(?:l|is))?(?:\s+(?:modelo\s+)?a[13])?|(?:arquivo\s+)?\.?pfx\b|e-?cnpj|e-?cpf/g,
  ],
  [
    'access-data',
    /dados\s+de\s+acesso|credenciais|(?:usuarios?|logins?)\s+e\s+(?:a\s+|as\s+|sua\s+|suas\s+|respectivas?\s+)?senhas?|usuarios?\s+de\s+acesso|\blogins?\b/g,
  ],
  ['token', /\btokens?\b/g],
  ['password', /\bsenhas?\b|\bpasswords?\b/g],
];

/** Screens and procedures that merely share a word with the data ("tela de login", "esqueci a senha"). */
const NOT_DATA =
  /(?:tela|pagina|portal|link|botao)\s+de\s+(?:login|acesso)|esqueci\s+(?:a\s+|minha\s+)?senha|(?:redefinicao|recuperacao|troca|alteracao)\s+(?:de|da)\s+senha/g;

/**
 * Imperatives ask by themselves; infinitives only after a request word ("poderia … enviar", not
 * "vamos enviar"). "Digite" is left out: typing a password into the system is not giving it to us.
 */
const IMPERATIVE =
  /\b(?:envie|enviem|encaminhe|encaminhem|informe|informem|repasse|repassem|compartilhe|compartilhem|disponibilize|disponibilizem|mande|mandem|forneca|fornecam|anexe|anexem|nos\s+passe|me\s+passe|passe-nos|envie-nos)\b/;
const INFINITIVE =
  /\b(?:enviar|encaminhar|informar|repassar|compartilhar|disponibilizar|mandar|fornecer|anexar|passar)\b/;
const REQUEST_WORD =
  /\b(?:poderia|poderiam|pode|podem|consegue|conseguiria|conseguem|favor|gentileza|solicitamos|solicito|pedimos|peco|gostariamos|gostaria|necessario|precisamos|preciso|necessitamos|aguardamos|aguardo)\b/;
const NEED =
  /\b(?:precisamos|preciso|necessitamos|solicitamos|solicito|aguardamos|aguardo)\s+(?:de|do|da|dos|das|o|a|os|as|seu|sua)\b|\b(?:e|sera)\s+necessari[oa]\s+(?:o|a|os|as|seu|sua|enviar|informar|o\s+envio)\b/;
const NEGATION =
  /\b(?:nao|nunca|jamais|nem)\b(?:\s+\S+){0,3}?\s+(?:precis|necessit|necessari|solicit|ped|envi|encaminh|inform|compartilh|repass|pass|forne|mand|anex)/;
/** "Não esqueça de enviar" is a reminder to send, not a negation. */
const REMINDER = /\b(?:nao|nunca)\s+(?:esqueca|esquecam|deixe|deixem)\s+de\b/g;

interface Sentence {
  readonly text: string;
  readonly question: boolean;
}

/** Sentence ends are punctuation followed by a space or the end, so ".pfx" and "e-mail.com" stay whole. */
function sentencesOf(text: string): Sentence[] {
  const lines = normalisePtBr(text)
    .replace(/[.!?;]+(?=\s|$)/g, (end) => (end.includes('?') ? '?\n' : '\n'))
    .split('\n');
  return lines.flatMap((line) => {
    const body = line.replace(/\?$/, '').trim();
    return body ? [{ text: body.replace(NOT_DATA, ' ').replace(REMINDER, 'favor'), question: line.endsWith('?') }] : [];
  });
}

function kindsIn(clause: string): SensitiveDataKind[] {
  let rest = clause;
  const kinds: SensitiveDataKind[] = [];
  for (const [kind, pattern] of KIND_PATTERNS) {
    if (rest.search(pattern) >= 0) kinds.push(kind);
    rest = rest.replace(pattern, ' ');
  }
  return kinds;
}

/** "Qual é o seu login?", "Quais são as credenciais?": a question whose object is the data itself. */
function asksWhichIs(sentence: Sentence): boolean {
  if (!sentence.question) return false;
  const which = new RegExp(String.raw`\bqua(?:l|is)\s+(?:(?:e|sao|seria|seriam)\s+)?${ARTICLES}`).exec(sentence.text);
  if (!which) return false;
  const object = sentence.text.slice(which.index + which[0].length);
  return KIND_PATTERNS.some(([, pattern]) => new RegExp(`^(?:${pattern.source})`).test(object));
}

function requests(sentence: Sentence): boolean {
  if (asksWhichIs(sentence)) return true;
  const text = sentence.text;
  if (IMPERATIVE.test(text) || NEED.test(text)) return true;
  const infinitive = INFINITIVE.exec(text);
  if (!infinitive) return false;
  const before = REQUEST_WORD.exec(text);
  return before !== null && before.index < infinitive.index;
}

/**
 * The kinds of sensitive data the text asks for. A sentence asks when it holds a request (imperative,
 * "poderia … enviar", "precisamos do …", "qual é o seu login?") in a clause that is not negated; the
 * kinds are those named in its non-negated clauses.
 */
export function detectSensitiveDataRequests(text: string): SensitiveDataKind[] {
  const found = new Set<SensitiveDataKind>();
  for (const sentence of sentencesOf(text)) {
    const clauses = sentence.text.split(/,|\bmas\b|\bporem\b|\bentretanto\b/).map((clause) => clause.trim());
    const open = clauses.filter((clause) => !NEGATION.test(clause));
    if (open.length === 0) continue;
    const unnegated: Sentence = { text: open.join(', '), question: sentence.question };
    if (!requests(unnegated)) continue;
    for (const kind of kindsIn(unnegated.text)) found.add(kind);
  }
  return SENSITIVE_DATA_KINDS.filter((kind) => found.has(kind));
}

/** What the notice must cover: what the text asks for plus what the agent marked explicitly. */
export function sensitiveDataKindsToNotify(
  text: string,
  markedKinds: readonly SensitiveDataKind[] = [],
): SensitiveDataKind[] {
  const kinds = new Set([...detectSensitiveDataRequests(text), ...markedKinds]);
  return SENSITIVE_DATA_KINDS.filter((kind) => kinds.has(kind));
}
