import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The history language policy (docs/decisions/0007-history-language.md): a line the system writes in
 * a ticket's timeline is a message of the catalogue (libs/domain/src/history), never prose assembled
 * in a service or a connector, or English readers would get it in pt-BR and codes would creep back.
 * People's words and playbook texts (rendered from their own catalogue) are variables, never literals.
 */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'libs/core/src', 'plugins'], {
    encoding: 'utf8',
  });
  return listed.split('\n').filter((path) => /\/src\/.*\.ts$/.test(path) && !/\.(spec|test)\.ts$/.test(path));
}

const isLiteralText = (node: ts.Node | undefined): boolean =>
  !!node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node));

const calleeName = (call: ts.CallExpression): string | undefined =>
  ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined;

/**
 * Does this node sit where a history line is written: a connector's `addEntry`, the entries service's
 * `add`, or a playbook outcome's `entries`?
 */
function writesHistory(node: ts.Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (ts.isCallExpression(up) && calleeName(up) === 'addEntry') return true;
    if (ts.isCallExpression(up) && calleeName(up) === 'add' && /entries$/i.test(up.expression.getText().slice(0, -4)))
      return true;
    if (ts.isPropertyAssignment(up) && up.name.getText() === 'entries') return true;
  }
  return false;
}

function literalHistoryLines(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) =>
    found.push(
      `${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 80)}`,
    );
  const visit = (node: ts.Node): void => {
    // TicketEntriesService.append(tx, ticket, caller, kind, text) / appendTo(write, ticket, caller, kind, text)
    if (
      ts.isCallExpression(node) &&
      ['append', 'appendTo'].includes(calleeName(node) ?? '') &&
      node.arguments.length >= 5
    )
      if (isLiteralText(node.arguments[4])) report(node.arguments[4]!);
    if (
      ts.isPropertyAssignment(node) &&
      ['body', 'text'].includes(node.name.getText()) &&
      isLiteralText(node.initializer) &&
      writesHistory(node)
    )
      report(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('system-written history lines', () => {
  it('no service or connector writes a literal history line outside the catalogue', () => {
    const found = sourceFiles().flatMap((path) => literalHistoryLines(path, readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches the shapes a literal line takes', () => {
    const offending = `
      this.entries.append(tx, ticket, caller, 'event', \`Status: \${from} → \${to}\`);
      this.entries.appendTo(write, ticket, caller, 'internal', 'Direito verificado');
      await port.addEntry(id, { direction: 'internal', body: 'Anexos da mensagem de abertura.' });
      return { result, after, entries: [{ text: \`Mediação com \${name}\` }] };
      imap.append(mailbox, raw, ['\\\\Seen']);
      await port.addEntry(id, { direction: 'from_customer', body: message.text || '(sem texto)' });
      await this.entries.add(caller, id, { kind: 'internal', body: 'Anexos da mensagem de abertura.' });
      await this.tags.add(caller, id, { body: 'not a history line' });`;
    expect(literalHistoryLines('x.ts', offending).map((line) => line.split(': ')[0])).toEqual([
      'x.ts:2',
      'x.ts:3',
      'x.ts:4',
      'x.ts:5',
      'x.ts:8',
    ]);
  });
});
