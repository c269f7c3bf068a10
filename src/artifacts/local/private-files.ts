import { globToRegExp } from './glob.js';

/**
 * Names that commonly hold secrets or repository data, by path segment: environment files, a Git
 * repository, package-registry and AWS credentials, private keys and password files. A site folder
 * is published as is, so one of these there is almost always a build or copy mistake.
 */
const PRIVATE_SEGMENT = [
  /^\.env(\..*)?$/,
  /^\.git$/,
  /^\.npmrc$/,
  /^\.aws$/,
  /^id_(rsa|dsa|ecdsa|ed25519)$/,
  /\.pem$/,
  /^\.htpasswd$/,
];

/** The paths (relative, `/`-separated) that look private and no `allowed` glob lets through. */
export function privateFiles(paths: readonly string[], allowed: readonly string[]): string[] {
  const allow = allowed.map(globToRegExp);
  return paths.filter(
    (path) =>
      path.split('/').some((segment) => PRIVATE_SEGMENT.some((pattern) => pattern.test(segment))) &&
      !allow.some((pattern) => pattern.test(path)),
  );
}
