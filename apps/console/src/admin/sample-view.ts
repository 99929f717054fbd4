/**
 * Sample values for a template's variables, so the editor previews any wording without a ticket:
 * `a.b` nests, `list[].field` becomes a one-item list. Each value names its variable, which lets the
 * admin see where each one lands in the text.
 */
export function sampleView(variables: readonly string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const variable of variables) {
    const [listPath, itemPath] = variable.split('[].');
    if (itemPath !== undefined) {
      const list = (view[listPath!] ??= [{}]) as Array<Record<string, unknown>>;
      assign(list[0]!, itemPath, `«${variable}»`);
    } else assign(view, variable, `«${variable}»`);
  }
  return view;
}

function assign(target: Record<string, unknown>, path: string, value: string): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}
