/**
 * A photo, sticker or video loads after its row was laid out, and the row grows. A chat that was
 * showing its newest message keeps showing it: the list's own anchoring misses a growth that comes
 * while it is still settling its opening scroll (the newest message then sat just below the view).
 * A chat scrolled up to read older messages is left where it is.
 */
import { useEffect, type RefObject } from 'react';

export function useStayAtEnd(scrollRef: RefObject<HTMLElement | null>, scrollToEnd: () => void, threshold: number): void {
  useEffect(() => {
    const view = scrollRef.current;
    if (!view) return;
    let atEnd = true; // a chat opens at its newest message
    let frame = 0;
    const onScroll = () => {
      atEnd = view.scrollHeight - view.scrollTop - view.clientHeight <= threshold;
    };
    const onLoad = (event: Event) => {
      if (!atEnd || !(event.target instanceof HTMLImageElement || event.target instanceof HTMLVideoElement)) return;
      // After the row is measured again (its ResizeObserver runs after the next layout).
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(scrollToEnd)));
    };
    view.addEventListener('scroll', onScroll, { passive: true });
    // Load events do not bubble: they are heard on the way down.
    view.addEventListener('load', onLoad, true);
    view.addEventListener('loadedmetadata', onLoad, true);
    return () => {
      cancelAnimationFrame(frame);
      view.removeEventListener('scroll', onScroll);
      view.removeEventListener('load', onLoad, true);
      view.removeEventListener('loadedmetadata', onLoad, true);
    };
  }, [scrollRef, scrollToEnd, threshold]);
}
