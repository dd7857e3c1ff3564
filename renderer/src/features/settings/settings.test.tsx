// @vitest-environment jsdom
/** Settings (issue 19): each change says "Saved" beside it; quiet-hours times are off while quiet hours are. */
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../../shared/ipc/settings';
import { fakeDesktop, renderWithApp } from '../../testing/fakeDesktop';
import { SettingsScreen } from './SettingsScreen';

configure({ asyncUtilTimeout: 5_000 });

const VALUES: Settings = {
  serverUrl: 'http://127.0.0.1:1', allowInsecureServer: false, language: 'en', notifyLeadMinutes: [15, 5], notifyCustomerReplied: true,
  notifyWindowExpiring: true, notifyAutoClose: true, notifySupervisorAlerts: true, supervisorThresholdMinutes: 30, notificationSound: true,
  quietHoursEnabled: false, quietHoursStart: '22:00', quietHoursEnd: '07:00', closeToTray: true, startAtLogin: false, trustedLinkOrigins: [],
  autoUpdate: true, updateChannel: 'stable', updateUrl: '',
};

describe('settings', () => {
  afterEach(cleanup);

  it('disables the quiet-hours times while quiet hours are off, and says Saved beside what was just changed', async () => {
    let values = { ...VALUES };
    fakeDesktop({
      'settings:get': () => ({ values, managed: [] }),
      'settings:update': (patch) => {
        values = { ...values, ...(patch as Partial<Settings>) };
        return { values, managed: [] };
      },
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsScreen role="agent" />);
    const from = await screen.findByLabelText('From');
    expect(from).toHaveProperty('disabled', true);
    expect(screen.queryByTestId('setting-saved')).toBeNull();

    const quiet = screen.getByTestId('setting-quietHoursEnabled');
    await user.click(within(quiet).getByRole('checkbox'));
    await waitFor(() => expect(within(quiet).getByTestId('setting-saved').textContent).toContain('Saved'));
    expect(screen.getByLabelText('From')).toHaveProperty('disabled', false);
    expect(screen.getAllByTestId('setting-saved')).toHaveLength(1);
  });
});
