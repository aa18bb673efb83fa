/* global process */
// Compiles ../model/buildout.mdl to ../generated/buildout.js with SDEverywhere's compiler,
// the same call `sde generate --outformat=js` makes (packages/cli/src/sde-generate.js):
// parseAndGenerate(mdl text, 'vensim', spec, ['generateJS'], model dir, model name, build dir).
// Run from bench/peer/compiler after `npm ci` here (see ../GENERATE.md).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import XLSX from 'xlsx';

// The compiler asks for SheetJS 0.20.2 from SheetJS's own server, which only the npm registry's
// 0.18.5 replaces here (package.json `overrides`). The compiler reads Excel files only for
// `directData`, which this model has none of; its one call the 0.18.5 CommonJS build lacks is
// `set_fs` (that build reads files through node:fs itself), so it gets a no-op before the
// compiler is loaded.
if (typeof XLSX.set_fs !== 'function') XLSX.set_fs = () => {};
const { parseAndGenerate } = await import('@sdeverywhere/compile');

const peer = join(dirname(fileURLToPath(import.meta.url)), '..');
const modelDir = join(peer, 'model');
const specText = readFileSync(join(modelDir, 'spec.json'), 'utf8');
const spec = JSON.parse(specText);
const mdl = readFileSync(join(modelDir, 'buildout.mdl'), 'utf8');
await parseAndGenerate(mdl, 'vensim', spec, ['generateJS'], modelDir, 'buildout', join(peer, 'generated'));
// which source the JS was compiled from: run.ts refuses a JS that is stale against the .mdl
const source = {
  mdl: 'model/buildout.mdl',
  sha256: createHash('sha256').update(mdl).digest('hex'),
  spec: 'model/spec.json',
  specSha256: createHash('sha256').update(specText).digest('hex'),
  compiler: '@sdeverywhere/compile@0.7.28',
};
writeFileSync(join(peer, 'generated', 'buildout.source.json'), `${JSON.stringify(source, null, 2)}\n`);
process.stdout.write('wrote bench/peer/generated/buildout.js and buildout.source.json\n');
