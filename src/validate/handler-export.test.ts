import { describe, expect, it } from 'vitest';
import { exportsName, handlerLocation } from './handler-export.js';

describe('handlerLocation', () => {
  it('maps a Node.js handler to its module files and export', () => {
    expect(handlerLocation('src/app.main', 'nodejs22.x')).toEqual({
      files: ['src/app.js', 'src/app.mjs', 'src/app.cjs'],
      exported: 'main',
    });
  });
  it('maps a Python handler with dotted packages to its file', () => {
    expect(handlerLocation('pkg.app.handler', 'python3.13')).toEqual({
      files: ['pkg/app.py'],
      exported: 'handler',
    });
  });
  it('knows nothing of compiled runtimes or handlers without a module', () => {
    expect(handlerLocation('com.example.Handler::handleRequest', 'java21')).toBeUndefined();
    expect(handlerLocation('handler', 'nodejs22.x')).toBeUndefined();
  });
});

describe('exportsName', () => {
  it.each([
    'export async function handler(event) {}',
    'export function* handler() {}',
    'export const handler = async () => 1;',
    'const main = () => 1;\nexport { main as handler };',
    'export { other, handler };',
    'exports.handler = async () => 1;',
    'module.exports.handler = function () {};',
    'module.exports = { handler, other };',
    'Object.defineProperty(exports, "handler", { enumerable: true, get: () => handler });',
    '__export(src_exports, {\n  handler: () => handler\n});',
  ])('finds the export in: %s', (source) => {
    expect(exportsName(source, 'handler', 'nodejs22.x')).toBe(true);
  });

  it.each([
    'async function handler(event) {}',
    'export { handler as main };',
    'export const handlerV2 = 1;',
    'export default function handler() {}',
  ])('finds no export in: %s', (source) => {
    expect(exportsName(source, 'handler', 'nodejs22.x')).toBe(false);
  });

  it('reads Python module-level definitions', () => {
    expect(
      exportsName('import json\n\ndef handler(event, context):\n    pass\n', 'handler', 'python3.13'),
    ).toBe(true);
    expect(exportsName('class A:\n    def handler(self):\n        pass\n', 'handler', 'python3.13')).toBe(
      false,
    );
  });
});
