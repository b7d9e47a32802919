import { Box, Text, useApp, useInput } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';
import { formatDuration, wholeSeconds } from '../../config/duration.js';
import type { DashboardNode, DashboardSource, DashboardState } from '../../dev/dashboard-state.js';
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
      <ListSection title="Nodes" empty="(no storage nodes)" rows={state.nodes.map(nodeLine)} />
      <ListSection
        title="Recent blobs"
        empty="(none yet)"
        rows={state.recentBlobs.map((blob) => blobLine(blob, epoch.walrus))}
      />
      <ListSection
        title="Recent transactions"
        empty="(none yet)"
        rows={state.recentTransactions.map(txLine)}
      />
      <ListSection title="Accounts" rows={state.accounts.map(accountLine)} />
      <Text dimColor>
        {state.message ? `${state.message} · ` : ''}keys: e advance epoch · 1-9 stop/start node · q quit
      </Text>
    </Box>
  );
}

/** A titled list, a line a row; `empty` (if given) is shown when there are no rows. */
function ListSection({ title, empty, rows }: { title: string; empty?: string; rows: ReactNode[] }) {
  return (
    <>
      <Text bold>{title}</Text>
      {rows.length === 0 && empty ? <Text dimColor> {empty}</Text> : null}
      {rows}
    </>
  );
}

/** One row of a {@link ListSection}, indented by a space. */
function Row({ children }: { children: ReactNode }) {
  return <Text> {children}</Text>;
}

function nodeLine(node: DashboardNode) {
  return (
    <Row key={node.index}>
      {node.index + 1}. <Text color={node.up ? 'green' : 'red'}>{node.up ? '● up  ' : '○ down'}</Text>{' '}
      {node.name.padEnd(10)} {String(node.shards).padStart(4)} shards · stake {formatToken(node.stake)} WAL ·{' '}
      {formatBytes(node.storedBytes)}
      {node.lastChallenge ? ` · challenge ${node.lastChallenge}` : ''}
    </Row>
  );
}

function blobLine(blob: DashboardState['recentBlobs'][number], walrusEpoch: number | null) {
  const status =
    walrusEpoch !== null && blob.endEpoch <= walrusEpoch
      ? 'expired'
      : blob.certified
        ? 'certified'
        : 'registered';
  return (
    <Row key={blob.blobId}>
      {shortId(blob.blobId, 10, 4)} {formatBytes(blob.size).padStart(10)} · until epoch {blob.endEpoch} ·{' '}
      {status}
    </Row>
  );
}

function txLine(tx: DashboardState['recentTransactions'][number]) {
  return (
    <Row key={tx.digest}>
      <Text color={tx.ok ? 'green' : 'red'}>{tx.ok ? '✓' : '✗'}</Text> {shortId(tx.digest, 8, 0)} from{' '}
      {shortId(tx.sender)} {tx.summary}
    </Row>
  );
}

function accountLine(account: DashboardState['accounts'][number]) {
  return (
    <Row key={account.address}>
      ({account.index}) {account.address} {formatToken(account.sui, 'SUI')}
      {account.wal === null ? '' : ` · ${formatToken(account.wal, 'WAL')}`}
    </Row>
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
