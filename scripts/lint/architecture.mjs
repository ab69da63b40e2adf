/**
 * The architecture check of `npm run lint`, over dependency-cruiser's JSON on stdin:
 * 1. the rules of .dependency-cruiser.cjs (pure core, gateways below hosts, no module cycle, no orphan);
 * 2. no cycle between FOLDERS of src/ (e.g. core/render -> core/hours -> core/render): module-level cycle
 *    checks miss these, and they are what makes a layer impossible to change alone.
 */
const input = await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
});
const { modules, summary } = JSON.parse(input);
let failed = false;
for (const violation of summary.violations) {
  console.error(`${violation.rule.name} : ${violation.from} -> ${violation.to}`);
  failed = true;
}

/**
 * src/core/hours/totals.ts -> core/hours; src/cli/commands/export.ts -> cli. Files directly in src/core
 * or src/gateways (pipeline.ts, grid.ts, gateway.ts...) are each their own node: shared leaves and the
 * orchestrator must not glue every folder into one.
 */
function folderOf(path) {
  const parts = path.replace(/^src\//, '').replace(/\.tsx?$/, '').split('/');
  if (parts[0] === 'core' || parts[0] === 'gateways') return parts.slice(0, 2).join('/');
  return parts[0];
}

const edges = new Map();
for (const module of modules) {
  if (!module.source.startsWith('src/')) continue;
  for (const dependency of module.dependencies) {
    if (!dependency.resolved.startsWith('src/')) continue;
    const from = folderOf(module.source);
    const to = folderOf(dependency.resolved);
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    edges.get(from).set(to, `${module.source} -> ${dependency.resolved}`);
  }
}

/** Tarjan's strongly connected components over the folder graph. */
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;
function visit(node) {
  index.set(node, counter);
  low.set(node, counter++);
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!index.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node), low.get(next)));
    } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
  }
  if (low.get(node) === index.get(node)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component);
  }
}
for (const node of edges.keys()) if (!index.has(node)) visit(node);

for (const component of components) {
  failed = true;
  console.error(`Cycle entre dossiers : ${component.sort().join(' <-> ')}`);
  for (const from of component)
    for (const [to, example] of edges.get(from) ?? []) if (component.includes(to)) console.error(`  ${from} -> ${to} (ex. ${example})`);
}
if (failed) process.exit(1);
console.log(`Architecture : ${modules.length} modules, aucune règle enfreinte, aucun cycle entre dossiers.`);
