/** Node flags for a process that may use `cores` CPUs (see gc-flags.js). */
export function gcFlagsFor(cores: number): string[];
