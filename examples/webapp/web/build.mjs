#!/usr/bin/env node
// Builds the site into web/dist: content-hashed assets, an index.html that references them and carries
// a build id, and config.json with the API URL. Same sources and API URL → byte-identical output.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds `src` into `out`; returns the build id and the asset names. */
export async function build({
  src = join(here, 'src'),
  out = join(here, 'dist'),
  apiUrl = process.env.OMNIX_API_URL ?? '',
} = {}) {
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'assets'), { recursive: true });
  const assets = {};
  const digest = createHash('sha256');
  for (const name of (await readdir(src)).sort()) {
    if (name === 'index.html') continue;
    const content = await readFile(join(src, name));
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
    const hashed = `assets/${name.slice(0, -extname(name).length)}.${hash}${extname(name)}`;
    await writeFile(join(out, hashed), content);
    assets[name] = hashed;
    digest.update(`${hashed}\n`);
  }
  const template = await readFile(join(src, 'index.html'), 'utf8');
  digest.update(template);
  const buildId = digest.digest('hex').slice(0, 12);
  const html = template
    .replace(/\{\{([^}]+)\}\}/g, (_, name) => {
      if (!assets[name]) throw new Error(`index.html references ${name}, which is not in ${src}`);
      return assets[name];
    })
    .replace('</title>', `</title>\n    <meta name="omnix-build" content="${buildId}" />`);
  await writeFile(join(out, 'index.html'), html);
  await writeFile(join(out, 'config.json'), `${JSON.stringify({ apiUrl }, null, 2)}\n`);
  return { buildId, assets };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { buildId, assets } = await build();
  console.log(
    `built web/dist (build ${buildId}): index.html, config.json, ${Object.values(assets).join(', ')}`,
  );
}
