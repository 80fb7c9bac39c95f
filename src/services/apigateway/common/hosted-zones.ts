/**
 * Route 53 hosted zone ids that custom domain names report (apigateway-rest.md §1.10).
 *
 * - Edge-optimized: `Z2FDTNDATAQYW2` (CloudFront) in every region [doc]
 *   (https://docs.aws.amazon.com/general/latest/gr/apigateway.html; BOTO DomainName.distributionHostedZoneId).
 * - Regional: one zone per region for `execute-api.{region}.amazonaws.com`, from the "Route 53
 *   Hosted Zone ID" column of the same page. eu-west-1 `ZLY8HYME6SFDD` and us-east-1
 *   `Z1UJRXOUMOOFQ8` are verified (ec2-route53-acm.md §2.6); the others are copied from public
 *   configurations citing that page [obs] (find_string `ZLY8HYME6SFDD`). eu-north-1 appears as
 *   `Z3UWIKFBOOGXPP` in recent lists and `Z2YB950C88HT6D` in older ones; the recent one is used.
 */
export const EDGE_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

const REGIONAL_HOSTED_ZONE_IDS: Readonly<Record<string, string>> = {
  'us-east-1': 'Z1UJRXOUMOOFQ8',
  'us-east-2': 'ZOJJZC49E0EPZ',
  'us-west-1': 'Z2MUQ32089INYE',
  'us-west-2': 'Z2OJLYMUO9EFXC',
  'af-south-1': 'Z2DHW2332DAMTN',
  'ap-east-1': 'Z3FD1VL90ND7K5',
  'ap-south-1': 'Z3VO1THU9YC4UR',
  'ap-northeast-1': 'Z1YSHQZHG15GKL',
  'ap-northeast-2': 'Z20JF4UZKIW1U8',
  'ap-northeast-3': 'Z2YQB5RD63NC85',
  'ap-southeast-1': 'ZL327KTPIQFUL',
  'ap-southeast-2': 'Z2RPCDW04V8134',
  'ca-central-1': 'Z19DQILCV0OWEC',
  'eu-central-1': 'Z1U9ULNL0V5AJ3',
  'eu-west-1': 'ZLY8HYME6SFDD',
  'eu-west-2': 'ZJ5UAJN8Y3Z2Q',
  'eu-west-3': 'Z3KY65QIEKYHQQ',
  'eu-north-1': 'Z3UWIKFBOOGXPP',
  'eu-south-1': 'Z3BT4WSQ9TDYZV',
  'eu-south-2': 'Z02499852UI5HEQ5JVWX3',
  'me-south-1': 'Z20ZBPC0SS8806',
  'me-central-1': 'Z08780021BKYYY8U0YHTV',
  'sa-east-1': 'ZCMLWB8V5SYIT',
  'us-gov-east-1': 'Z3SE9ATJYCRCZJ',
  'us-gov-west-1': 'Z1K6XKP9SAGWDV',
};

/** The region's API Gateway hosted zone id, or undefined where localvpc does not know it. */
export function regionalHostedZoneId(region: string): string | undefined {
  return REGIONAL_HOSTED_ZONE_IDS[region];
}
