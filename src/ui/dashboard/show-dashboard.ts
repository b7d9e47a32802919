import type { Devnet } from '../../../devnet/index.js';
import { devnetDashboardSource } from '../../dev/dashboard-source.js';

/**
 * Renders the live dashboard (ink, loaded only here so `--help` stays fast) until the user quits.
 * `onQuit` is called on `q` or Ctrl-C.
 */
export async function showDashboard(devnet: Devnet, onQuit: () => void): Promise<void> {
  const [{ render }, { createElement }, { Dashboard }] = await Promise.all([
    import('ink'),
    import('react'),
    import('./dashboard.js'),
  ]);
  const source = devnetDashboardSource(devnet);
  const app = render(createElement(Dashboard, { source, onQuit }), { exitOnCtrlC: false });
  await app.waitUntilExit();
  source.close();
}
