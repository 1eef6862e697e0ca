/**
 * The monitor's status page in a real browser: Debian's Chromium, driven by playwright-core (which
 * downloads nothing), opens the page of a live stack on supervisord, finds every service, and sees
 * one turn unhealthy within a few seconds of its server being stopped, without a reload. Every
 * request the page makes is recorded: all are GETs to the monitor on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveApi, type ApiServer } from '../../../src/runtime/monitor/api/server.js';
import { MonitorState } from '../../../src/runtime/monitor/state.js';
import { modelOf, spec } from '../../helpers.js';
import { allTools, CHROMIUM_BIN, describeWithTool, hasChromium, hasSupervisord, PROJECT_ROOT } from '../../support/tools.js';
import { getJson, watchedOnSupervisor, type LiveStack, type WatchedStack } from './live.js';

const artifacts = join(PROJECT_ROOT, 'test/artifacts');
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const names = ['db', 'api', 'web'];
const node = (name: string, health = '') => `#graph [data-service="${name}"]${health}`;

/** A monitor of a one-service stack that listens beyond loopback, where every API call wants the token; it acts on nothing. */
function guardedMonitor(token: string): Promise<ApiServer> {
  const compiled = modelOf(spec('version: 1', 'project: guarded', 'services:', '  a:', '    command: [./a]'));
  const model = { ...compiled.model!, monitor: { ...compiled.model!.monitor, listen: { host: '0.0.0.0', port: 0 } } };
  const state = new MonitorState(model, compiled.plan!, 'supervisor');
  const refuse = (): never => {
    throw new Error('the status page asked the monitor to act');
  };
  return serveApi(state, { trigger: refuse, restart: refuse, recover: refuse, metrics: refuse }, token);
}

await describeWithTool('the monitor status page in Chromium, on a live supervisord stack', allTools(hasSupervisord, hasChromium), () => {
  let stack: LiveStack;
  let watched: WatchedStack | undefined;
  let profile: string | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  const requests: Array<{ method: string; url: string }> = [];
  const problems: string[] = [];
  let navigations = 0;
  let openedAt = 0;

  beforeAll(async () => {
    watched = await watchedOnSupervisor('monpage');
    stack = watched.stack;
    profile = mkdtempSync(join(tmpdir(), 'orchgen-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_BIN, headless: true, args: chromiumFlags });
    browser.on('request', (request) => requests.push({ method: request.method(), url: request.url() }));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => (message.type() === 'error' ? problems.push(message.text()) : undefined));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('framenavigated', (frame) => (frame === page.mainFrame() ? navigations++ : undefined));
    await page.goto(`${stack.api}/`);
    openedAt = Date.now();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await watched?.stop();
  }, 60_000);

  async function screenshot(name: string): Promise<void> {
    mkdirSync(artifacts, { recursive: true });
    const path = join(artifacts, `status-page-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`status page screenshot: ${path}`);
  }

  it('shows every service by wave, healthy, with its breaker, uptime and last response, and the edges between them', async () => {
    for (const name of names) await page.waitForSelector(node(name, '[data-health="healthy"]'), { timeout: 10_000 });
    const services = await getJson<Array<{ name: string }>>(stack, '/api/v1/services');
    expect(await page.$$eval('#graph [data-service]', (all) => all.map((g) => g.getAttribute('data-service')))).toEqual(services.map((s) => s.name));
    for (const name of names) {
      const lines = await page.$$eval(`${node(name)} text`, (all) => all.map((t) => t.textContent));
      expect(lines).toEqual([name === 'web' ? 'web (optional)' : name, 'healthy', expect.stringMatching(/^breaker closed · uptime \d+(\.\d)?%$/), expect.stringMatching(/^last response \d+(\.\d)? ms$/), '']);
    }
    const left = await Promise.all(names.map(async (name) => (await page.locator(node(name)).boundingBox())!.x));
    expect(left[0]).toBeLessThan(left[1]!);
    expect(left[1]).toBeLessThan(left[2]!);
    expect(await page.$$eval('#graph path.edge', (all) => all.map((p) => `${p.getAttribute('data-from')}->${p.getAttribute('data-to')}`))).toEqual(['db->api', 'api->web']);
    expect(await page.textContent('#overall')).toBe('healthy');
    await screenshot('healthy');
  }, 30_000);

  it('turns a stopped service unhealthy within a few seconds, without a reload', async () => {
    const conf = join(stack.dir, 'state', 'supervisord.conf');
    const status = await execa('supervisorctl', ['-c', conf, 'status'], { reject: false });
    const program = status.stdout.split('\n').map((line) => line.split(/\s+/)[0]!).find((name) => /web$/.test(name));
    expect(program, status.stdout).toBeDefined();
    const stoppedAt = Date.now();
    const stop = await execa('supervisorctl', ['-c', conf, 'stop', program!], { reject: false });
    expect(stop.stdout).toContain('stopped');
    await page.waitForSelector(node('web', ':not([data-health="healthy"])'), { timeout: 6_000 });
    const seenAfter = Date.now() - stoppedAt;
    console.log(`web shown unhealthy ${seenAfter} ms after its server was stopped`);
    expect(await page.getAttribute(node('web'), 'data-health')).toMatch(/^(unhealthy|circuit_open)$/);
    await page.waitForSelector('#overall[data-health="degraded"]', { timeout: 3_000 });
    expect(await page.getAttribute(node('db'), 'data-health')).toBe('healthy');
    await screenshot('web-stopped');
    expect(navigations).toBe(1);
  }, 30_000);

  it('shows the recovery the monitor makes, and the service healthy again', async () => {
    const row = page.locator('#event-rows tr', { has: page.locator('td.event-service', { hasText: /^web$/ }) }).first();
    await row.waitFor({ timeout: 15_000 });
    await page.waitForSelector(node('web', '[data-health="healthy"]'), { timeout: 30_000 });
    await page.waitForSelector('#event-rows td.outcome[data-outcome="recovered"]', { timeout: 5_000 });
    expect(await row.locator('td.steps').textContent()).toContain('start web');
    expect(await page.textContent('#overall')).toBe('healthy');
    await screenshot('recovered');
    expect(navigations).toBe(1);
  }, 60_000);

  it('asks for the token where the API wants one, and sends it with each request', async () => {
    const guarded = await guardedMonitor('page-token');
    const tokenPage = await browser!.newPage();
    const sent: Array<string | undefined> = [];
    tokenPage.on('request', (request) => (new URL(request.url()).pathname.startsWith('/api/') ? sent.push(request.headers().authorization) : undefined));
    try {
      await tokenPage.goto(guarded.url.replace('0.0.0.0', '127.0.0.1'), { timeout: 10_000 });
      await tokenPage.waitForSelector('#token-form:not([hidden])', { timeout: 5_000 });
      expect(await tokenPage.textContent('#connection')).toContain('this monitor wants its token');
      await tokenPage.fill('#token', 'page-token');
      await tokenPage.click('#token-form button');
      await tokenPage.waitForSelector(node('a'), { timeout: 5_000 });
      expect(await tokenPage.isHidden('#token-form')).toBe(true);
      expect(sent.at(-1)).toBe('Bearer page-token');
    } finally {
      await tokenPage.close();
      await guarded.close();
    }
  }, 30_000);

  it('asked only the monitor on 127.0.0.1, only with GET, and kept asking', () => {
    const elsewhere = requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).hostname !== '127.0.0.1');
    expect(elsewhere).toEqual([]);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // once a second from the page's load to now, with room for a slow machine
    expect(requests.filter((r) => new URL(r.url).host === new URL(stack.api).host && new URL(r.url).pathname === '/api/v1/status').length).toBeGreaterThanOrEqual(Math.floor((Date.now() - openedAt) / 2000));
    expect(problems).toEqual([]);
  });
});
