import { existsSync, globSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// What the event site's pages send to the browser, read from the sources: from its layouts and pages (and the root
// layout and error page above them), through server modules, to each "use client" module, then everything those
// import (type-only imports and server actions excepted, as the bundler does). docs/benchmarks.md has the sizes.

const ROOT = join(import.meta.dirname, "..", "..");

/** Packages the event site's browser code may use: React, Next.js, and Realtime (the live conversation). */
const ALLOWED_PACKAGES = ["next", "react", "react-dom", "@supabase/realtime-js", "@supabase/postgrest-js"];

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? join(ROOT, specifier.slice(2)) : join(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

function directive(source: ts.SourceFile): string | null {
  const first = source.statements[0];
  return first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
}

/** The module specifiers a file imports for their values (what a bundler keeps). */
function valueImports(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      const typeOnly = ts.isImportDeclaration(node)
        ? clause !== undefined &&
          (clause.isTypeOnly ||
            (!clause.name && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly)))
        : node.isTypeOnly;
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** Each package the site's browser code reaches, with the chain of files that brings it in. */
function siteClientPackages(): Map<string, string[]> {
  const entries = [
    "app/layout.tsx",
    "app/error.tsx",
    "app/not-found.tsx",
    ...globSync(["app/(site)/**/{layout,page,error,not-found}.tsx"], { cwd: ROOT }),
  ].map((file) => join(ROOT, file));
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, client: boolean, chain: string[]) => {
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const kind = directive(source);
    if (client && kind === "use server") return; // an action: the browser gets a reference, not the module
    const inClient = client || kind === "use client";
    const here = [...chain, relative(ROOT, file)];
    for (const specifier of valueImports(source)) {
      if (specifier.startsWith(".") || specifier.startsWith("@/")) {
        const target = resolveLocal(file, specifier);
        if (target && /\.tsx?$/.test(target)) walk(target, inClient, here);
      } else if (inClient && !specifier.startsWith("node:")) {
        const name = packageOf(specifier);
        if (!packages.has(name)) packages.set(name, here);
      }
    }
  };
  for (const entry of entries) walk(entry, false, []);
  return packages;
}

describe("the event site's browser code", () => {
  const packages = siteClientPackages();

  it("finds the site's client modules (Realtime is there)", () => {
    expect(packages.has("@supabase/realtime-js")).toBe(true);
    expect(packages.has("react")).toBe(true);
  });

  it("uses no package beyond React, Next.js and Realtime: no supabase-js/auth, zod, i18next, TanStack Table, Radix", () => {
    const extra = [...packages].filter(([name]) => !ALLOWED_PACKAGES.includes(name)).map(([name, chain]) => `${name} via ${chain.join(" → ")}`);
    expect(extra).toEqual([]);
  });
});
