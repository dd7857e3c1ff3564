/**
 * The desktop settings: one flat object, so that IT policy (a JSON file, the Windows registry,
 * macOS managed preferences) can set any key by its name. Every key here is documented in the
 * README and in the policy templates under `resources/policy/` (a test keeps them in step).
 */
import { z } from 'zod';

export const Language = z.enum(['en', 'es', 'pt-BR']);
export type Language = z.infer<typeof Language>;

/** An http(s) address with a host and no user name or password (https-only rules: electron/core/security/urls.ts). */
const ServerUrl = z
  .url({ protocol: /^https?$/, hostname: /./ })
  .max(2048)
  .refine((text) => !/^https?:\/\/[^/?#]*@/i.test(text), 'a server address cannot carry a user name or password');

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm (24-hour)');

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const IPV4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ORIGIN = new RegExp(
  `^https://(?:(?:${IPV4_PART}\\.){3}${IPV4_PART}|\\[[0-9a-f:.]+\\]|(\\*\\.)?((?:${LABEL}\\.)*(${LABEL})))(?::([1-9]\\d{0,4}))?$`,
);

/**
 * An entry of `trustedLinkOrigins` as the URL parser writes an origin: `https://host[:port]`,
 * lower case, international names in punycode, no default port, no path; or a wildcard
 * `https://*.example.com[:port]` for the subdomains of a name of at least two labels (never
 * `*.com`). A last label that is a number would make the host an IPv4 address: refused.
 */
export function isTrustedLinkOrigin(text: string): boolean {
  const match = ORIGIN.exec(text);
  if (!match) return false;
  const [, wildcard, domain, lastLabel, port] = match;
  if (port && (Number(port) > 65_535 || port === '443')) return false;
  if (domain === undefined) return !wildcard;
  if (/^(\d+|0x[0-9a-f]*)$/.test(lastLabel!)) return false;
  return !wildcard || domain.includes('.');
}

export const TrustedLinkOrigin = z
  .string()
  .max(300)
  .refine(isTrustedLinkOrigin, 'expected https://host[:port] or https://*.example.com: lower case, punycode, no path');

export const Settings = z.object({
  /** Base URL of the helpdesk server, e.g. `https://helpdesk.example.com` (http only for 127.0.0.1, localhost, ::1). */
  serverUrl: ServerUrl,
  /** IT policy only (labs): allow http:// server addresses on other computers. Off by default. */
  allowInsecureServer: z.boolean(),
  /** `system` follows the operating system's language. */
  language: z.union([Language, z.literal('system')]),
  /** Minutes before a deadline at which an agent is told (window expiry, auto-close). */
  notifyLeadMinutes: z.array(z.number().int().min(1).max(1440)).min(1).max(5),
  notifyCustomerReplied: z.boolean(),
  notifyWindowExpiring: z.boolean(),
  notifyAutoClose: z.boolean(),
  /** Supervisors: team-wide alerts for sessions whose deadline is this close. */
  notifySupervisorAlerts: z.boolean(),
  supervisorThresholdMinutes: z.number().int().min(1).max(1440),
  notificationSound: z.boolean(),
  quietHoursEnabled: z.boolean(),
  quietHoursStart: Clock,
  quietHoursEnd: Clock,
  /** Closing the window keeps the app (and its deadline timers) running in the tray. */
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  /**
   * https links that open in the browser without asking (VS Code's "trusted domains"): exact
   * origins or `https://*.example.com` wildcards. Links to the signed-in server's origin always do.
   */
  trustedLinkOrigins: z.array(TrustedLinkOrigin).max(50),
  /** Check for updates at start and every few hours, download in the background, install on quit. */
  autoUpdate: z.boolean(),
  /** `beta` also takes pre-releases. */
  updateChannel: z.enum(['stable', 'beta']),
  /**
   * IT policy only: an internal mirror of the update feed (https, no credentials); empty for the
   * address built into the installer.
   */
  updateUrl: z.union([z.literal(''), ServerUrl.refine((text) => text.startsWith('https://'), 'updates only over https')]),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(Settings.shape) as SettingKey[];
/** Keys only IT policy sets: `settings:update` refuses them. */
export const POLICY_ONLY_KEYS: readonly SettingKey[] = ['allowInsecureServer', 'updateUrl'];
export const SettingKey = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);

export const DEFAULT_SETTINGS: Omit<Settings, 'serverUrl'> = {
  allowInsecureServer: false,
  language: 'system',
  notifyLeadMinutes: [60, 15, 5],
  notifyCustomerReplied: true,
  notifyWindowExpiring: true,
  notifyAutoClose: true,
  notifySupervisorAlerts: true,
  supervisorThresholdMinutes: 60,
  notificationSound: true,
  quietHoursEnabled: false,
  quietHoursStart: '22:00',
  quietHoursEnd: '07:00',
  closeToTray: true,
  startAtLogin: false,
  trustedLinkOrigins: [],
  autoUpdate: true,
  updateChannel: 'stable',
  updateUrl: '',
};

/** What the Settings screen shows: the effective values and which keys IT policy locks. */
export const SettingsView = z.object({
  values: Settings,
  managed: z.array(SettingKey),
});
export type SettingsView = z.infer<typeof SettingsView>;
