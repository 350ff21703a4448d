// Builds the native addon from source when installed from a source checkout
// (the Rust crate is beside this file); a packed `lotwise` carries the addon
// built by `npm pack`'s checkout and needs nothing. Nothing is downloaded.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
const fromSource = fs.existsSync(path.join(here, 'Cargo.toml'));

if (!fromSource) {
  const addons = fs.readdirSync(here).filter((f) => /^lotwise\..+\.node$/.test(f));
  if (addons.length === 0) {
    console.error('lotwise: no native addon in this package and no Rust source to build one');
    process.exit(1);
  }
  process.exit(0);
}

// LOTWISE_NODE_RELEASE=1 builds optimised (for measurements and packing);
// the default dev profile shares the workspace's test build cache.
// The addon's own declarations go to native.d.ts (ignored): index.d.ts is generated from the schema.
const args = ['build', '--platform', '--no-js', '--dts', 'native.d.ts', '--output-dir', '.'];
if (process.env.LOTWISE_NODE_RELEASE === '1') args.push('--release');
const cli = path.join(here, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js');
execFileSync(process.execPath, [cli, ...args], { cwd: here, stdio: 'inherit' });
