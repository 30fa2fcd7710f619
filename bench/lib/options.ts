/**
 * The bench's settings. Defaults are sized for a 2-core machine; `--quick` is a sanity pass of
 * a minute or two. Every list can be overridden, e.g. `npm run bench -- --clients 100,1000 --rates 50`.
 */
export interface BenchOptions {
  quick: boolean;
  scenarios: Set<string>;
  /** S1 room sizes and post rates (posts/s). */
  clients: number[];
  rates: number[];
  /** Posting time per S1 cell, and how long to wait for stragglers after the last post. */
  durationMs: number;
  drainMs: number;
  /** S1 sustainable-throughput search: room size and the post rates tried in turn. */
  searchClients: number;
  searchRates: number[];
  searchDurationMs: number;
  /** The latency objective a cell must meet to count as sustainable (p99, ms). */
  sloMs: number;
  /** S2 (hotseat vote storm): clients watching and voting, votes/s, voting time, open questions, observers that parse their frames. */
  s2Clients: number;
  s2Rate: number;
  s2DurationMs: number;
  s2Questions: number;
  s2Observers: number;
  /** S3: concurrent posters, and time per level. */
  s3Concurrency: number[];
  s3DurationMs: number;
  /** S4: clients (split over the two processes) and post rate. */
  s4Clients: number;
  s4Rate: number;
  /** S5: threads in the course, sequential launches, concurrent launches (and how many at once), page renders. */
  s5Threads: number;
  s5Launches: number;
  s5ConcurrentLaunches: number;
  s5LaunchConcurrency: number;
  s5Renders: number;
  /** D1: the discussion room of a large course (issue 3). */
  d1Threads: number;
  d1RepliesPerThread: number;
  d1Renders: number;
  /** Posters the load generator rotates over (people who launched and post). */
  posters: number;
  /** Cores: the server(s) and Redis on one, the load generator on the other. */
  serverCore: number;
  generatorCore: number;
  /** A run is invalid when the generator's own CPU or event-loop delay passes these. */
  generatorCpuLimitPct: number;
  generatorEldLimitMs: number;
  /** `nice -n` for the bench's processes (e.g. -5 on a shared machine; negative needs root). */
  nice: number;
  outDir: string;
  verbose: boolean;
}

const FULL: Omit<BenchOptions, 'quick' | 'scenarios' | 'outDir' | 'verbose'> = {
  clients: [100, 500, 1000, 2000],
  rates: [10, 50, 100],
  durationMs: 5000,
  drainMs: 3000,
  searchClients: 1000,
  searchRates: [50, 75, 100, 150, 200, 300, 400, 600],
  searchDurationMs: 3000,
  sloMs: 50,
  s2Clients: 1000,
  s2Rate: 200,
  s2DurationMs: 20_000,
  s2Questions: 40,
  s2Observers: 50,
  s3Concurrency: [1, 4, 16],
  s3DurationMs: 4000,
  s4Clients: 500,
  s4Rate: 20,
  s5Threads: 10_000,
  s5Launches: 100,
  s5ConcurrentLaunches: 200,
  s5LaunchConcurrency: 4,
  s5Renders: 200,
  d1Threads: 10_000,
  d1RepliesPerThread: 10,
  d1Renders: 200,
  posters: 40,
  serverCore: 0,
  generatorCore: 1,
  generatorCpuLimitPct: 90,
  generatorEldLimitMs: 25,
  nice: 0,
};

const QUICK: Partial<BenchOptions> = {
  clients: [50, 200],
  rates: [10, 50],
  durationMs: 1500,
  drainMs: 2000,
  searchClients: 200,
  searchRates: [50, 100, 200, 400],
  searchDurationMs: 1500,
  s2Clients: 200,
  s2Rate: 100,
  s2DurationMs: 3000,
  s2Questions: 20,
  s2Observers: 20,
  s3Concurrency: [1, 8],
  s3DurationMs: 1500,
  s4Clients: 100,
  s4Rate: 20,
  s5Threads: 1000,
  s5Launches: 20,
  s5ConcurrentLaunches: 20,
  s5Renders: 30,
  d1Threads: 1_000,
  d1RepliesPerThread: 10,
  d1Renders: 30,
  posters: 20,
};

const numbers = (value: string) => value.split(',').map((v) => Number(v.trim())).filter((v) => Number.isFinite(v) && v > 0);

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg} (see bench/README.md)`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(name, argv[++i]!);
    // (so `--nice -5` works: only `--` starts a flag)
    else flags.set(name, 'true');
  }
  const quick = flags.get('quick') === 'true';
  const options: BenchOptions = {
    ...FULL,
    ...(quick ? QUICK : {}),
    quick,
    scenarios: new Set((flags.get('only') ?? 'S1,S2,S3,S4,S5,D1').split(',').map((s) => s.trim().toUpperCase())),
    outDir: flags.get('out') ?? 'bench/results',
    verbose: flags.get('verbose') === 'true',
  };
  const lists: Array<[string, 'clients' | 'rates' | 'searchRates' | 's3Concurrency']> = [
    ['clients', 'clients'], ['rates', 'rates'], ['search-rates', 'searchRates'], ['s3-concurrency', 's3Concurrency'],
  ];
  for (const [flag, key] of lists) if (flags.has(flag)) options[key] = numbers(flags.get(flag)!);
  const scalars: Array<[string, keyof BenchOptions]> = [
    ['duration', 'durationMs'], ['drain', 'drainMs'], ['search-clients', 'searchClients'], ['search-duration', 'searchDurationMs'],
    ['slo', 'sloMs'], ['s2-clients', 's2Clients'], ['s2-rate', 's2Rate'], ['s2-duration', 's2DurationMs'], ['s2-questions', 's2Questions'],
    ['s2-observers', 's2Observers'], ['s3-duration', 's3DurationMs'], ['s4-clients', 's4Clients'], ['s4-rate', 's4Rate'],
    ['s5-threads', 's5Threads'], ['s5-launches', 's5Launches'], ['s5-concurrent-launches', 's5ConcurrentLaunches'],
    ['s5-launch-concurrency', 's5LaunchConcurrency'], ['s5-renders', 's5Renders'], ['posters', 'posters'],
    ['server-core', 'serverCore'], ['generator-core', 'generatorCore'], ['nice', 'nice'],
  ];
  for (const [flag, key] of scalars) {
    if (!flags.has(flag)) continue;
    const value = Number(flags.get(flag));
    if (!Number.isFinite(value) || (value < 0 && flag !== 'nice')) throw new Error(`--${flag} takes a number`);
    (options as unknown as Record<string, number>)[key] = value;
  }
  const known = new Set(['quick', 'only', 'out', 'verbose', ...lists.map(([f]) => f), ...scalars.map(([f]) => f)]);
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`unknown option --${name} (see bench/README.md)`);
  return options;
}
