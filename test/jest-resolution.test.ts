/**
 * After a build, each bundle holds both x.ts and the emitted x.js. Jest must run the TypeScript
 * source, never stale build output.
 */
describe('module resolution in Jest', () => {
  it('resolves c/readinessEngine to the TypeScript source', () => {
    expect(require.resolve('c/readinessEngine')).toMatch(/readinessEngine[\\/]readinessEngine\.ts$/);
  });

  it('resolves relative imports inside a bundle to .ts', () => {
    expect(require.resolve('../force-app/main/default/lwc/readinessEngine/engine')).toMatch(/engine\.ts$/);
  });
});
