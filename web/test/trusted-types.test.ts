import { describe, expect, it } from 'vitest';
import { allowHtml, allowScriptUrl } from '../src/trusted-types.ts';

// The page's Trusted Types default policy (web/src/trusted-types.ts): Solid's static templates and
// same-origin scripts pass; markup that could run script and scripts from elsewhere do not.
describe('Trusted Types default policy', () => {
  it('passes the markup Solid builds its templates from', () => {
    for (const html of [
      '<div class="row"><button type="button" class="row-main" data-row-focus><span class="row-text"><span class="row-name"></span></span></button></div>',
      '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16"></path></svg>',
      '<p class="muted">Codes work offline; changes sync when the connection returns.</p>',
      '<input id="signin-email" type="email" autocomplete="username" autocapitalize="off">',
    ])
      expect(allowHtml(html)).toBe(html);
  });

  it('refuses markup that could run script', () => {
    for (const html of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://example.org"></iframe>',
      '<object data="x"></object>',
      '<svg><a onclick = "x()"></a></svg>',
      '< SCRIPT src="/x.js"></script>',
      '<base href="https://example.org/">',
    ])
      expect(() => allowHtml(html), html).toThrow(TypeError);
  });

  it('passes same-origin script URLs and refuses others', () => {
    const origin = 'https://tessera.example';
    expect(allowScriptUrl('/sw.js', origin)).toBe('/sw.js');
    expect(allowScriptUrl('https://tessera.example/assets/crypto.worker-1.js', origin)).toBe(
      'https://tessera.example/assets/crypto.worker-1.js',
    );
    for (const url of [
      'https://evil.example/x.js',
      '//evil.example/x.js',
      'data:text/javascript,alert(1)',
      'blob:https://evil.example/1',
    ]) {
      expect(() => allowScriptUrl(url, origin), url).toThrow(TypeError);
    }
  });
});
