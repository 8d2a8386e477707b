import { globSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findHardCodedStrings, type HardCodedString } from "./hard-coded-strings";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * Texts allowed to stay literal, each with its reason. Symbols and punctuation (←, ·, /) need no entry: only texts with
 * a letter are reported. Keep it short: a text a user reads belongs in lib/i18n/resources/<locale>/<ns>.json.
 */
const ALLOWED: { file: string; text: string; reason: string }[] = [];

const sources = globSync(["app/**/*.tsx", "components/**/*.tsx"], { cwd: ROOT }).sort();
const isAllowed = (finding: HardCodedString) => ALLOWED.some((entry) => entry.file === finding.file && entry.text === finding.text);
const describeFinding = (finding: HardCodedString) => `${finding.file}:${finding.line} ${finding.where}: ${finding.text}`;

describe("no user-visible string is hard-coded", () => {
  const findings = sources.flatMap((file) => findHardCodedStrings(file, readFileSync(join(ROOT, file), "utf8")));

  it("scans the app's and the components' .tsx files", () => {
    expect(sources.length).toBeGreaterThan(40);
    expect(sources).toContain("components/site/site-header.tsx");
  });

  it("every text in app/ and components/ comes from t(...)", () => {
    expect(findings.filter((finding) => !isAllowed(finding)).map(describeFinding)).toEqual([]);
  });

  it("every allowlist entry is still needed", () => {
    const stale = ALLOWED.filter((entry) => !findings.some((finding) => finding.file === entry.file && finding.text === entry.text));
    expect(stale).toEqual([]);
  });
});

describe("the hard-coded string check", () => {
  const check = (source: string) => findHardCodedStrings("sample.tsx", source).map(({ where, text }) => `${where}: ${text}`);

  it("reports JSX text with a letter", () => {
    expect(check(`export const A = () => <p>\n  Welcome back\n</p>;`)).toEqual(["jsx text: Welcome back"]);
    expect(check(`export const A = () => <p>Déjà vu</p>;`)).toEqual(["jsx text: Déjà vu"]);
  });

  it("reports literals in user-visible attributes, in every form", () => {
    expect(
      check(`export const A = ({ open }: { open: boolean }) => (
        <div>
          <button aria-label="Close" title={"Close the window"} />
          <input placeholder={\`Search \${42}\`} />
          <img alt={open ? "Opened" : "Closed"} src="/a.png" />
          <Field id="x" label="Display name" />
        </div>
      );`),
    ).toEqual([
      'attribute aria-label: "Close"',
      'attribute title: "Close the window"',
      "attribute placeholder: `Search ${42}`",
      'attribute alt: "Opened"',
      'attribute alt: "Closed"',
      'attribute label: "Display name"',
    ]);
  });

  it("reports literals shown as JSX children and in user-visible object properties", () => {
    expect(
      check(`export const metadata = { title: "Messages" };
      export const A = ({ ok }: { ok: boolean }) => <p>{ok ? "Saved" : t("failed")}{\`\${count} left\`}</p>;
      const status = { tone: "success", text: "Saved." };`),
    ).toEqual(['property title: "Messages"', 'jsx expression: "Saved"', "jsx expression: `${count} left`", 'property text: "Saved."']);
  });

  it("accepts translated texts, class names, keys, comparisons, symbols and JSX inside attributes", () => {
    expect(
      check(`export const A = ({ status }: { status: string }) => (
        <div className={cn("flex gap-2", status === "live" && "text-success")} data-state={status === "live" ? "on" : "off"}>
          <a href="/e/demo" title={t("header.home", { name: "x" })} aria-label={labels["en"]}>← {t("messages.back")} · 9 / 4,000</a>
          <Tooltip content={<span>{t("tip")}</span>} />
          {status === "live" ? <b>{t("live")}</b> : null}
        </div>
      );
      export const generateMetadata = () => ({ title: { template: \`%s · \${t("app.name")}\` } });`),
    ).toEqual([]);
  });

  it("still finds a hard-coded text nested in JSX passed as an attribute", () => {
    expect(check(`export const A = () => <Tooltip content={<span>Copied</span>} />;`)).toEqual(["jsx text: Copied"]);
  });
});
