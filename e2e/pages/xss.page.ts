import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";

/**
 * Hostile strings for the XSS specs. Each one calls `__xss(<n>)` if a browser ever runs it (a binding XssWatch exposes
 * on every page of the context), so a finding names the payload that ran. `n` is unique per planted string.
 */
export const payload = {
  img: (n: number) => `<img src=x onerror=__xss(${n})>`,
  script: (n: number) => `<script>__xss(${n})</script>`,
  svg: (n: number) => `<svg onload=__xss(${n})>`,
  iframe: (n: number) => `"><iframe srcdoc="<script>parent.__xss(${n})</script>">`,
  jsUrl: (n: number) => `javascript:__xss(${n})//`,
  template: (n: number) => `{{constructor.constructor('__xss(${n})')()}}`,
  /** Right-to-left override and zero-width characters around markup. */
  bidi: (n: number) => `\u202E\u200B<img src=x onerror=__xss(${n})>\u200D`,
};

/** Every kind at once, one line each (a message body). */
export const allPayloads = (from: number) =>
  [
    payload.img(from),
    payload.script(from + 1),
    payload.svg(from + 2),
    payload.iframe(from + 3),
    payload.jsUrl(from + 4),
    payload.template(from + 5),
    payload.bidi(from + 6),
    `https://example.com/"><svg onload=__xss(${from + 7})>`,
    `www.example.com/<img src=x onerror=__xss(${from + 8})>`,
  ].join("\n");

/**
 * Watches a browser context for planted code that runs: calls of the `__xss` binding (also from iframes and new tabs)
 * and dialogs (alert/confirm/prompt). `expectInert` then also checks the DOM: no element carries an inline event
 * handler, no iframe exists, and every link is http(s) or mailto (a `javascript:` or `data:` URL never becomes a link).
 */
export class XssWatch {
  readonly ran: string[] = [];
  readonly dialogs: string[] = [];

  static async attach(context: BrowserContext): Promise<XssWatch> {
    const watch = new XssWatch();
    await context.exposeBinding("__xss", (source, id: unknown) => {
      watch.ran.push(`${String(id)} on ${source.page?.url() ?? "?"}`);
    });
    const onPage = (page: Page) =>
      page.on("dialog", (dialog) => {
        watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => undefined);
      });
    context.pages().forEach(onPage);
    context.on("page", onPage);
    return watch;
  }

  async expectInert(page: Page, where: string) {
    // onerror/onload fire after the element loads or fails: give them a moment.
    await page.waitForLoadState("load");
    await page.waitForTimeout(300);
    const dom = await page.evaluate(() => {
      const handlers = [...document.querySelectorAll("*")]
        .filter((element) => [...element.attributes].some((attribute) => /^on/i.test(attribute.name)))
        .map((element) => element.outerHTML.slice(0, 160));
      const iframes = [...document.querySelectorAll("iframe, frame, object, embed")].map((element) => element.outerHTML.slice(0, 160));
      const links = [...document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>("a[href], area[href]")]
        .filter((link) => !["http:", "https:", "mailto:"].includes(link.protocol))
        .map((link) => link.outerHTML.slice(0, 160));
      // React renders a form whose action is a function (a server action) with a placeholder action (server and client
      // renderers word it differently).
      const reactPlaceholders = ["javascript:throw new Error('React form unexpectedly submitted.')", "javascript:throw new Error('A React form was unexpectedly submitted."];
      const forms = [...document.querySelectorAll<HTMLFormElement>("form[action], button[formaction], input[formaction]")]
        .map((element) => ({ element, action: element.getAttribute("action") ?? element.getAttribute("formaction") ?? "" }))
        .filter(({ action }) => !reactPlaceholders.some((placeholder) => action.startsWith(placeholder)) && /^\s*(javascript|data|vbscript):/i.test(action))
        .map(({ element }) => element)
        .map((form) => form.outerHTML.slice(0, 160));
      return { handlers, iframes, links, forms };
    });
    expect(this.ran, `planted code ran (${where})`).toEqual([]);
    expect(this.dialogs, `a dialog opened (${where})`).toEqual([]);
    expect(dom, `hostile markup in the DOM (${where})`).toEqual({ handlers: [], iframes: [], links: [], forms: [] });
  }
}

/**
 * Whether `first` is displayed before `then` (left of it on the same line, or on an earlier line) inside the element:
 * a right-to-left override in an interpolated value must not reverse the text that follows it.
 */
export async function displayedInOrder(element: Locator, first: string, then: string): Promise<boolean> {
  return element.evaluate(
    (root, [a, b]) => {
      const rectOf = (needle: string) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(needle) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          return range.getBoundingClientRect();
        }
        throw new Error(`"${needle}" is not in the element`);
      };
      const [x, y] = [rectOf(a), rectOf(b)];
      return y.top > x.bottom - 2 || (Math.abs(y.top - x.top) < 2 && x.left < y.left);
    },
    [first, then] as const,
  );
}
