/**
 * The option a key moves to in a list driven from a search box (aria-activedescendant): arrows
 * step and stop at the ends, Home and End jump; null for any other key or an empty list.
 */
export function nextActive(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, active + 1);
    case 'ArrowUp':
      return Math.max(0, active - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
