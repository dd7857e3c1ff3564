/** Where background work (sweeper, provider workers) reports problems; never given secrets or message bodies. */
export interface ServerLog {
  info(message: string): void;
  warn(message: string): void;
}

export const silentLog: ServerLog = { info: () => undefined, warn: () => undefined };
