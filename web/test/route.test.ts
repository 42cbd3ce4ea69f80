import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../src/lib/route.ts';

describe('routes', () => {
  it('round-trips every route', () => {
    const routes: Route[] = [
      { name: 'codes' },
      { name: 'record', id: 'abc_DEF-1' },
      { name: 'edit', id: 'x' },
      { name: 'new' },
      { name: 'add' },
      { name: 'settings' },
      { name: 'deleted' },
      { name: 'drill' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });
  it('falls back to the list for anything unknown or malformed', () => {
    for (const hash of [
      '',
      '#',
      '#/nope',
      '#/record',
      '#/record/has space',
      '#/record/%E0%A4%A',
      '#/record/<script>',
    ]) {
      expect(parseRoute(hash)).toEqual({ name: 'codes' });
    }
  });
});
