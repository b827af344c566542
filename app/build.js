// Builds the SPA into dist/: the page, its stylesheet, and one bundle with auth0.js from node_modules.
import fs from 'node:fs';
import { build } from 'esbuild';

fs.rmSync('dist', { recursive: true, force: true });
fs.mkdirSync('dist');
for (const file of ['index.html', 'style.css']) fs.copyFileSync(`spa/${file}`, `dist/${file}`);
await build({
  entryPoints: ['spa/main.js'],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  outfile: 'dist/app.js',
  logLevel: 'warning',
});
console.log('built dist/');
