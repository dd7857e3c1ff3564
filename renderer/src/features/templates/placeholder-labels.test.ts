import { describe, expect, it } from 'vitest';
import { labelPlaceholders } from './placeholder-labels';

describe('labelPlaceholders', () => {
  it('shows each placeholder by its label and keeps the highlight on the same letters', () => {
    const labels: Record<string, string> = { '1': 'First name', '2': 'Order number' };
    const text = 'Hi {{1}}, order {{2}} shipped';
    // "order" at 10..14, "shipped" at 22..28
    const result = labelPlaceholders(text, [10, 11, 22], (name) => labels[name]);
    expect(result.text).toBe('Hi [First name], order [Order number] shipped');
    expect(result.indexes.map((i) => result.text[i])).toEqual(['o', 'r', 's']);
  });

  it('leaves a placeholder it has no label for as written', () => {
    expect(labelPlaceholders('Code {{x}}', [], () => undefined).text).toBe('Code {{x}}');
  });
});
