// node scripts/lockfile-optional.mjs — run after any `npm install` that rewrites package-lock.json.
// The registry these machines use does not serve other platforms' optional packages (@rollup/rollup-android-…), so npm
// leaves them out of the lockfile and `npm ci` then refuses it. A version-only optional entry satisfies `npm ci`, which
// skips packages for other platforms anyway.
import { readFileSync, writeFileSync } from 'node:fs'
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
let added = 0
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`
    if (lock.packages[base] || lock.packages[`node_modules/${name}`]) continue
    lock.packages[`node_modules/${name}`] = { version, optional: true }
    added++
  }
}
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n')
console.log('added', added)
