import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { formatDuration, wholeSeconds } from '../../config/duration.js';
import type { DashboardSource, DashboardState } from '../../dev/dashboard-state.js';
import { formatBytes, formatToken, shortId } from '../../util/format.js';

/** The static view of a state (rendered by the live component and by tests). */
export function DashboardView({ state }: { state: DashboardState }) {
  const { epoch } = state;
  const next =
    epoch.nextEpochAtMs === null
      ? ''
      : ` · next in ${formatDuration(wholeSeconds(epoch.nextEpochAtMs - epoch.nowMs))}`;
  return (
    <Box flexDirection="column">
      <Box borderStyle="round" paddingX={1} flexDirection="column">
        <Text>
          <Text bold>walrus devnet</Text> · RPC {state.network.rpcUrl} · faucet {state.network.faucetUrl}
        </Text>
        {state.network.aggregatorUrl ? (
          <Text>
            aggregator/publisher {state.network.aggregatorUrl}
            {state.network.uploadRelayUrl ? ` · upload relay ${state.network.uploadRelayUrl}` : ''}
          </Text>
        ) : null}
        <Text>
          Walrus epoch <Text bold>{epoch.walrus ?? '—'}</Text>
          {next} · checkpoint {epoch.checkpoint} · chain {shortId(state.network.chainId, 8, 0)}
        </Text>
      </Box>
      <Text bold>Nodes</Text>
      {state.nodes.length === 0 ? <Text dimColor> (no storage nodes)</Text> : null}
      {state.nodes.map((node) => (
        <Text key={node.index}>
          {' '}
          {node.index + 1}. <Text color={node.up ? 'green' : 'red'}>{node.up ? '● up  ' : '○ down'}</Text>{' '}
          {node.name.padEnd(10)} {String(node.shards).padStart(4)} shards · stake {formatToken(node.stake)}{' '}
          WAL · {formatBytes(node.storedBytes)}
          {node.lastChallenge ? ` · challenge ${node.lastChallenge}` : ''}
        </Text>
      ))}
      <Text bold>Recent blobs</Text>
      {state.recentBlobs.length === 0 ? <Text dimColor> (none yet)</Text> : null}
      {state.recentBlobs.map((blob) => (
        <Text key={blob.blobId}>
          {' '}
          {shortId(blob.blobId, 10, 4)} {formatBytes(blob.size).padStart(10)} · until epoch {blob.endEpoch} ·{' '}
          {epoch.walrus !== null && blob.endEpoch <= epoch.walrus
            ? 'expired'
            : blob.certified
              ? 'certified'
              : 'registered'}
        </Text>
      ))}
      <Text bold>Recent transactions</Text>
      {state.recentTransactions.length === 0 ? <Text dimColor> (none yet)</Text> : null}
      {state.recentTransactions.map((tx) => (
        <Text key={tx.digest}>
          {' '}
          <Text color={tx.ok ? 'green' : 'red'}>{tx.ok ? '✓' : '✗'}</Text> {shortId(tx.digest, 8, 0)} from{' '}
          {shortId(tx.sender)} {tx.summary}
        </Text>
      ))}
      <Text bold>Accounts</Text>
      {state.accounts.map((account) => (
        <Text key={account.address}>
          {' '}
          ({account.index}) {account.address} {formatToken(account.sui, 'SUI')}
          {account.wal === null ? '' : ` · ${formatToken(account.wal, 'WAL')}`}
        </Text>
      ))}
      <Text dimColor>
        {state.message ? `${state.message} · ` : ''}keys: e advance epoch · 1-9 stop/start node · q quit
      </Text>
    </Box>
  );
}

/** The live dashboard: re-renders on every change and every second (for the epoch countdown). */
export function Dashboard({ source, onQuit }: { source: DashboardSource; onQuit: () => void }) {
  const { exit } = useApp();
  const [state, setState] = useState(source.getState());
  const [message, setMessage] = useState<string | undefined>();
  useEffect(() => {
    const refresh = () => setState(source.getState());
    const unsubscribe = source.subscribe(refresh);
    const timer = setInterval(refresh, 1000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [source]);
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) {
      exit();
      onQuit();
      return;
    }
    const act = (action: Promise<string>) =>
      action.then(setMessage, (error: unknown) => setMessage(`failed: ${(error as Error).message}`));
    if (input === 'e') act(source.advanceEpoch());
    else if (/^[1-9]$/.test(input)) act(source.toggleNode(Number(input) - 1));
  });
  return <DashboardView state={message ? { ...state, message } : state} />;
}
