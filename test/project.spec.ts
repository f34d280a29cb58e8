import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

describe('the project', () => {
  it('has one copy of each Nest package in its tree', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    for (const name of ['@nestjs/core', '@nestjs/common', '@nestjs/microservices']) {
      const copies = Object.keys(lock.packages).filter(
        (key) => key === `node_modules/${name}` || key.endsWith(`/node_modules/${name}`),
      );
      expect(copies).toEqual([`node_modules/${name}`]);
    }
  });

  it('builds telemetry on the specified SDK: sdk-node and auto-instrumentations-node, depended on and imported', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies)).toEqual(
      expect.arrayContaining(['@opentelemetry/sdk-node', '@opentelemetry/auto-instrumentations-node']),
    );
    const importsOf = (file: string) =>
      ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8')).importedFiles.map((entry) => entry.fileName);
    expect(importsOf('libs/observability/src/telemetry.ts')).toContain('@opentelemetry/sdk-node');
    expect(importsOf('libs/observability/src/sdk/auto-instrumentations.factory.ts')).toContain(
      '@opentelemetry/auto-instrumentations-node',
    );
  });

  it('has one copy of the OpenTelemetry API, core and trace SDK, which every OpenTelemetry package resolves to', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const names = ['@opentelemetry/api', '@opentelemetry/core', '@opentelemetry/sdk-trace'];
    for (const name of names) {
      const copies = Object.keys(lock.packages).filter(
        (key) => key === `node_modules/${name}` || key.endsWith(`/node_modules/${name}`),
      );
      expect(copies).toEqual([`node_modules/${name}`]);
    }
    // What the packages that build the SDK actually load, not only what the lock file lists.
    const consumers = [
      '@opentelemetry/sdk-node',
      '@opentelemetry/auto-instrumentations-node',
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/exporter-trace-otlp-proto',
    ];
    // Node's own resolution, as each package loads its dependencies at run time.
    const fromRoot = createRequire(path.join(ROOT, 'package.json'));
    for (const name of names) {
      const ours = fromRoot.resolve(name);
      for (const consumer of consumers) {
        const fromConsumer = createRequire(fromRoot.resolve(consumer));
        expect([consumer, fromConsumer.resolve(name)]).toEqual([consumer, ours]);
      }
    }
  });

  it('compiles with TypeScript strict on', () => {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as {
      compilerOptions: { strict?: boolean };
    };
    expect(config.compilerOptions.strict).toBe(true);
  });

  it('has no `any` in the signatures apps and libraries export', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error('tsconfig.json could not be read');
    const sources = parsed.fileNames.filter(
      (file) => /\/(apps|libs)\/.*\.ts$/.test(file) && !file.endsWith('.spec.ts'),
    );
    expect(sources.length).toBeGreaterThan(20);
    const program = ts.createProgram(sources, parsed.options);
    const checker = program.getTypeChecker();
    const offenders: string[] = [];
    const mentionsAny = (type: ts.Type) =>
      /\bany\b/.test(checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));

    for (const source of program.getSourceFiles().filter((file) => sources.includes(file.fileName))) {
      const module = checker.getSymbolAtLocation(source);
      if (!module) continue;
      for (const symbol of checker.getExportsOfModule(module)) {
        const where = `${path.relative(ROOT, source.fileName)}: ${symbol.getName()}`;
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        const declaration = target.valueDeclaration ?? target.declarations?.[0];
        if (!declaration) continue;
        if (target.flags & ts.SymbolFlags.Interface) {
          for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(target))) {
            const memberDeclaration = member.valueDeclaration ?? member.declarations?.[0];
            if (memberDeclaration && mentionsAny(checker.getTypeOfSymbolAtLocation(member, memberDeclaration))) {
              offenders.push(`${where}.${member.getName()}`);
            }
          }
        }
        if (target.flags & ts.SymbolFlags.TypeAlias && mentionsAny(checker.getDeclaredTypeOfSymbol(target))) {
          offenders.push(where);
        }
        if (target.flags & ts.SymbolFlags.Class && ts.isClassDeclaration(declaration)) {
          const instance = checker.getDeclaredTypeOfSymbol(target);
          for (const member of checker.getPropertiesOfType(instance)) {
            const decl = member.valueDeclaration;
            const modifiers = decl && ts.canHaveModifiers(decl) ? (ts.getModifiers(decl) ?? []) : [];
            if (
              modifiers.some(
                (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
              )
            )
              continue;
            if (mentionsAny(checker.getTypeOfSymbolAtLocation(member, declaration)))
              offenders.push(`${where}.${member.getName()}`);
          }
          const constructorType = checker.getTypeOfSymbolAtLocation(target, declaration);
          for (const signature of constructorType.getConstructSignatures()) {
            for (const parameter of signature.getParameters()) {
              if (mentionsAny(checker.getTypeOfSymbolAtLocation(parameter, declaration))) {
                offenders.push(`${where} constructor(${parameter.getName()})`);
              }
            }
          }
        } else if (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) {
          if (mentionsAny(checker.getTypeOfSymbolAtLocation(target, declaration))) offenders.push(where);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
