import assert from 'node:assert/strict';
import { delimiter } from 'node:path';
import { nodeEnv, type NodeRuntime } from '../../../../scripts/setup/node';

describe('nodeEnv (the environment code-server is built and run in)', () => {
  const node20: NodeRuntime = { version: '20.20.2', dir: '/usr', bin: '/usr/bin/node' };
  const outer: NodeJS.ProcessEnv = {
    PATH: '/usr/local/bin:/usr/bin',
    HOME: '/root',
    CI: 'true',
    npm_config_user_agent: 'npm/11.19.1 node/v24.21.0 linux x64 workspaces/false',
    npm_config_local_prefix: '/work/repo',
    npm_config_registry: 'https://registry.example/',
    npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
    npm_lifecycle_event: 'test',
    VSCODE_IPC_HOOK_CLI: '/tmp/vscode-ipc.sock',
    ELECTRON_RUN_AS_NODE: '1',
    INIT_CWD: '/work/repo',
  };

  it("puts the extra folders, then the Node's own bin folder, before the PATH it was given", () => {
    const env = nodeEnv(node20, ['/cache/npm-10/bin'], outer);
    assert.deepEqual(env.PATH!.split(delimiter), ['/cache/npm-10/bin', '/usr/bin', '/usr/local/bin', '/usr/bin']);
  });

  it("drops the outer npm's config (its user agent names another Node) but keeps the network settings", () => {
    const env = nodeEnv(node20, [], outer);
    assert.equal(env.npm_config_user_agent, undefined);
    assert.equal(env.npm_config_local_prefix, undefined);
    assert.equal(env.npm_lifecycle_event, undefined);
    assert.equal(env.INIT_CWD, undefined);
    assert.equal(env.npm_config_registry, 'https://registry.example/');
    assert.equal(env.npm_config_cafile, '/etc/ssl/certs/ca-certificates.crt');
    assert.equal(env.HOME, '/root');
    assert.equal(env.CI, 'true');
  });

  it('drops what would turn code-server into a remote control of an outer VS Code', () => {
    const env = nodeEnv(node20, [], outer);
    assert.equal(env.VSCODE_IPC_HOOK_CLI, undefined);
    assert.equal(env.ELECTRON_RUN_AS_NODE, undefined);
  });

  it("builds native modules against that Node's headers, and lets npx run without asking", () => {
    assert.equal(nodeEnv(node20, [], outer).npm_config_nodedir, '/usr');
    assert.equal(nodeEnv({ version: '24.21.0', dir: '/cache/node-24', bin: '/cache/node-24/bin/node' }, [], outer).npm_config_nodedir, '/cache/node-24');
    assert.equal(nodeEnv(node20, [], outer).npm_config_yes, 'true');
  });
});
