import { soundsSecret } from '../secret-names.js';
import { type ConfigResolver, ReferenceProblem } from './types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function split(argument: string): { name: string; fallback?: string } {
  const comma = argument.indexOf(',');
  if (comma === -1) return { name: argument.trim() };
  return { name: argument.slice(0, comma).trim(), fallback: unquote(argument.slice(comma + 1).trim()) };
}

function unquote(text: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(text);
  return quoted ? quoted[2]! : text;
}

/** `${env:NAME}` or `${env:NAME, default}`: a variable of the process environment. */
export const envResolver: ConfigResolver = {
  kind: 'env',
  phase: 'config',
  syntax: '${env:NAME} or ${env:NAME, default}',
  check(argument) {
    const { name } = split(argument);
    return NAME.test(name) ? undefined : `'${name}' is not an environment variable name`;
  },
  isSecret(argument, notSecret) {
    const { name } = split(argument);
    return !notSecret.has(name) && soundsSecret(name);
  },
  resolve(argument, context) {
    const { name, fallback } = split(argument);
    const value = context.env[name];
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw new ReferenceProblem(
      `environment variable ${name} is not set`,
      `Set ${name}, or give a default: \${env:${name}, value}.`,
    );
  },
};
