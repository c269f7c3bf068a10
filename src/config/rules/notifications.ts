import { formatPath } from '../paths.js';
import { refusedUrl } from '../webhook-url.js';
import type { Rule } from './rule.js';

/** Webhook URLs carry their secret in the URL: https only (http to loopback for a local receiver). */
export const webhooksUseHttps: Rule = ({ config, pending }) =>
  config.notifications.flatMap((target, index) => {
    if (target.type === 'sns') return [];
    const key = target.type === 'slack' ? 'webhookUrl' : 'url';
    const path = ['notifications', index, key];
    if (pending.has(formatPath(path))) return [];
    const refused = refusedUrl(target.type === 'slack' ? target.webhookUrl : target.url);
    return refused
      ? [{ severity: 'error' as const, path, message: `the URL ${refused}`, hint: 'Use the https URL.' }]
      : [];
  });
