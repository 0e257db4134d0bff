#!/usr/bin/env bash
# Everything a release does except publishing, so that a broken package never reaches one:
#   1. build, publint and attw on every public package;
#   2. pnpm publish -r --dry-run: packs each public package as it would be published
#      (workspace: ranges rewritten) and reports what would go out;
#   3. changeset version in a scratch copy: the pending changesets must turn into new
#      versions and per-package CHANGELOG entries, every public package at one version and
#      each provider's peer range on core workspace:^ (CONTRIBUTING.md, Releasing).
# Run through ./pnpmw release:dry-run (CI does).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pnpm turbo run build check:package --output-logs=errors-only
# What every published package carries besides its code.
node -e '
  const fs = require("node:fs");
  let failed = false;
  for (const dir of fs.readdirSync("packages")) {
    const pkg = JSON.parse(fs.readFileSync(`packages/${dir}/package.json`, "utf8"));
    if (pkg.private) continue;
    const missing = ["description", "license", "repository", "homepage", "engines", "exports"].filter((field) => !pkg[field]);
    for (const file of ["README.md", "LICENSE"]) {
      if (!fs.existsSync(`packages/${dir}/${file}`) || !pkg.files?.includes(file)) missing.push(file);
    }
    if (missing.length > 0) { console.error(`${pkg.name} lacks: ${missing.join(", ")}`); failed = true; }
  }
  process.exit(failed ? 1 : 0);'
pnpm publish -r --dry-run --no-git-checks --report-summary
node -e '
  const { publishedPackages } = require("./pnpm-publish-summary.json");
  const names = publishedPackages.map((p) => p.name).sort();
  console.log("would publish:", publishedPackages.map((p) => p.name + "@" + p.version).join(", "));
  // Every public package under packages/ (discovered, so a new provider needs no edit here).
  const fs = require("node:fs");
  const expectedPackages = fs.readdirSync("packages", { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(`packages/${entry.name}/package.json`))
    .map((entry) => JSON.parse(fs.readFileSync(`packages/${entry.name}/package.json`, "utf8")))
    .filter((pkg) => !pkg.private)
    .map((pkg) => pkg.name);
  if (expectedPackages.length === 0) { console.error("no public package found under packages/"); process.exit(1); }
  for (const expected of expectedPackages) {
    if (!names.includes(expected)) { console.error("missing from the dry run: " + expected); process.exit(1); }
  }
  if (names.some((name) => ["@cdr/demo", "@cdr/benchmarks"].includes(name) || name.endsWith("-tests"))) {
    console.error("a private package would be published: " + names.join(", ")); process.exit(1);
  }'
rm -f pnpm-publish-summary.json

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tar --exclude=./node_modules --exclude='*/node_modules' --exclude=./.git --exclude=./.toolchain --exclude=./.worktrees \
  --exclude='*/dist' --exclude='*/.turbo' -cf - . | tar -C "$scratch" -xf -
ln -s "$PWD/node_modules" "$scratch/node_modules"
(cd "$scratch" && node_modules/.bin/changeset version >/dev/null)
node -e '
  const fs = require("node:fs");
  const path = require("node:path");
  const [root, scratch] = process.argv.slice(1);
  const pending = fs.readdirSync(path.join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
  const bumped = new Set();
  for (const file of pending) {
    const front = fs.readFileSync(path.join(root, ".changeset", file), "utf8").split("---")[1] ?? "";
    for (const match of front.matchAll(/["\u0027]([^"\u0027]+)["\u0027]\s*:\s*(major|minor|patch)/g)) bumped.add(match[1]);
  }
  for (const dir of fs.readdirSync(path.join(root, "packages"))) {
    const before = require(path.join(root, "packages", dir, "package.json"));
    if (!bumped.has(before.name)) continue;
    const after = JSON.parse(fs.readFileSync(path.join(scratch, "packages", dir, "package.json"), "utf8"));
    const changelog = path.join(scratch, "packages", dir, "CHANGELOG.md");
    const text = fs.existsSync(changelog) ? fs.readFileSync(changelog, "utf8") : "";
    if (after.version === before.version || !text.includes("## " + after.version)) {
      console.error(before.name + ": changeset version wrote no new version or CHANGELOG entry"); process.exit(1);
    }
    console.log("changeset version: " + before.name + " " + before.version + " -> " + after.version + ", CHANGELOG.md written");
  }
  if (bumped.size === 0) console.log("no pending changesets");
' "$PWD" "$scratch"
# Releases that install together (CONTRIBUTING.md, Releasing): after versioning, every public
# package has the one shared version, and each provider's peer range on core is workspace:^,
# which packing turns into ^ that version. tests/release installs the results with npm.
node -e '
  const fs = require("node:fs");
  const path = require("node:path");
  const [scratch] = process.argv.slice(1);
  const manifests = fs.readdirSync(path.join(scratch, "packages"))
    .map((dir) => JSON.parse(fs.readFileSync(path.join(scratch, "packages", dir, "package.json"), "utf8")))
    .filter((pkg) => !pkg.private);
  const versions = new Set(manifests.map((pkg) => pkg.version));
  if (versions.size !== 1) {
    console.error("changeset version left public packages at different versions: " + manifests.map((pkg) => pkg.name + "@" + pkg.version).join(", "));
    process.exit(1);
  }
  for (const pkg of manifests) {
    const range = pkg.peerDependencies?.["@cdr/core"];
    if (pkg.name !== "@cdr/core" && range !== "workspace:^") {
      console.error(pkg.name + ": peerDependencies[\"@cdr/core\"] is " + JSON.stringify(range) + ", not \"workspace:^\"");
      process.exit(1);
    }
  }
  console.log("changeset version: every public package at " + [...versions][0] + ", providers on @cdr/core ^" + [...versions][0]);
' "$scratch"
