import { expect, test } from '@playwright/test';

test('the app shell and the API are served from one origin', async ({ page, request }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Tessera');
  const health = await request.get('/api/v1/health');
  expect(health.status()).toBe(200);
});
