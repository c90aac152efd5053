import { describe, expect, it } from 'vitest';
import { chatDomains, createProsodyConfig, renderCustomerPolicy } from '../../../scripts/prosody/prosody-config.mjs';

describe('Prosody config generator', () => {
  it('renders the firewall policy with every rule ended by a blank line and an action', () => {
    const policy = renderCustomerPolicy({ domain: 'chat.tienda.example' });
    expect(policy).not.toMatch(/\{\{|\}\}/);
    expect(policy).toContain('%ZONE services: rooms.chat.tienda.example, upload.chat.tienda.example');
    expect(policy).toContain('%RATE session: 2 (burst 10) (entries 10000)');
    expect(policy).toContain('%RATE joins: 0.1 (burst 50) (entries 10000)');
    expect(policy).toContain('x/invite@to~=^[^@/]+@staff%.chat%.tienda%.example$');
    // mod_firewall ends a rule at a blank line: merged rules would silently let everything through.
    const rules = (policy.split('::preroute')[1] ?? '')
      .split(/\n\s*\n/)
      .map((block) => block.split('\n').filter((line) => line.trim() && !line.startsWith('#')))
      .filter((lines) => lines.length > 0);
    expect(rules).toHaveLength(8);
    for (const lines of rules) {
      expect(lines.at(-1)).toMatch(/^(PASS\.|BOUNCE=policy-violation \(.+\))$/);
      expect(lines.slice(0, -1).every((line) => /^[A-Z][A-Z ]*[:?]/.test(line))).toBe(true);
    }
  });

  it('derives the staff, rooms and upload domains from the customer domain', () => {
    expect(chatDomains('chat.tienda.example')).toEqual({
      customerDomain: 'chat.tienda.example',
      staffDomain: 'staff.chat.tienda.example',
      mucDomain: 'rooms.chat.tienda.example',
      uploadDomain: 'upload.chat.tienda.example',
    });
  });

  it('writes a config with registration only for customers, no federation, and the chosen storage', () => {
    const { config } = createProsodyConfig({ dataDir: '/srv/chat', domain: 'chat.tienda.example', runAsRoot: false, storage: 'sqlite', archiveStorage: 'memory' });
    const customerHost = config.split('VirtualHost "chat.tienda.example"')[1]?.split('VirtualHost')[0] ?? '';
    const staffHost = config.split('VirtualHost "staff.chat.tienda.example"')[1]?.split('Component')[0] ?? '';
    expect(customerHost).toContain('allow_registration = true');
    expect(customerHost).toContain('firewall_scripts = { "/srv/chat/customer-policy.pfw" }');
    expect(staffHost).toContain('allow_registration = false');
    expect(config).not.toContain('anonymous');
    expect(config).toContain('s2s_ports = { }');
    expect(config).toContain('modules_disabled = { "s2s"; "s2s_auth_certs"; "dialback" }');
    expect(config).not.toContain('run_as_root');
    expect(config).toContain('default_storage = "sql"\nsql = { driver = "SQLite3", database = "prosody.sqlite" }');
    expect(config).toContain('storage = { archive = "memory", muc_log = "memory" }');
    expect(config).toContain('Component "rooms.chat.tienda.example" "muc"\n  name = "Conversations"\n  modules_enabled = { "muc_mam"; "muc_pinned_config" }\n  restrict_room_creation = "local"');
  });

  it('keeps the live conversations in memory and collects garbage generationally (the options Prosody reads where they are written)', () => {
    const { config } = createProsodyConfig({ dataDir: '/srv/chat', domain: 'chat.tienda.example', runAsRoot: false });
    const global = config.split('\nVirtualHost ')[0] ?? '';
    const rooms = config.split('Component "rooms.chat.tienda.example" "muc"')[1]?.split('Component')[0] ?? '';
    // `gc` is read from the global section only; `muc_room_cache_size` from the MUC component only.
    expect(global).toMatch(/^gc = \{ mode = "generational" \}$/m);
    expect(rooms).toMatch(/^ {2}muc_room_cache_size = 1000$/m);
    const tuned = createProsodyConfig({ dataDir: '/srv/chat', runAsRoot: false, roomCacheSize: 5_000, gcMode: 'incremental' }).config;
    expect(tuned).toMatch(/^gc = \{ mode = "incremental" \}$/m);
    expect(tuned).toMatch(/^ {2}muc_room_cache_size = 5000$/m);
    // A typo would otherwise leave Prosody on its own defaults, silently slow.
    expect(() => createProsodyConfig({ dataDir: '/srv/chat', gcMode: 'generation' as 'generational' })).toThrow(/gcMode must be/);
    expect(() => createProsodyConfig({ dataDir: '/srv/chat', roomCacheSize: 0 })).toThrow(/roomCacheSize must be a positive integer/);
  });

  it('writes PostgreSQL settings, runs as root when asked, and escapes Lua strings', () => {
    const { config } = createProsodyConfig({
      dataDir: '/tmp/a "quoted" dir',
      runAsRoot: true,
      storage: { driver: 'PostgreSQL', database: 'prosody', username: 'prosody', password: 'p"w\\', host: '127.0.0.1', port: 5432 },
    });
    expect(config).toContain('run_as_root = true');
    expect(config).toContain('data_path = "/tmp/a \\"quoted\\" dir/data"');
    expect(config).toContain('sql = { driver = "PostgreSQL", database = "prosody", username = "prosody", password = "p\\"w\\\\", host = "127.0.0.1", port = 5432 }');
    expect(() => createProsodyConfig({ dataDir: '/tmp/x\ny' })).toThrow(/control character/);
  });
});
