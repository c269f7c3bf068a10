import { cp, lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omnixProcess } from '../helpers/omnix-process.js';
import { runCli } from '../helpers/run-cli.js';
import { testdir } from '../helpers/testdir.js';

// The real CLI, in a child process, on a copy of the labelled corpus of legacy scripts.
const CORPUS = join(import.meta.dirname, '../fixtures/migrate/corpus');
const ENV = { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

async function allFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir)) {
    const path = join(dir, entry);
    if ((await lstat(path)).isDirectory()) out.push(...(await allFiles(root, path)));
    else out.push(relative(root, path));
  }
  return out.sort();
}

describe('omnix migrate on a corpus of legacy scripts', () => {
  let root: string;
  const omnix = (...args: string[]) => omnixProcess(args, root, ENV);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'omnix-migrate-'));
    await cp(CORPUS, root, { recursive: true });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('scans the scripts into a draft that config validate accepts, with the conflicts marked', async () => {
    // when
    const scan = await omnix('migrate', 'scan', '.', '--config-dir', 'draft');
    // then
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('7 conflicts');
    const validate = await omnix('config', 'validate', '--all', '--config-dir', 'draft');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/✔ production: valid/);
    expect(validate.stderr).toContain('a placeholder left by omnix migrate scan');
    const production = await readFile(join(root, 'draft/config/environments/production.yaml'), 'utf8');
    expect(production).toMatch(/# CONFLICT: .*frontend\.bucket/);
    expect(production).toMatch(/#\s+shop-website-production\s+\.github\/workflows\/deploy\.yml:47/);
    expect(production).toContain('bucket: "${cfn:omnix-migrate-todo.');
    const staging = await readFile(join(root, 'draft/config/environments/staging.yaml'), 'utf8');
    expect(staging).toMatch(/bucket: "shop-web-staging"/);
    expect(staging).toMatch(/# CONFLICT: .*backend\.api\.id/);
  });

  it('writes a MIGRATION.md that maps every script to what replaces it', async () => {
    const report = await readFile(join(root, 'MIGRATION.md'), 'utf8');
    const scripts = (await allFiles(CORPUS)).map((path) => path.split('\\').join('/'));
    for (const script of scripts) expect(report).toContain(`### \`${script}\``);
    expect(report).toContain('`omnix rollback production`');
    expect(report).toMatch(
      /scripts\/deploy-api\.sh[\s\S]*?What it did:\*\* package, update-function-code, publish, alias, create-deployment/,
    );
  });

  it('refuses to archive without --yes when no one can answer, and moves nothing', async () => {
    const before = await allFiles(root);
    const run = await omnix('migrate', 'archive', 'scripts');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('rename scripts/deploy-prod.sh → legacy/scripts/deploy-prod.sh');
    expect(run.stdout).toContain('+    "deploy:prod": "omnix deploy production --only frontend",');
    expect(run.stderr).toContain('without --yes');
    expect(await allFiles(root)).toEqual(before);
  });

  it('archives with --yes: moves the scripts, indexes them, rewrites their callers, deletes nothing', async () => {
    const before = await allFiles(root);
    const run = await omnix('migrate', 'archive', 'scripts', '--yes');
    expect(run.code).toBe(0);
    const after = await allFiles(root);
    const moved = before.filter((path) => path.startsWith('scripts/'));
    expect(moved.length).toBeGreaterThan(10);
    for (const path of moved) {
      expect(after).not.toContain(path);
      expect(after).toContain(`legacy/${path}`);
      expect(await readFile(join(root, 'legacy', path), 'utf8')).toBe(
        await readFile(join(CORPUS, path), 'utf8'),
      );
    }
    expect(after.length).toBe(before.length + 1);
    const index = await readFile(join(root, 'legacy/README.md'), 'utf8');
    expect(index).toMatch(
      /\| `scripts\/deploy-prod\.sh` \| `legacy\/scripts\/deploy-prod\.sh` \| `omnix deploy production --only frontend` \| \d{4}-\d{2}-\d{2} \|/,
    );
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['deploy:prod']).toBe('omnix deploy production --only frontend');
    expect(pkg.scripts['deploy:api']).toBe('omnix deploy staging --only backend');
    expect(await readFile(join(root, 'Makefile'), 'utf8')).toContain(
      '\tnpx omnix deploy production --only backend\n',
    );
    expect(await readFile(join(root, '.github/workflows/deploy.yml'), 'utf8')).toContain(
      '- run: npx omnix deploy production --only frontend --yes',
    );
  });

  it('exits 2 for a path that does not exist', async () => {
    const scan = await omnix('migrate', 'scan', 'no-such-folder');
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain("'no-such-folder' does not exist");
    const archive = await omnix('migrate', 'archive', 'no-such-script.sh', '--yes');
    expect(archive.code).toBe(2);
  });
});

describe('omnix migrate at a terminal', () => {
  it('asks before archiving, and moves nothing when the answer is no', async () => {
    const root = await testdir({
      'deploy-prod.sh': 'aws s3 sync dist s3://shop-web-live\n',
      'package.json': '{ "scripts": { "deploy": "./deploy-prod.sh" } }\n',
    });
    const questions: string[] = [];
    const declined = await runCli(['migrate', 'archive', 'deploy-prod.sh'], {
      cwd: root,
      tty: true,
      answers: ['maybe', 'no'],
      questions,
    });
    expect(declined.exitCode).toBe(1);
    expect(questions).toEqual([
      'Move 1 file and apply these changes? (yes/no)',
      'Move 1 file and apply these changes? (yes/no)',
    ]);
    expect(await readFile(join(root, 'deploy-prod.sh'), 'utf8')).toContain('shop-web-live');
    const accepted = await runCli(['migrate', 'archive', 'deploy-prod.sh'], {
      cwd: root,
      tty: true,
      answers: ['yes'],
    });
    expect(accepted.exitCode).toBe(0);
    expect(await readFile(join(root, 'legacy/deploy-prod.sh'), 'utf8')).toContain('shop-web-live');
    expect(JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).scripts.deploy).toBe(
      'omnix deploy production --only frontend',
    );
  });

  it('refuses a folder with no scripts, and a draft over a configuration it did not write', async () => {
    const root = await testdir({
      'notes.txt': 'nothing',
      'config/deployment-config.yaml': 'project: mine\n',
      'deploy.sh': 'aws s3 sync d s3://shop-x\n',
    });
    const empty = await runCli(['migrate', 'scan', 'notes.txt'], { cwd: root });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('no deployment scripts');
    const over = await runCli(['migrate', 'scan', 'deploy.sh'], { cwd: root });
    expect(over.exitCode).toBe(2);
    expect(over.stderr).toContain('config/deployment-config.yaml already exists');
    expect(await readFile(join(root, 'config/deployment-config.yaml'), 'utf8')).toBe('project: mine\n');
  });
});
