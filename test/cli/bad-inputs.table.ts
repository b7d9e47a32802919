/**
 * Bad inputs across every command, with the exit code, error code and message (and hint) each must give. One table
 * feeds two tests: test/cli/bad-inputs.e2e.test.ts runs every row through the built binary and checks what the user
 * sees and that nothing was left behind; test/cli/errors-doc.test.ts holds docs/errors.md equal to this table.
 *
 * Messages and hints are templates: `…` stands for a part that varies (ids, paths, numbers); everything else must
 * appear exactly. Arguments in braces (`{object}`) are filled in from the test's fixtures and shown in the doc as
 * the placeholder names below.
 */

/** Where a row runs: against the test's devnet, or in a project with no devnet running. */
export type Where = 'devnet' | 'none';

export interface BadInput {
  /** `walrus` argv; `{name}` is a fixture (see {@link PLACEHOLDERS}). `--json` is added by the test. */
  args: string[];
  where: Where;
  exit: 1 | 2;
  code: string;
  message: string;
  hint: string;
  /** Runs in a project whose walrus.config.json is this (instead of the devnet project's or an empty one). */
  config?: unknown;
  /** The Sui CLI keystore holds a key, so the command has an account to sign with (no-devnet rows). */
  suiKey?: boolean;
}

/** A network nobody serves: nothing listens on port 1. */
const DEAD_NETWORK = {
  networks: { dead: { rpcUrl: 'http://127.0.0.1:1', systemObjectId: '0x1', stakingObjectId: '0x2' } },
};

/** A blob id given to a command that takes a Blob object id: named, with the Blob objects of that blob. */
const blobIdForObjectId = (args: string[]): BadInput => ({
  args,
  where: 'devnet',
  exit: 1,
  code: 'INVALID_ARGUMENTS',
  message:
    '"…" is a blob id; this command takes a Blob object id (0x…). Your Blob objects of this blob: 0x….',
  hint: 'See `walrus blob list` for your Blob objects and their ids.',
});

/** What each fixture is, as the doc shows it. */
export const PLACEHOLDERS: Record<string, string> = {
  file: '<file>',
  dir: '<directory>',
  missing: 'missing.bin',
  out: 'out.bin',
  object: '<blob-object-id>',
  blobId: '<blob-id>',
  permanent: '<permanent-blob-object-id>',
  expiredObject: '<expired-blob-object-id>',
  expiredBlobId: '<expired-blob-id>',
  others: '<someone-else’s-blob-object-id>',
  address: '<address>',
  node: '<node-id>',
  randomId: '0x<64 random hex digits>',
  withdrawing: '<staked-wal-id being withdrawn>',
  stateFile: '<a file>',
};

const HELP = 'Add --help to the command to see its usage.';
const NO_DEVNET = 'No devnet is running for this project.';
const START_DETACHED = 'Start one with `walrus dev up --detach`.';
const START_OR_NETWORK = 'Start one with `walrus dev up --detach`, or pick another network with --network.';
const SEE_BLOBS = 'See `walrus blob list` for your Blob objects.';
const NOT_OBJECT_ID = '"…" is not an object id (0x followed by up to 64 hex digits).';
const COPY_OBJECT_ID = 'Copy the object id from `walrus blob list` or `walrus stake list`.';

export const BAD_INPUTS: BadInput[] = [
  // --- the command line itself
  {
    args: ['nosuch'],
    where: 'none',
    exit: 1,
    code: 'UNKNOWN_COMMAND',
    message: 'Unknown command "walrus nosuch".',
    hint: 'Run "walrus --help" to see the available commands.',
  },
  {
    args: ['blob', 'sotre', '{file}'],
    where: 'none',
    exit: 1,
    code: 'UNKNOWN_COMMAND',
    message: 'Unknown command "walrus blob sotre".',
    hint: 'Did you mean "walrus blob store"?',
  },
  {
    args: ['blob'],
    where: 'none',
    exit: 1,
    code: 'COMMAND_REQUIRED',
    message: '"walrus blob" needs a command.',
    hint: 'Run "walrus blob --help" to see its commands.',
  },
  {
    args: ['blob', 'list', '--bogus'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Nonexistent flag: --bogus',
    hint: HELP,
  },
  {
    args: ['blob', 'list', '--network', 'nowhere'],
    where: 'none',
    exit: 1,
    code: 'UNKNOWN_NETWORK',
    message: 'Unknown network "nowhere".',
    hint: '…devnet, testnet, mainnet…',
  },
  {
    args: ['config', 'show', '--config', 'missing.json'],
    where: 'none',
    exit: 1,
    code: 'CONFIG_NOT_FOUND',
    message: 'Config file not found: …missing.json',
    hint: 'Check the --config path; a relative path is resolved from the working directory.',
  },
  {
    args: ['config', 'show'],
    where: 'none',
    config: { devnet: { nodes: 'four' } },
    exit: 1,
    code: 'CONFIG_INVALID',
    message:
      'Invalid config in …walrus.config.json: devnet.nodes must be an integer between 1 and 64 (got "four")',
    hint: 'Run "walrus config show --help" to see every key, its default and its allowed values.',
  },
  {
    args: ['blob', 'list', '--network', 'testnet'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'No account to sign with.',
    hint: 'Import a key with `walrus account import suiprivkey1…`, or use the devnet, whose accounts are funded.',
  },

  ...[
    ['blob', 'list'],
    ['stake', 'list'],
  ].map(
    (command): BadInput => ({
      args: [...command, '--network', 'dead'],
      where: 'none',
      config: DEAD_NETWORK,
      suiKey: true,
      exit: 2,
      code: 'NETWORK_UNREACHABLE',
      message: 'Could not reach http://127.0.0.1:1.',
      hint: 'Check the RPC URL and your connection; for the local devnet, make sure it is running.',
    }),
  ),

  // --- dev
  {
    args: ['dev', 'up', '--nodes', '99'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--nodes must be an integer between 1 and 64 (got 99).',
    hint: HELP,
  },
  {
    args: ['dev', 'up', '--shards', '2'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--shards must be an integer between 4 and 1000 (got 2).',
    hint: HELP,
  },
  {
    args: ['dev', 'up', '--port', '70000'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--port must be an integer between 0 and 65535 (got 70000).',
    hint: HELP,
  },
  {
    args: ['dev', 'up', '--accounts', '0'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--accounts must be an integer between 1 and 1000 (got 0).',
    hint: HELP,
  },
  {
    args: ['dev', 'up', '--epoch-duration', '50ms'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--epoch-duration must be a duration between 100ms and 24d (got "50ms").',
    hint: 'For example --epoch-duration 30s, 10m or 1h.',
  },
  {
    args: ['dev', 'up', '--epoch-duration', 'soon'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--epoch-duration must be a duration between 100ms and 24d (got "soon").',
    hint: 'For example --epoch-duration 30s, 10m or 1h.',
  },
  {
    args: ['dev', 'chaos', '--seed', 'abc'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--seed must be an integer from 0 to 4294967295 (got "abc").',
    hint: 'For example --seed 42, or leave it out for a random seed.',
  },
  {
    args: ['dev', 'chaos', '--duration', '5s'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--duration must be a duration from 10s to 24h (got "5s").',
    hint: 'For example --duration 90s or --duration 10m.',
  },
  {
    args: ['dev', 'chaos', '--faults', 'kill,explode'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--faults: "explode" is not a fault.',
    hint: 'Pick from kill,stop,wipe,corrupt,slow,lose,stake, e.g. --faults kill,wipe.',
  },
  {
    args: ['dev', 'up', '--node-process', 'thread'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Expected --node-process=thread to be one of: in-process, child',
    hint: HELP,
  },
  {
    args: ['dev', 'up', '--state-dir', '{stateFile}'],
    where: 'none',
    exit: 1,
    code: 'FILE_SYSTEM_ERROR',
    message: 'Cannot use …: … is a file, not a directory.',
    hint: 'Give a path whose parent folders are directories.',
  },
  {
    args: ['dev', 'up'],
    where: 'devnet',
    exit: 1,
    code: 'DEVNET_ALREADY_RUNNING',
    message: 'A devnet is already running (pid …, http://127.0.0.1:…).',
    hint: 'Use it, or stop it first with `walrus dev down`.',
  },
  {
    // 500ms passes the check (README and config allow 100ms); the refusal is the running devnet.
    args: ['dev', 'up', '--epoch-duration', '500ms'],
    where: 'devnet',
    exit: 1,
    code: 'DEVNET_ALREADY_RUNNING',
    message: 'A devnet is already running (pid …, http://127.0.0.1:…).',
    hint: 'Use it, or stop it first with `walrus dev down`.',
  },
  {
    args: ['dev', 'reset'],
    where: 'devnet',
    exit: 1,
    code: 'DEVNET_ALREADY_RUNNING',
    message: 'The devnet is running (pid …); its state is in use.',
    hint: 'Stop it with `walrus dev down`, then run `walrus dev reset` (or `walrus dev up --fresh`, which resets and starts).',
  },
  {
    args: ['dev', 'down'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: NO_DEVNET,
    hint: 'Start one with `walrus dev up`.',
  },
  {
    args: ['dev', 'status'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: NO_DEVNET,
    hint: 'Start one with `walrus dev up`.',
  },
  {
    args: ['dev', 'logs'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: 'No devnet log at …devnet.log.',
    hint: 'The log is written by `walrus dev up`; start a devnet first.',
  },
  {
    args: ['dev', 'logs', '-n', '0'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--lines must be an integer of at least 1 (got 0).',
    hint: HELP,
  },

  // --- epoch and node
  {
    args: ['epoch', 'info'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: NO_DEVNET,
    hint: START_DETACHED,
  },
  {
    args: ['epoch', 'info', '--network', 'testnet'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'This command controls the local devnet only (got --network testnet).',
    hint: 'Drop --network (or pass --network devnet); on testnet and mainnet use the blob and stake commands.',
  },
  {
    args: ['epoch', 'advance', '--count', '0'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--count must be an integer between 1 and 100 (got 0).',
    hint: HELP,
  },
  {
    args: ['epoch', 'advance', '--count', 'two'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--count must be an integer between 1 and 100 (got two).',
    hint: HELP,
  },
  {
    args: ['node', 'list'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: NO_DEVNET,
    hint: START_DETACHED,
  },
  {
    args: ['node', 'stop', '9'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'No storage node "9"; the devnet has 4 (indices 0–3).',
    hint: 'See `walrus node list`.',
  },
  {
    args: ['node', 'wipe', '0x1234'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'No storage node "0x1234"; the devnet has 4 (indices 0–3).',
    hint: 'See `walrus node list`.',
  },
  {
    args: ['node', 'corrupt', 'first'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'No storage node "first"; the devnet has 4 (indices 0–3).',
    hint: 'See `walrus node list`.',
  },
  {
    args: ['node', 'start'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Missing 1 required arg:\nnode  Node index (0-based, see `walrus node list`) or node id.',
    hint: HELP,
  },

  // --- blob store, id, read, status
  {
    args: ['blob', 'store', '{missing}'],
    where: 'devnet',
    exit: 1,
    code: 'FILE_NOT_FOUND',
    message: 'No such file: missing.bin',
    hint: 'Check the path; a relative path starts from the working directory.',
  },
  {
    args: ['blob', 'store', '{dir}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '… is a directory; store files one by one (a shell glob works: dir/*).',
    hint: 'For example: walrus blob store somedir/*',
  },
  {
    args: ['blob', 'store', '{file}', '--epochs', '0'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--epochs must be between 1 and … (got 0).',
    hint: 'Use --epochs max to store as long as the system allows.',
  },
  {
    args: ['blob', 'store', '{file}', '--epochs', '9999'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--epochs must be between 1 and … (got 9999).',
    hint: 'Use --epochs max to store as long as the system allows.',
  },
  {
    args: ['blob', 'store', '{file}', '--epochs', 'forever'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--epochs must be a whole number or "max" (got "forever").',
    hint: 'For example --epochs 5, or --epochs max.',
  },
  {
    args: ['blob', 'store', '{file}', '--permanent', '--deletable'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--… and --… cannot be used together.',
    hint: 'Pass one of them.',
  },
  {
    args: ['blob', 'store', '{file}'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: NO_DEVNET,
    hint: START_OR_NETWORK,
  },
  {
    args: ['blob', 'id', '{missing}'],
    where: 'none',
    exit: 1,
    code: 'FILE_NOT_FOUND',
    message: 'No such file: missing.bin',
    hint: 'Check the path; a relative path starts from the working directory.',
  },
  {
    args: ['blob', 'id', '{file}', '--shards', '2'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--shards must be an integer between 4 and 1000 (got 2).',
    hint: HELP,
  },
  {
    args: ['blob', 'store', '{file}', '--encrypt'],
    where: 'devnet',
    exit: 1,
    code: 'ENCRYPTION_KEY_INVALID',
    message: 'No encryption key: give --key-file <file> or set WALRUS_ENCRYPTION_KEY.',
    hint: 'Make one with `walrus blob key <file>` and pass --key-file <file>, or set WALRUS_ENCRYPTION_KEY to 64 hex digits (e.g. `openssl rand -hex 32`).',
  },
  {
    args: ['blob', 'store', '{file}', '--encrypt', '--key-file', '{file}'],
    where: 'devnet',
    exit: 1,
    code: 'ENCRYPTION_KEY_INVALID',
    message:
      'The key file … does not hold a 32-byte key (it has … bytes: neither 32 raw bytes nor 64 hex digits nor base64 of 32 bytes).',
    hint: 'Make one with `walrus blob key <file>` and pass --key-file <file>, or set WALRUS_ENCRYPTION_KEY to 64 hex digits (e.g. `openssl rand -hex 32`).',
  },
  {
    args: ['blob', 'read', '{blobId}', '--decrypt', '--key-file', '{missing}', '-o', '{out}'],
    where: 'devnet',
    exit: 1,
    code: 'FILE_NOT_FOUND',
    message: 'Cannot read the key file missing.bin: no such regular file.',
    hint: 'Check the path, or make a key: walrus blob key missing.bin',
  },
  {
    args: ['blob', 'key', '{file}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message:
      '… already exists; refusing to replace it (blobs encrypted with a key in it would become unreadable).',
    hint: 'Give a new file name, or remove the old file yourself if you are sure.',
  },
  {
    args: ['blob', 'read', 'not-a-blob-id', '-o', '{out}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '"not-a-blob-id" is not a blob id.',
    hint: 'A blob id is 43 characters of URL-safe base64, e.g. as printed by `walrus blob store`.',
  },
  {
    args: ['blob', 'read', '{blobId}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--json needs -o <file>: standard output carries the JSON document.',
    hint: 'Add -o <file>, or drop --json and redirect: walrus blob read <id> > file',
  },
  {
    args: ['blob', 'read', '{blobId}', '-o', '/nonexistent/x'],
    where: 'devnet',
    exit: 1,
    code: 'FILE_NOT_FOUND',
    message: 'Cannot write /nonexistent/x: the directory /nonexistent does not exist.',
    hint: 'Create it first (mkdir -p /nonexistent), or give another path.',
  },
  {
    args: ['blob', 'read', '{blobId}', '-o', '{file}/x'],
    where: 'devnet',
    exit: 1,
    code: 'WRITE_FAILED',
    message: 'Cannot write …/x: … is not a directory.',
    hint: 'Give a path whose parent folders are directories.',
  },
  {
    args: ['blob', 'read', '{expiredBlobId}', '-o', '{out}'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_FOUND',
    message:
      'Blob … has expired: its storage ended when epoch … began (about … UTC), and the storage nodes dropped it.',
    hint: 'Store the file again with `walrus blob store`; `walrus blob burn 0x…` drops the expired object.',
  },
  {
    args: ['blob', 'read', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '-o', '{out}'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_FOUND',
    message: 'Blob AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA does not exist or is not certified.',
    hint: 'Check the id, or its status: walrus blob status AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  },
  {
    args: ['blob', 'status'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Pass a blob id or --file <path>.',
    hint: 'For example: walrus blob status --file ./asset.glb',
  },
  {
    args: ['blob', 'status', '0x1234'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '"0x1234" is not a blob id.',
    hint: 'A blob id is 43 characters of URL-safe base64, e.g. as printed by `walrus blob store`.',
  },
  {
    args: ['blob', 'status', '--file', '{missing}'],
    where: 'devnet',
    exit: 1,
    code: 'FILE_NOT_FOUND',
    message: 'No such file: missing.bin',
    hint: 'Check the path; a relative path starts from the working directory.',
  },

  // --- blob extend, delete, burn, transfer
  {
    args: ['blob', 'extend', '{object}', '--epochs', '9999'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message:
      '--epochs 9999 is too many: storage is sold at most … epochs ahead, and blob object … is stored until epoch … (now epoch …), so it can be extended by at most … epochs.',
    hint: 'Use --epochs … or fewer.',
  },
  {
    args: ['blob', 'extend', '{object}', '--epochs', '0'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--epochs must be an integer of at least 1 (got 0).',
    hint: HELP,
  },
  {
    args: ['blob', 'extend', '{object}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--epochs is required: Epochs to add.',
    hint: HELP,
  },
  {
    args: ['blob', 'extend', '0x1234', '--epochs', '1'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_FOUND',
    message: 'Object 0x…1234 does not exist (or was deleted).',
    hint: SEE_BLOBS,
  },
  {
    args: ['blob', 'extend', '{others}', '--epochs', '1'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_OWNER',
    message: 'Blob object … belongs to …, not to ….',
    hint: 'Choose its owner with `walrus account use <address>`.',
  },
  {
    args: ['blob', 'extend', '{expiredObject}', '--epochs', '1'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Blob object … expired at epoch …; it cannot be extended.',
    hint: 'Store the file again with `walrus blob store`; `walrus blob burn` drops the expired object.',
  },
  blobIdForObjectId(['blob', 'extend', '{blobId}', '--epochs', '1']),
  {
    args: ['blob', 'extend', 'nothex', '--epochs', '1'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: NOT_OBJECT_ID,
    hint: COPY_OBJECT_ID,
  },
  blobIdForObjectId(['blob', 'delete', '{blobId}']),
  {
    args: ['blob', 'delete', '{permanent}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Blob object … is permanent; only deletable blobs can be deleted.',
    hint: 'A permanent blob stays until its storage ends; `walrus blob burn` drops the object without deleting the data.',
  },
  {
    args: ['blob', 'delete', '{node}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Object … is a …::staking_pool::StakingPool, not a Walrus Blob.',
    hint: SEE_BLOBS,
  },
  {
    args: ['blob', 'burn'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Name the Blob objects to burn, or pass --all-expired.',
    hint: 'For example: walrus blob burn 0x5f…, or walrus blob burn --all-expired',
  },
  {
    args: ['blob', 'burn', '{object}', '--all-expired'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Pass either Blob object ids or --all-expired, not both (got … and --all-expired).',
    hint: 'Burn the named objects with `walrus blob burn <object-id…>`, or every expired one with `walrus blob burn --all-expired`.',
  },
  {
    args: ['blob', 'burn', '{object}', '0x1234'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_FOUND',
    message: 'Object 0x…1234 does not exist (or was deleted).',
    hint: SEE_BLOBS,
  },
  {
    args: ['blob', 'transfer', '{object}', 'nothex'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '"nothex" is not an address.',
    hint: 'An address is 0x followed by up to 64 hex digits; `walrus account list` shows yours.',
  },
  {
    args: ['blob', 'transfer', '{others}', '{address}'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_OWNER',
    message: 'Blob object … belongs to …, not to ….',
    hint: 'Choose its owner with `walrus account use <address>`.',
  },

  // --- stake
  {
    args: ['stake', 'add', '--node', '{randomId}', '--amount', '1'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_FOUND',
    message: '--node 0x…: no storage node has this id on devnet.',
    hint: 'Pass a node index or id from `walrus node list`.',
  },
  {
    args: ['stake', 'add', '--node', '9', '--amount', '1'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'No storage node "9"; the devnet has 4 (indices 0–3).',
    hint: 'See `walrus node list`.',
  },
  {
    args: ['stake', 'add', '--node', 'nothex', '--amount', '1'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: NOT_OBJECT_ID,
    hint: COPY_OBJECT_ID,
  },
  {
    args: ['stake', 'add', '--node', '0', '--amount', '0.5'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--amount 0.5: the smallest stake is 1 WAL.',
    hint: 'Stake at least 1 WAL, e.g. --amount 1.',
  },
  {
    args: ['stake', 'add', '--node', '0', '--amount', 'lots'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--amount "lots" is not a WAL amount: a decimal number with at most 9 decimals, e.g. 10 or 2.5.',
    hint: 'For example --amount 10 or --amount 2.5.',
  },
  {
    args: ['stake', 'add', '--node', '0', '--amount', '99999999999'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--amount 99999999999 is more WAL than can exist: at most 18,446,744,073.709551615 WAL.',
    hint: 'Pass a smaller amount, e.g. --amount 10.',
  },
  {
    args: ['stake', 'add', '--node', '0', '--amount', '5000'],
    where: 'devnet',
    exit: 1,
    code: 'INSUFFICIENT_FUNDS',
    message: 'Not enough WAL to stake 5,000 WAL: it needs 5,000 WAL and 0x… has … WAL.',
    hint: 'Get WAL with `walrus account fund 0x… --wal …`.',
  },
  {
    args: ['stake', 'add', '--amount', '1'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message:
      '--node is required: Node id (its staking pool id), or on the devnet its index as in `walrus node list`.',
    hint: HELP,
  },
  {
    args: ['stake', 'withdraw', '0x1234'],
    where: 'devnet',
    exit: 1,
    code: 'NOT_FOUND',
    message: 'No StakedWal 0x…1234 owned by 0x….',
    hint: 'See `walrus stake list`.',
  },
  {
    args: ['stake', 'withdraw', '{withdrawing}'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Stake … can be withdrawn from epoch ….',
    hint: 'Wait for that epoch (on the devnet: `walrus epoch advance`).',
  },
  {
    args: ['stake', 'withdraw', 'nothex'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: NOT_OBJECT_ID,
    hint: COPY_OBJECT_ID,
  },

  // --- account
  {
    args: ['account', 'use', '7'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'The devnet has 2 accounts (indices 0–1); there is no account 7.',
    hint: 'See `walrus account list`.',
  },
  {
    args: ['account', 'use', '3'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: 'Account 3 is a devnet account index, but no devnet is running for this project.',
    hint: 'Start it with `walrus dev up --detach`, or pass the address of an imported key (see `walrus account list`).',
  },
  {
    args: ['account', 'use', '0x1234'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'No key is known for the address "0x1234".',
    hint: 'Import its key with `walrus account import --stdin`, or see `walrus account list`.',
  },
  {
    args: ['account', 'fund', 'nothex'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '"nothex" is not a Sui address.',
    hint: 'An address is 0x followed by up to 64 hex digits; `walrus account list` shows the devnet accounts.',
  },
  {
    args: ['account', 'fund', '{address}', '--wal', 'plenty'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--wal "plenty" is not a WAL amount: a decimal number with at most 9 decimals, e.g. 10 or 2.5.',
    hint: 'For example --wal 10 or --wal 2.5.',
  },
  {
    args: ['account', 'fund', '{address}', '--wal', '99999999999'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--wal 99999999999 is more WAL than can exist: at most 18,446,744,073.709551615 WAL.',
    hint: 'Pass a smaller amount, e.g. --wal 10.',
  },
  {
    args: ['account', 'fund', '{address}', '--wal', '2000000'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--wal 2000000 must be between 1 FROST and 1,000,000 WAL',
    hint: 'Send less per command (run it again for more).',
  },
  {
    args: ['account', 'fund', '{address}', '--wal'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--wal needs a value: Send this much WAL, e.g. 100 or 2.5.',
    hint: HELP,
  },
  {
    args: ['account', 'fund', '{address}', '--times', '0'],
    where: 'devnet',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '--times must be an integer between 1 and 100 (got 0).',
    hint: HELP,
  },
  {
    args: ['account', 'fund', '{address}'],
    where: 'none',
    exit: 1,
    code: 'DEVNET_NOT_RUNNING',
    message: NO_DEVNET,
    hint: START_OR_NETWORK,
  },
  {
    args: ['account', 'fund', '{address}', '--network', 'testnet'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'There is no faucet walrus-devkit can use on testnet.',
    hint: 'Fund testnet addresses at https://faucet.sui.io; mainnet has no faucet.',
  },
  {
    args: ['account', 'import', 'notakey'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Not a Sui private key: expected the `suiprivkey1…` export form.',
    hint: 'Export one with `sui keytool export --key-identity <address>`.',
  },
  {
    args: ['account', 'import'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'Nothing to import: pass a key, --stdin or --keystore [path].',
    hint: 'For example: echo suiprivkey1… | walrus account import --stdin',
  },
  {
    args: ['account', 'import', '--keystore'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: 'No Sui keystore at …sui.keystore.',
    hint: 'Pass the keystore file: `walrus account import --keystore <path>` (the Sui CLI keeps it in $SUI_CONFIG_DIR/sui.keystore).',
  },
  {
    args: ['account', 'import', '--keystore', '{file}'],
    where: 'none',
    exit: 1,
    code: 'INVALID_ARGUMENTS',
    message: '… is not a Sui keystore (a JSON array of keys).',
    hint: 'Pass the keystore file: `walrus account import --keystore <path>` (the Sui CLI keeps it in $SUI_CONFIG_DIR/sui.keystore).',
  },
];

/** The argv of a row as the doc shows it: fixtures by their placeholder names. */
export function displayInput(row: BadInput): string {
  return `walrus ${row.args.map((arg) => arg.replace(/\{(\w+)\}/g, (_, name: string) => PLACEHOLDERS[name] ?? name)).join(' ')}`;
}

/** True when `actual` is `template` with each `…` standing for any text (possibly empty). */
export function matchesTemplate(template: string, actual: string): boolean {
  const pattern = template
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(actual);
}

const cell = (text: string) => text.replace(/\n+/g, ' ').replace(/\|/g, '\\|');

/** docs/errors.md, rendered from the table. */
export function renderErrorsDoc(rows: readonly BadInput[] = BAD_INPUTS): string {
  const lines = [
    '# Errors: what bad input gets you',
    '',
    `Every row is run by \`test/cli/bad-inputs.e2e.test.ts\` against the built CLI (the table is in`,
    '`test/cli/bad-inputs.table.ts`; `test/cli/errors-doc.test.ts` fails when this page and the table differ:',
    'regenerate it with `UPDATE_ERRORS_DOC=1 npx vitest run test/cli/errors-doc.test.ts`). Each error exits with the',
    'code shown (1: your input or state, 2: the network), names what was wrong and what to do, prints no stack trace',
    '(`--verbose` adds it), and leaves nothing behind: no file, no transaction, no change of balance or account.',
    'With `--json` the same error is `{"error":{"code","message","hint"}}` on stdout. `…` stands for what varies.',
    '',
    '"devnet" rows run against a running devnet; "none" rows in a project with no devnet running.',
    '',
    '| command | input | devnet | exit | code | message | hint |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const command = row.args
      .filter((a) => /^[a-z]+$/.test(a))
      .slice(0, 2)
      .join(' ');
    lines.push(
      `| ${cell(command)} | \`${cell(displayInput(row))}\` | ${row.where} | ${row.exit} | ${row.code} | ${cell(row.message)} | ${cell(row.hint)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
