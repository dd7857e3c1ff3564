/**
 * jsdom lays nothing out: every box is 0 px, and scrolling does nothing. The virtual lists (issue
 * 15) render what fits in their scroll box, so their tests give the scroll boxes a height, every
 * measured row a height, and scrolling a position and a `scroll` event. Returns the undo.
 */
export interface FakeLayout {
  /** The scroll boxes' height (`.rows-scroller`, `.messages`). */
  viewport?: number;
  /** Every virtual row's height. */
  row?: number;
}

const SCROLLERS = '.rows-scroller, .messages';

export function fakeLayout({ viewport = 600, row = 60 }: FakeLayout = {}): () => void {
  const proto = HTMLElement.prototype;
  // What HTMLElement itself had (the rest is inherited from Element and comes back by itself).
  const saved = ['clientHeight', 'clientWidth', 'offsetHeight', 'scrollHeight', 'scrollTop', 'scrollTo'].map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)] as const);
  const offsets = new WeakMap<Element, number>();
  const isScroller = (el: Element) => el.matches(SCROLLERS);
  // How tall a scroll box's content is: the virtual list inside it says so in its style.
  const contentHeight = (el: Element) => Math.max(0, ...[...el.querySelectorAll<HTMLElement>('[style*="height"]')].map((inner) => parseFloat(inner.style.height) || 0));
  const maxOffset = (el: Element) => Math.max(0, contentHeight(el) - viewport);
  const define = (name: string, get: (this: HTMLElement) => number, set?: (this: HTMLElement, value: number) => void) =>
    Object.defineProperty(proto, name, { configurable: true, get, set });

  define('clientHeight', function () {
    return isScroller(this) ? viewport : 0;
  });
  define('clientWidth', function () {
    return isScroller(this) ? 400 : 0;
  });
  define('offsetHeight', function () {
    return this.hasAttribute('data-index') ? row : 0;
  });
  define('scrollHeight', function () {
    return isScroller(this) ? Math.max(viewport, contentHeight(this)) : 0;
  });
  define(
    'scrollTop',
    function () {
      return offsets.get(this) ?? 0;
    },
    function (value) {
      offsets.set(this, Math.min(Math.max(0, value), maxOffset(this)));
      this.dispatchEvent(new (this.ownerDocument.defaultView?.Event ?? Event)('scroll'));
    },
  );
  proto.scrollTo = function (this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
  } as typeof proto.scrollTo;

  return () => {
    for (const [name, descriptor] of saved) {
      delete (proto as unknown as Record<string, unknown>)[name];
      if (descriptor) Object.defineProperty(proto, name, descriptor);
    }
  };
}
