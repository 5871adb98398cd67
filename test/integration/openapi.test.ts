import spectralCore from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler, ROUTE_GROUPS } from '../../handlers/api/router';
import type { ApiEvent } from '../../handlers/api/http';
import { startTestApp, type TestApp } from '../support/harness';
import { API_ROUTES, type RouteAddress } from '../../handlers/api/routeTable';

// spectral-core is CommonJS: its named exports reach ESM only through the default export.
const { Spectral } = spectralCore;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every `METHOD path` the document describes. */
function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
}

describe('the OpenAPI document at /openapi.json', () => {
  let app: TestApp;
  let served: { status: number; headers: Headers; document: any };
  beforeAll(async () => {
    app = await startTestApp();
    const response = await fetch(`${app.url}/openapi.json`);
    served = { status: response.status, headers: response.headers, document: await response.json() };
  });
  afterAll(() => app.stop());

  it('is OpenAPI 3.1, served publicly as JSON', () => {
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('application/json');
    expect(served.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(served.document.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('describes exactly the routes the router serves, and is served by the read function', async () => {
    const routed = Object.values(ROUTE_GROUPS).flatMap((group) => group.map((r) => `${r.method} ${r.path}`));
    expect(documentedRoutes(served.document).sort()).toEqual(routed.sort());
    expect(ROUTE_GROUPS.read.map((r) => r.path)).toContain('/openapi.json');
    const readFunction = createApiHandler(app.deps, { group: 'read' });
    const answer = await readFunction({ rawPath: '/openapi.json', requestContext: { http: { method: 'GET' } } } as ApiEvent);
    expect(JSON.parse(answer.body!)).toEqual(served.document);
  });

  it('lists every answer with the error shape, and a bearer token and the role needed on exactly the routes that need a member', () => {
    for (const route of documentedRoutes(served.document)) {
      const [method, path] = route.split(' ') as [string, string];
      const operation = served.document.paths[path][method.toLowerCase()];
      const statuses = Object.keys(operation.responses);
      // One success, but for the opening's posts, which a contest too large for one request answers 202 (the check begun), and the lock, the start and the acceptance of the results, proposed (202) on a committee of two or more.
      const successes = statuses.filter((s) => /^[23]/.test(s));
      const twoSuccesses = /\/opening\/\{contest\}\/(mixes|decryptions)$/.test(path) ? ['201', '202'] : /\/(lock|start|acceptance)$/.test(path) ? ['200', '202'] : undefined;
      expect(successes, route).toEqual(twoSuccesses && method === 'POST' ? twoSuccesses : [expect.any(String)]);
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        const response = operation.responses[status].$ref ? served.document.components.responses[operation.responses[status].$ref.split('/').at(-1)] : operation.responses[status];
        expect(response.content['application/json'].schema.$ref, `${route} ${status}`).toBe('#/components/schemas/Error');
      }
      const role = Object.values(API_ROUTES as Record<string, RouteAddress>).find((r) => r.method === method && r.path === path)?.role;
      expect(operation.security.length > 0, route).toBe(role !== undefined);
      expect(statuses.includes('401') && statuses.includes('403'), route).toBe(role !== undefined);
      expect(operation['x-role'], route).toBe(role);
    }
    expect(served.document.paths['/elections/{id}/voters/{studentId}/reissue'].post.description).toContain('Role: `helpdesk` or `committee`.');
    expect(served.document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(served.document.components.schemas.Error.required).toEqual(['error']);
  });

  it('takes its request bodies from the schemas the routes parse with: strict, with their limits', () => {
    const body = (path: string, method: string) => served.document.paths[path][method].requestBody.content['application/json'].schema;
    expect(body('/elections/{id}/voters', 'post')).toMatchObject({ additionalProperties: false, required: ['voters'], properties: { voters: { minItems: 1, maxItems: 5000 } } });
    expect(body('/elections/{id}/ballots', 'post').properties.token).toMatchObject({ minLength: 16, maxLength: 128 });
    expect(body('/commands', 'post').oneOf.map((c: any) => c.properties.command.const)).toContain('cast_vote');
  });

  it('lints clean with Spectral’s spectral:oas ruleset, every rule on', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({
      extends: [[oas as any, 'all']],
      rules: {
        // The project has no public contact or licence to name; an invented one would mislead.
        'info-contact': 'off',
        'info-license': 'off',
        'license-url': 'off',
      },
    });
    const results = await spectral.run(served.document);
    expect(results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`)).toEqual([]);
  });
});
