/**
 * The endpoint services a VPC endpoint can name (elbv2-vpc-endpoints.md §4.2, ec2-route53-acm.md
 * §1.13). localvpc runs one service behind an interface endpoint, API Gateway's
 * `com.amazonaws.{region}.execute-api`; every other AWS service name is recognised so that it
 * can be answered "not implemented by localvpc" rather than "does not exist".
 */

/**
 * Labels of AWS services that offer VPC endpoints, `com.amazonaws.{region}.{label}` (a selection
 * of the commonly used ones from "AWS services that integrate with AWS PrivateLink",
 * https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html).
 * A label missing here answers InvalidServiceName like any unknown name.
 */
const AWS_SERVICE_LABELS: ReadonlySet<string> = new Set([
  'access-analyzer', 'account', 'acm-pca', 'airflow.api', 'airflow.env', 'airflow.ops', 'apigateway',
  'appconfig', 'appconfigdata', 'application-autoscaling', 'appmesh', 'appmesh-envoy-management',
  'appstream.api', 'appstream.streaming', 'apprunner', 'athena', 'autoscaling', 'autoscaling-plans',
  'backup', 'batch', 'bedrock', 'bedrock-agent', 'bedrock-agent-runtime', 'bedrock-runtime',
  'cassandra', 'cloudcontrolapi', 'clouddirectory', 'cloudformation', 'cloudhsmv2', 'cloudtrail',
  'codeartifact.api', 'codeartifact.repositories', 'codebuild', 'codecommit', 'codedeploy',
  'codedeploy-commands-secure', 'codepipeline', 'comprehend', 'config', 'databrew', 'dataexchange',
  'datasync', 'dms', 'ds', 'dynamodb', 'ebs', 'ec2', 'ec2messages', 'ecr.api', 'ecr.dkr', 'ecs',
  'ecs-agent', 'ecs-telemetry', 'eks', 'eks-auth', 'elasticache', 'elasticbeanstalk',
  'elasticbeanstalk-health', 'elasticfilesystem', 'elasticloadbalancing', 'elasticmapreduce',
  'email-smtp', 'emr-containers', 'es', 'events', 'execute-api', 'git-codecommit', 'glue', 'grafana',
  'guardduty-data', 'imagebuilder', 'inspector2', 'iot.data', 'kendra', 'kinesis-firehose',
  'kinesis-streams', 'kms', 'lakeformation', 'lambda', 'license-manager', 'logs', 'monitoring',
  'notifications', 'qldb.session', 'rds', 'rds-data', 'redshift', 'redshift-data', 'rekognition',
  's3', 'sagemaker.api', 'sagemaker.runtime', 'scheduler', 'secretsmanager', 'securityhub',
  'servicecatalog', 'servicediscovery', 'sns', 'sqs', 'ssm', 'ssm-contacts', 'ssm-incidents',
  'ssmmessages', 'states', 'storagegateway', 'sts', 'synthetics', 'textract', 'transfer',
  'transfer.server', 'xray',
]);

/** The one service localvpc runs behind an interface endpoint. */
export const EXECUTE_API = 'execute-api';

export function executeApiServiceName(region: string): string {
  return `com.amazonaws.${region}.${EXECUTE_API}`;
}

/**
 * What a ServiceName names in `region`: the execute-api service, another AWS service localvpc
 * does not run, or nothing (a malformed name, an unknown service, or another region's service:
 * a same-region call sees only its own region's services, §4.2).
 */
export type ServiceNameKind = 'execute-api' | 'unimplemented' | 'unknown';

export function classifyServiceName(serviceName: string, region: string): ServiceNameKind {
  const prefix = `com.amazonaws.${region}.`;
  if (!serviceName.startsWith(prefix)) return 'unknown';
  const label = serviceName.slice(prefix.length);
  if (label === EXECUTE_API) return 'execute-api';
  return AWS_SERVICE_LABELS.has(label) ? 'unimplemented' : 'unknown';
}
