// Compresses every file of the built site's pkg/ folder once, at build
// time: `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9)
// beside it. The server sends these to browsers that accept them instead
// of compressing on every request.
// Usage: node scripts/precompress.js [site-root]   (default target/site)
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const root = path.join(process.argv[2] || "target/site", "pkg");
const compressible = /\.(wasm|js|css|html|svg|json|txt)$/;
let files = 0;
let before = 0;
let brotli = 0;
let gzip = 0;
// Every file under pkg/, including each language's page code in its folder.
function* filesUnder(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(file);
    else if (entry.isFile() && compressible.test(entry.name)) yield file;
  }
}
for (const file of filesUnder(root)) {
  const data = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gz = zlib.gzipSync(data, { level: 9 });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  files += 1;
  before += data.length;
  brotli += br.length;
  gzip += gz.length;
}
const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
console.log(`precompressed ${files} files in ${root}: ${kb(before)} raw, ${kb(brotli)} brotli, ${kb(gzip)} gzip`);
