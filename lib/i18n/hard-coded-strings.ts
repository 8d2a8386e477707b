import ts from "typescript";

/**
 * Finds user-visible text written in a .tsx file instead of coming from `t(...)`: JSX text containing a letter, and
 * string literals with a letter in a user-visible attribute (aria-label, title, placeholder, alt, our components' label
 * props…), in a user-visible object property (`{ title: … }` of page metadata, `{ text: … }` of a status) or in a JSX
 * child expression (`{ok ? "Saved" : "Failed"}`). Calls are not looked into (`t("key")`, `cn(...)`
 * take keys and class names), nor comparisons, nor element accesses (`status === "live"`, `labels["en"]`).
 */

/** Attributes whose value a user reads or hears. */
export const USER_VISIBLE_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  "label",
  "description",
  "emptyText",
  "confirmLabel",
  "cancelLabel",
]);

/** Object properties whose value ends up on screen (metadata titles, status texts, labels passed as props). */
export const USER_VISIBLE_PROPERTIES = new Set(["title", "description", "label", "placeholder", "text", "message", "alt", "aria-label"]);

const propertyName = (name: ts.PropertyName) => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : "");

export interface HardCodedString {
  file: string;
  line: number;
  text: string;
  /** `jsx text`, `attribute <name>`, `property <name>` or `jsx expression`. */
  where: string;
}

/** A text a user could read: it has a letter (`%s`, the page title's slot in Next's title template, is not one). */
const hasLetter = (text: string) => /\p{L}/u.test(text.replaceAll("%s", ""));

const comparisonOperators = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.InKeyword,
  ts.SyntaxKind.InstanceOfKeyword,
]);

/** The string literals (and template literal parts) with a letter in an expression, outside calls and JSX. */
function literalsIn(expression: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (hasLetter(node.text)) found.push(node);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (parts.some(hasLetter)) found.push(node);
      node.templateSpans.forEach((span) => visit(span.expression));
      return;
    }
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isNewExpression(node)) return;
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return;
    if (ts.isElementAccessExpression(node)) return visit(node.expression);
    if (ts.isBinaryExpression(node) && comparisonOperators.has(node.operatorToken.kind)) return;
    if (ts.isConditionalExpression(node)) {
      visit(node.whenTrue);
      visit(node.whenFalse);
      return;
    }
    if (ts.isTypeNode(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

export function findHardCodedStrings(file: string, source: string): HardCodedString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedString[] = [];
  const report = (node: ts.Node, text: string, where: string) =>
    found.push({
      file,
      line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
      text: text.replace(/\s+/g, " ").trim(),
      where,
    });

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (hasLetter(node.text)) report(node, node.text, "jsx text");
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sourceFile);
      if (USER_VISIBLE_ATTRIBUTES.has(name) && node.initializer) {
        const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
        if (value) for (const literal of literalsIn(value)) report(literal, literal.getText(sourceFile), `attribute ${name}`);
      }
      // Other attributes (className, href, data-*…) are not read by users; JSX inside them is still visited.
      if (node.initializer) ts.forEachChild(node.initializer, visit);
      return;
    }
    if (ts.isPropertyAssignment(node) && USER_VISIBLE_PROPERTIES.has(propertyName(node.name))) {
      for (const literal of literalsIn(node.initializer)) report(literal, literal.getText(sourceFile), `property ${propertyName(node.name)}`);
    }
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && node.expression) {
      for (const literal of literalsIn(node.expression)) report(literal, literal.getText(sourceFile), "jsx expression");
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
