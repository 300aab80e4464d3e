import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';

/**
 * A throttle-group's configuration as QEMU 7.2 builds it (util/throttle.c, block/throttle-groups.c):
 * six leaky buckets and an I/O size, set property by property, then validated.
 */
interface Bucket {
  avg: number;
  max: number;
  burst: number;
}

const BUCKETS = ['bps-total', 'bps-read', 'bps-write', 'iops-total', 'iops-read', 'iops-write'] as const;
const THROTTLE_VALUE_MAX = 1e15;
const UINT_MAX = 4294967295;

export interface ThrottleConfig {
  buckets: Bucket[];
  opSize: number;
}

/** throttle_config_init: nothing limited, burst length 1. */
function newThrottleConfig(): ThrottleConfig {
  return { buckets: BUCKETS.map(() => ({ avg: 0, max: 0, burst: 1 })), opSize: 0 };
}

/** A QAPI int64 stored in a uint64_t field: negative values become huge. */
function unsigned(value: JsonValue | undefined): number | undefined {
  if (typeof value !== 'number') return undefined;
  return value < 0 ? Number.POSITIVE_INFINITY : value;
}

/** throttle_group_set_limits → throttle_limits_to_config: applies `limits`, then validates the result. */
export function applyLimits(cfg: ThrottleConfig, limits: JsonValue): string | undefined {
  if (!isJsonObject(limits)) return undefined;
  BUCKETS.forEach((name, i) => {
    const bucket = cfg.buckets[i] as Bucket;
    bucket.avg = unsigned(limits[name]) ?? bucket.avg;
    bucket.max = unsigned(limits[`${name}-max`]) ?? bucket.max;
  });
  for (const [i, name] of BUCKETS.entries()) {
    const length = limits[`${name}-max-length`];
    if (typeof length !== 'number') continue;
    if (length > UINT_MAX) return `${name}-max-length value must be in the range [0, ${String(UINT_MAX)}]`;
    (cfg.buckets[i] as Bucket).burst = unsigned(length) ?? 1;
  }
  cfg.opSize = unsigned(limits['iops-size']) ?? cfg.opSize;
  return throttleIsValid(cfg);
}

/** throttle_group_set: one unstable flat property (`x-iops-total`, `x-bps-read-max-length`…). */
export function applyFlatProperty(cfg: ThrottleConfig, property: string, value: JsonValue): string | undefined {
  if (typeof value !== 'number') return undefined;
  if (value < 0) return 'Property values cannot be negative';
  const key = property.replace(/^x-/, '');
  if (key === 'iops-size') {
    cfg.opSize = value;
    return undefined;
  }
  const match = /^(.*?)(-max-length|-max)?$/.exec(key);
  const index = BUCKETS.findIndex((name) => name === match?.[1]);
  const bucket = cfg.buckets[index];
  if (bucket === undefined) return undefined;
  if (match?.[2] === '-max-length') {
    // QEMU 7.2's text, missing space included.
    if (value > UINT_MAX) return `${property} value must be in therange [0, ${String(UINT_MAX)}]`;
    bucket.burst = value;
  } else if (match?.[2] === '-max') {
    bucket.max = value;
  } else {
    bucket.avg = value;
  }
  return undefined;
}

/** util/throttle.c: throttle_is_valid. */
export function throttleIsValid(cfg: ThrottleConfig): string | undefined {
  const [bpsTotal, bpsRead, bpsWrite, opsTotal, opsRead, opsWrite] = cfg.buckets as [
    Bucket,
    Bucket,
    Bucket,
    Bucket,
    Bucket,
    Bucket,
  ];
  const mixed = (total: number, read: number, write: number) => total !== 0 && (read !== 0 || write !== 0);
  if (
    mixed(bpsTotal.avg, bpsRead.avg, bpsWrite.avg) ||
    mixed(opsTotal.avg, opsRead.avg, opsWrite.avg) ||
    mixed(bpsTotal.max, bpsRead.max, bpsWrite.max) ||
    mixed(opsTotal.max, opsRead.max, opsWrite.max)
  ) {
    return 'bps/iops/max total values and read/write values cannot be used at the same time';
  }
  if (cfg.opSize !== 0 && opsTotal.avg === 0 && opsRead.avg === 0 && opsWrite.avg === 0) {
    return 'iops size requires an iops value to be set';
  }
  for (const bucket of cfg.buckets) {
    const problem = bucketProblem(bucket);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function bucketProblem({ avg, max, burst }: Bucket): string | undefined {
  if (avg > THROTTLE_VALUE_MAX || max > THROTTLE_VALUE_MAX) {
    return `bps/iops/max values must be within [0, ${String(THROTTLE_VALUE_MAX)}]`;
  }
  if (burst === 0) return 'the burst length cannot be 0';
  if (burst > 1 && max === 0) return 'burst length set without burst rate';
  if (max !== 0 && burst > Math.floor(THROTTLE_VALUE_MAX / max)) return 'burst length too high for this burst rate';
  if (max !== 0 && avg === 0) return 'bps_max/iops_max require corresponding bps/iops values';
  if (max !== 0 && max < avg) return 'bps_max/iops_max cannot be lower than bps/iops';
  return undefined;
}

/** Sets the props of a throttle-group's `object-add` in `order` (QEMU's), as its property setters do. */
export function setThrottleGroupProps(
  props: JsonObject,
  order: readonly string[],
): { cfg: ThrottleConfig } | { error: string } {
  const cfg = newThrottleConfig();
  for (const key of order) {
    const value = props[key];
    if (value === undefined) continue;
    const problem = key === 'limits' ? applyLimits(cfg, value) : applyFlatProperty(cfg, key, value);
    if (problem !== undefined) return { error: problem };
  }
  return { cfg };
}
