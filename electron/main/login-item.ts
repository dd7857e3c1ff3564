import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';

/**
 * Start at login: Electron's login items on Windows and macOS; on Linux an XDG autostart entry,
 * which Electron does not manage.
 */
export async function applyStartAtLogin(enabled: boolean): Promise<void> {
  if (process.platform === 'win32' || process.platform === 'darwin') {
    app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  const dir = join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart');
  const file = join(dir, 'zapdesk.desktop');
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dir, { recursive: true });
  const exec = process.env.APPIMAGE ?? process.execPath;
  await writeFile(file, `[Desktop Entry]\nType=Application\nName=ZapDesk\nExec="${exec}" --hidden\nX-GNOME-Autostart-enabled=true\n`);
}
