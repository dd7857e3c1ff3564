/**
 * `npm run bench` (issue 15), the renderer's part: the real inbox component (InboxScreen with
 * InboxList and its virtual rows) rendered in jsdom over the Testing Library fake desktop core,
 * first with 50 and with 10,000 conversations loaded, then scrolled from the first row to the
 * 10,000th through the cursor API. jsdom lays nothing out, so the boxes get fixed sizes
 * (renderer/src/testing/layout.ts). Prints figures; asserts none.
 */
import { register } from 'node:module';
import { JSDOM } from 'jsdom';

register('./bench-renderer/css-hooks.mjs', import.meta.url);
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' });
const globals = globalThis as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(dom.window)) if (!(key in globalThis)) globals[key] = (dom.window as unknown as Record<string, unknown>)[key];
Object.assign(globals, { window: dom.window, document: dom.window.document, IS_REACT_ACT_ENVIRONMENT: true });

const { benchInboxRender } = await import('./bench-renderer/inbox');
await benchInboxRender();
process.exit(0);
