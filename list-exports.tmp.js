const ts = require('typescript');
const path = require('path');
const files = process.argv.slice(2);
const program = ts.createProgram(files.map(f => path.resolve(f)), { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, experimentalDecorators: true });
const checker = program.getTypeChecker();
for (const f of files) {
  const sf = program.getSourceFile(path.resolve(f));
  const sym = checker.getSymbolAtLocation(sf);
  const exps = checker.getExportsOfModule(sym).map(s => s.getName()).sort();
  console.log(f + ': ' + exps.join(' '));
}
