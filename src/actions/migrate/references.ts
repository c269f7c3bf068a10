/** The syntaxes in which the files the scanner reads refer to variables. */
export type ReferenceSyntax =
  | 'shell'
  | 'make'
  | 'github'
  | 'serverless'
  | 'template-literal'
  | 'python-format';

/**
 * Rewrites every variable reference of `syntax` to `${NAME}` (or `${NAME:-default}`), the one form
 * the classifier and variable tracker understand. Linear: each reference is read once, bounded.
 */
export function normalizeReferences(value: string, syntax: ReferenceSyntax): string {
  const text = value.slice(0, 4096);
  switch (syntax) {
    case 'shell':
      return text
        .replace(/\$\(([^()]{0,400})\)/g, '${CMD}')
        .replace(/`[^`]{0,400}`/g, '${CMD}')
        .replace(
          /\$\{([A-Za-z_][A-Za-z0-9_]{0,80})(?::?[-=]([^}$]{0,200}))?\}/g,
          (_all, name: string, fallback?: string) =>
            fallback ? `\${${name}:-${fallback.replace(/^["']|["']$/g, '')}}` : `\${${name}}`,
        )
        .replace(/\$([A-Za-z_][A-Za-z0-9_]{0,80}|\d)/g, '${$1}');
    case 'make':
      return text
        .replace(
          /\$\((shell|if|subst|patsubst|word|call|foreach|wildcard|strip|lastword|firstword)\s[^()]{0,400}\)/g,
          '${CMD}',
        )
        .replace(/\$[({]([A-Za-z_][A-Za-z0-9_.-]{0,80})[)}]/g, '${$1}')
        .replace(/\$\$\{?([A-Za-z_][A-Za-z0-9_]{0,80})\}?/g, '${$1}');
    case 'github':
      return text.replace(/\$\{\{\s*([^}]{1,200}?)\s*\}\}/g, (_all, expression: string) => {
        const name =
          /^(?:env|vars|secrets|inputs|github\.event\.inputs|needs\.[\w-]+\.outputs|steps\.[\w-]+\.outputs|matrix)\.([A-Za-z_][\w-]{0,80})$/.exec(
            expression.trim(),
          );
        return name ? `\${${name[1]}}` : '${EXPR}';
      });
    case 'serverless':
      return text.replace(
        /\$\{([a-zA-Z]+:|self:|sls:)?([^,}]{1,200})(?:,\s*([^}]{0,200}))?\}/g,
        (_all, prefix = '', name: string, fallback?: string) => {
          const full = `${prefix}${name.trim()}`;
          const plain = fallback?.trim().replace(/^["']|["']$/g, '');
          return plain && !plain.includes('${') ? `\${${full}:-${plain}}` : `\${${full}}`;
        },
      );
    case 'template-literal':
      return text.replace(/\$\{\s*([^{}]{1,200}?)\s*\}/g, (_all, expression: string) =>
        /^[A-Za-z_$][\w$.]{0,120}$/.test(expression)
          ? `\${${expression.replace(/^(process\.env|import\.meta\.env|env|config)\./, '')}}`
          : '${EXPR}',
      );
    case 'python-format':
      return text.replace(/\{\s*([A-Za-z_][\w.]{0,120})\s*\}/g, '${$1}');
  }
}
