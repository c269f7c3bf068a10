import { functionKey } from './conflicts.js';
import { isEnvironmentVariable } from './environments.js';
import type { ScanResult } from './scan.js';
import type { Finding, Location } from './types.js';

/** One configuration setting's evidence in one layer (the master file, or an environment's). */
export interface SettingValues {
  path: string[];
  /** Each distinct value with where the scripts write or use it. */
  values: Map<string, Location[]>;
  /** The script's own form, when a template was turned into `${environment}`. */
  templates: Set<string>;
}

/** Settings by layer: '' for the master file, else the environment's name. */
export type DraftSettings = Map<string, Map<string, SettingValues>>;

const REFERENCE = /\$\{([^}:]{1,120})(?::-[^}]{0,200})?\}/g;

/** A function's key under backend.functions: its name without project and environment words. */
export function functionKeyOf(name: string, project: string): string {
  let key = functionKey(name);
  if (key.startsWith(`${project}-`) && key.length > project.length + 1) key = key.slice(project.length + 1);
  key = key.replace(/[^a-zA-Z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-zA-Z]/.test(key) ? key.slice(0, 60) : `fn-${key}`.replace(/-$/, '') || 'api';
}

/** Where a finding goes in the configuration, and the value written there; undefined when omnix has no such setting. */
function placement(finding: Finding, project: string): Array<{ path: string[]; value: string }> {
  const { kind, value, role } = finding;
  switch (kind) {
    case 'bucket':
      if (role === 'artifact') return [{ path: ['backend', 'artifactBucket'], value }];
      return role === 'site' ? [{ path: ['frontend', 'bucket'], value }] : [];
    case 'distribution-id':
      return [{ path: ['frontend', 'distributionId'], value }];
    case 'domain':
      return [
        { path: role === 'api' ? ['backend', 'api', 'url'] : ['frontend', 'url'], value: `https://${value}` },
      ];
    case 'function-name':
    case 'function-arn': {
      const name = value.replace(/^.*:function:/, '');
      return [{ path: ['backend', 'functions', functionKeyOf(name, project), 'name'], value: name }];
    }
    case 'api-id':
      return [{ path: ['backend', 'api', 'id'], value }];
    case 'stage':
      return [{ path: ['backend', 'api', 'stage'], value }];
    case 'api-url': {
      const match = /^https?:\/\/([a-z0-9]{10})\.execute-api\.[^/]+(?:\/([A-Za-z0-9_-]+))?/.exec(value);
      if (!match) return [];
      const out = [{ path: ['backend', 'api', 'id'], value: match[1]! }];
      if (match[2]) out.push({ path: ['backend', 'api', 'stage'], value: match[2] });
      return out;
    }
    case 'region':
      return role === 'global' ? [] : [{ path: ['aws', 'region'], value }];
    case 'account-id':
      return [{ path: ['aws', 'accountId'], value }];
    case 'profile':
      return [{ path: ['aws', 'profile'], value }];
    default:
      return [];
  }
}

/** `shop-web-${ENV}` → `shop-web-${environment}`; undefined when a part is not the environment. */
export function asConfigTemplate(value: string): string | undefined {
  let unknown = false;
  const converted = value.replace(REFERENCE, (_all, name: string) => {
    if (isEnvironmentVariable(name)) return '${environment}';
    unknown = true;
    return '';
  });
  return unknown ? undefined : converted;
}

/** Every finding that omnix has a setting for, grouped by layer and setting. */
export function collectSettings(scan: ScanResult): DraftSettings {
  const layers: DraftSettings = new Map();
  for (const finding of scan.findings) {
    for (const { path, value } of placement(finding, scan.project)) {
      const layer = finding.environment?.name ?? '';
      const settings = layers.get(layer) ?? new Map<string, SettingValues>();
      layers.set(layer, settings);
      const key = path.join('.');
      const setting = settings.get(key) ?? { path, values: new Map(), templates: new Set() };
      settings.set(key, setting);
      let written = value;
      if (finding.template) {
        const converted = asConfigTemplate(value);
        setting.templates.add(value);
        if (converted === undefined) continue;
        written = converted;
      }
      const locations = setting.values.get(written) ?? [];
      locations.push({ file: finding.file, line: finding.line }, ...finding.uses);
      setting.values.set(written, locations);
    }
  }
  return layers;
}
