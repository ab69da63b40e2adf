/**
 * Webpack loader run after esbuild: rewrites regular expressions that use Unicode property escapes
 * (`\p{L}`, ES2018) into plain character classes, which EdgeHTML and older Safari can parse and run.
 * esbuild lowers the rest of the syntax to ES2017 but leaves these literals as they are.
 */
const acorn = require('acorn');
const rewritePattern = require('regexpu-core');

module.exports = function unicodeRegexLoader(source) {
  if (!source.includes('\\p{') && !source.includes('\\P{')) return source;
  const edits = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Literal' && node.regex && /\\[pP]\{/.test(node.regex.pattern)) {
      const { pattern, flags } = node.regex;
      const rewritten = rewritePattern(pattern, flags, { unicodePropertyEscapes: 'transform', unicodeFlag: 'transform' });
      edits.push({ start: node.start, end: node.end, text: `/${rewritten}/${flags.replace('u', '')}` });
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value);
    }
  };
  visit(acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module' }));
  let output = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  return output;
};
