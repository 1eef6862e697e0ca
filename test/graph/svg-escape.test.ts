import { expect, test } from 'vitest';
import { coordinate, xmlText } from '../../src/diagram/svg/escape.js';

test('the five XML characters are escaped, nothing else', () => {
  expect(xmlText(`a&b<c>d"e'f ü→`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f ü→');
});

test('coordinates keep one decimal', () => {
  expect([coordinate(12), coordinate(12.345), coordinate(0.05), coordinate(-3.96)]).toEqual(['12', '12.3', '0.1', '-4']);
});
