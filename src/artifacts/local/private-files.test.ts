import { describe, expect, it } from 'vitest';
import { privateFiles } from './private-files.js';

describe('privateFiles', () => {
  it('finds env files, Git data, registry and AWS credentials, keys and password files', () => {
    const paths = [
      '.env',
      '.env.production',
      '.git/config',
      'sub/.npmrc',
      '.aws/credentials',
      'keys/id_rsa',
      'certs/server.pem',
      '.htpasswd',
      '.well-known/security.txt',
      'index.html',
      'assets/environment.js',
      'docs/.envelope.txt',
    ];
    expect(privateFiles(paths, [])).toEqual([
      '.env',
      '.env.production',
      '.git/config',
      'sub/.npmrc',
      '.aws/credentials',
      'keys/id_rsa',
      'certs/server.pem',
      '.htpasswd',
    ]);
  });

  it('lets through what an allowed glob matches, and only that', () => {
    expect(privateFiles(['certs/public.pem', '.env'], ['certs/*.pem'])).toEqual(['.env']);
  });
});
