/**
 * The "may import" table of docs/architecture.md, one rule per row (two for a row that allows
 * some imports for types only), the row's words in each rule's comment; `npm run lint:layers`
 * checks it in `npm test`. A type-only import counts like any other unless the row says so.
 * infra/, test/ and bench/ may import everything: they have no rule. A dependency's `path` is
 * relative to the repository; npm packages resolve under node_modules/, node's own modules are
 * `core`.
 */
/** Anything outside these folders that is not an npm package or one of node's own modules. */
const outside = (...folders) => ({ pathNot: [...folders.map((folder) => `^${folder}/`), '^node_modules/'], dependencyTypesNot: ['core'] });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'domain/ may import nothing outside domain/',
      severity: 'error',
      from: { path: '^domain/' },
      to: outside('domain'),
    },
    {
      name: 'contract-imports-domain-and-zod',
      comment: 'contract/ may import domain/ (and zod)',
      severity: 'error',
      from: { path: '^contract/' },
      to: { pathNot: ['^contract/', '^domain/', '^node_modules/zod/'] },
    },
    {
      name: 'handlers-import-domain-and-contract',
      comment: 'handlers/ may import domain/, contract/; handlers/lambda also record/',
      severity: 'error',
      from: { path: '^handlers/', pathNot: '^handlers/lambda/' },
      to: outside('handlers', 'domain', 'contract'),
    },
    {
      name: 'handlers-lambda-import-record',
      comment: 'handlers/ may import domain/, contract/; handlers/lambda also record/',
      severity: 'error',
      from: { path: '^handlers/lambda/' },
      to: outside('handlers', 'domain', 'contract', 'record'),
    },
    {
      name: 'record-imports-domain-contract-and-its-pdf-library',
      comment: 'record/ may import domain/, contract/ (and pdf-lib, @pdf-lib/fontkit, the DejaVu fonts)',
      severity: 'error',
      from: { path: '^record/' },
      to: { pathNot: ['^record/', '^domain/', '^contract/', '^node_modules/(pdf-lib|@pdf-lib/fontkit|dejavu-fonts-ttf)/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'workflows-import-contract-and-handlers',
      comment: 'workflows/ may import contract/, and handlers/ for types only',
      severity: 'error',
      from: { path: '^workflows/' },
      to: outside('workflows', 'contract', 'handlers'),
    },
    {
      name: 'workflows-import-handler-types-only',
      comment: 'workflows/ may import contract/, and handlers/ for types only',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^handlers/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-pages-import-domain-and-contract',
      comment: 'web/ may import the API over HTTP, and types only (JSDoc) from domain/ and contract/',
      severity: 'error',
      from: { path: '^web/', pathNot: '^web/lib/' },
      to: outside('web', 'domain', 'contract'),
    },
    {
      name: 'web-pages-import-types-only',
      comment: 'web/ may import the API over HTTP, and types only (JSDoc) from domain/ and contract/',
      severity: 'error',
      from: { path: '^web/', pathNot: '^web/lib/' },
      to: { path: ['^domain/', '^contract/'], dependencyTypesNot: ['jsdoc'] },
    },
    {
      name: 'web-lib-imports-domain-and-contract',
      comment: 'web/lib may also import domain/ and contract/',
      severity: 'error',
      from: { path: '^web/lib/' },
      to: outside('web/lib', 'domain', 'contract'),
    },
    {
      name: 'cli-imports-domain-and-contract',
      comment: 'cli/ may import domain/, contract/, record/ and the API over HTTP',
      severity: 'error',
      from: { path: '^cli/' },
      to: outside('cli', 'domain', 'contract', 'record'),
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    // Type-only imports are dependencies too (the table says where they are allowed), and so are the pages' JSDoc types.
    tsPreCompilationDeps: true,
    detectJSDocImports: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // npm packages' subpaths (csv-parse/sync) resolve through their package.json "exports".
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
