// The theme chosen in Settings > Appearance, applied before the first paint: this classic script
// runs in <head>, before the stylesheet is used and long before the app's modules, so a page set
// to dark never flashes light. The app's services/theme.ts writes the same key; no key = follow
// the system. It is its own file because the CSP allows no inline script.
(function () {
  var KEY = 'tessera.theme';
  var COLORS = { light: '#f6f7f9', dark: '#0e1117' };
  var theme = null;
  try {
    theme = localStorage.getItem(KEY);
  } catch (e) {
    // Storage refused (some private modes): the system setting applies.
  }
  if (theme !== 'light' && theme !== 'dark') return;
  document.documentElement.setAttribute('data-theme', theme);
  // The browser's own bar follows the chosen theme, not the system one.
  var metas = document.querySelectorAll('meta[name="theme-color"]');
  for (var i = 0; i < metas.length; i++) metas[i].setAttribute('content', COLORS[theme]);
})();
