/**
 * axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) over whatever the page shows now: at 1024,
 * 1366 and 1920 px, and at 1366 px also with forced colours and with increased contrast (what
 * Chromium emulates of the operating system's settings). With A11Y_SHOTS_DIR set, screenshots of
 * each go there for people to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [1024, 1366, 1920] as const;
const HEIGHT: Record<(typeof WIDTHS)[number], number> = { 1024: 768, 1366: 768, 1920: 1080 };
const SHOTS = process.env.A11Y_SHOTS_DIR;

/** The OS settings Chromium can emulate, checked at 1366 px. */
const MODES = [
  { name: 'forced colours', media: { forcedColors: 'active' as const } },
  { name: 'more contrast', media: { contrast: 'more' as const } },
];
const NO_MODE = { forcedColors: null, contrast: null };

/** One line per failing element: rule, impact, element and axe's first hint. */
async function violations(page: Page): Promise<string[]> {
  // Only violations in full (axe then skips detailing what passed); the tags after: options() replaces them.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(WCAG_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${(node.failureSummary ?? '').split('\n')[1]?.trim() ?? ''}`),
  );
}

/** Runs axe over the current screen at every width and mode; records (softly) every violation. */
export async function audit(page: Page, screen: string): Promise<void> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    await page.waitForTimeout(120); // a frame for layout and resize observers
    found.push(...(await violations(page)).map((line) => `${width} px: ${line}`));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${screen}-${width}.png` });
    if (width !== 1366) continue;
    for (const mode of MODES) {
      await page.emulateMedia({ ...NO_MODE, ...mode.media });
      found.push(...(await violations(page)).map((line) => `${width} px, ${mode.name}: ${line}`));
      if (SHOTS && mode.media.forcedColors) await page.screenshot({ path: `${SHOTS}/${screen}-forced-colors.png` });
    }
    await page.emulateMedia(NO_MODE);
  }
  expect.soft(found, `${screen}: axe WCAG 2.2 AA violations`).toEqual([]);
}
