import { AwsError } from '../../../kernel/errors.js';

/**
 * Regions and their Availability Zones. Zone names map to zone ids as in the account LocalStack
 * recorded (us-east-1 a→use1-az6, b→use1-az1, ...; eu-west-1 a→euw1-az3, b→euw1-az1, c→euw1-az2;
 * ec2-route53-acm.md §1.2); other regions use the uniform mapping a→az1, b→az2, ...
 */
interface RegionInfo {
  /** Zone-id prefix, e.g. `euw1`. */
  readonly short: string;
  readonly zones: readonly { letter: string; id: string }[];
}

function uniform(short: string, letters: string): RegionInfo {
  return { short, zones: [...letters].map((letter, i) => ({ letter, id: `${short}-az${i + 1}` })) };
}

export const REGIONS: Readonly<Record<string, RegionInfo>> = {
  'us-east-1': { short: 'use1', zones: [['a', 'use1-az6'], ['b', 'use1-az1'], ['c', 'use1-az2'], ['d', 'use1-az4'], ['e', 'use1-az3'], ['f', 'use1-az5']].map(([letter, id]) => ({ letter: letter!, id: id! })) },
  'us-east-2': uniform('use2', 'abc'),
  'us-west-1': { short: 'usw1', zones: [{ letter: 'a', id: 'usw1-az1' }, { letter: 'c', id: 'usw1-az3' }] },
  'us-west-2': uniform('usw2', 'abcd'),
  'ca-central-1': { short: 'cac1', zones: [{ letter: 'a', id: 'cac1-az1' }, { letter: 'b', id: 'cac1-az2' }, { letter: 'd', id: 'cac1-az4' }] },
  'eu-west-1': { short: 'euw1', zones: [{ letter: 'a', id: 'euw1-az3' }, { letter: 'b', id: 'euw1-az1' }, { letter: 'c', id: 'euw1-az2' }] },
  'eu-west-2': uniform('euw2', 'abc'),
  'eu-west-3': uniform('euw3', 'abc'),
  'eu-central-1': uniform('euc1', 'abc'),
  'eu-north-1': uniform('eun1', 'abc'),
  'eu-south-1': uniform('eus1', 'abc'),
  'ap-south-1': uniform('aps1', 'abc'),
  'ap-northeast-1': { short: 'apne1', zones: [{ letter: 'a', id: 'apne1-az4' }, { letter: 'c', id: 'apne1-az1' }, { letter: 'd', id: 'apne1-az2' }] },
  'ap-northeast-2': uniform('apne2', 'abcd'),
  'ap-northeast-3': uniform('apne3', 'abc'),
  'ap-southeast-1': uniform('apse1', 'abc'),
  'ap-southeast-2': uniform('apse2', 'abc'),
  'sa-east-1': uniform('sae1', 'abc'),
};

export interface Zone {
  readonly name: string;
  readonly id: string;
  readonly region: string;
}

export function regionInfo(region: string): RegionInfo {
  const info = REGIONS[region];
  if (!info) throw new AwsError('InvalidParameterValue', `The region '${region}' is not supported by localvpc; supported regions: ${Object.keys(REGIONS).join(', ')}.`);
  return info;
}

export function zonesOf(region: string): Zone[] {
  return regionInfo(region).zones.map((z) => ({ name: `${region}${z.letter}`, id: z.id, region }));
}

/**
 * Resolves an AvailabilityZone (name) or AvailabilityZoneId. Unknown names answer as EC2 does:
 * `InvalidParameterValue`, `Value (x) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ...`.
 */
export function resolveZone(region: string, name: string | undefined, id: string | undefined): Zone | undefined {
  const zones = zonesOf(region);
  if (name !== undefined) {
    const z = zones.find((x) => x.name === name);
    if (!z) throw new AwsError('InvalidParameterValue', `Value (${name}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((x) => x.name).join(', ')}.`);
    if (id !== undefined && z.id !== id) throw new AwsError('InvalidParameterCombination', 'The parameters AvailabilityZone and AvailabilityZoneId do not name the same zone.');
    return z;
  }
  if (id !== undefined) {
    const z = zones.find((x) => x.id === id);
    if (!z) throw new AwsError('InvalidParameterValue', `Value (${id}) for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((x) => x.id).join(', ')}.`);
    return z;
  }
  return undefined;
}
