// What the renderer bench uses of jsdom (a dependency of the unit tests' environment). Not
// @types/jsdom: vitest's types would pull it into the Node typecheck too, with the DOM library.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string, options?: { pretendToBeVisual?: boolean; url?: string });
    readonly window: Window & typeof globalThis;
  }
}
