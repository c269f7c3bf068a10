/** Where Lambda looks for a handler: the files that may hold its module, and the name it must export. */
export function handlerLocation(
  handler: string,
  runtime: string,
): { files: string[]; exported: string } | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const module = handler.slice(0, dot);
  const exported = handler.slice(dot + 1);
  if (runtime.startsWith('nodejs'))
    return { files: ['.js', '.mjs', '.cjs'].map((extension) => `${module}${extension}`), exported };
  if (runtime.startsWith('python')) return { files: [`${module.replace(/\./g, '/')}.py`], exported };
  return undefined;
}

const asPattern = (name: string) => name.replace(/[$]/g, '\\$');

/**
 * Whether module source exports `name` the ways Node.js modules do (ES exports, CommonJS assignments,
 * bundler output) or, for Python, defines it at module level. Read, never run: importing could have
 * side effects.
 */
export function exportsName(source: string, name: string, runtime: string): boolean {
  const n = asPattern(name);
  const patterns = runtime.startsWith('python')
    ? [new RegExp(`^(?:async\\s+)?def\\s+${n}\\s*\\(`, 'm'), new RegExp(`^${n}\\s*=`, 'm')]
    : [
        new RegExp(`export\\s+(?:async\\s+)?function\\s*\\*?\\s*${n}\\b`),
        new RegExp(`export\\s+(?:const|let|var|class)\\s+${n}\\b`),
        new RegExp(`export\\s*\\{[^}]*?(?:^|[\\s,{])(?:[\\w$]+\\s+as\\s+)?${n}\\s*(?:,|\\})`),
        new RegExp(`(?:module\\.)?exports\\.${n}\\s*=`),
        new RegExp(`exports\\[\\s*['"]${n}['"]\\s*\\]\\s*=`),
        new RegExp(`module\\.exports\\s*=\\s*\\{[^}]*\\b${n}\\b`),
        new RegExp(`Object\\.defineProperty\\(\\s*(?:module\\.)?exports\\s*,\\s*['"]${n}['"]`),
        new RegExp(`__export\\([^,]+,\\s*\\{[^}]*\\b${n}\\s*:`),
      ];
  return patterns.some((pattern) => pattern.test(source));
}
