"""Writes validate/cases/NAME.json and NAME.expect (run: python3 generate-cases.py; the files are checked in)."""
import json, os
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cases')
REF='https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html'
cases=[]
def P(*stmts, version=True):
    d={}
    if version: d["Version"]="2012-10-17"
    d["Statement"]=list(stmts)
    return d
def S(action="s3:GetObject", resource="arn:aws:s3:::bucket/*", effect="Allow", **kw):
    d={"Effect":effect}
    if action is not None: d["Action"]=action
    if resource is not None: d["Resource"]=resource
    d.update(kw)
    return d
def C(op,key,val): return {op:{key:val}}
def case(name, policy, expect, neg=(), ptype="identity", source=None, raw=None):
    cases.append((name, policy, expect, neg, ptype, source, raw))
# the current reference (2026 edition of the page, Markdown rendering), which has every section this corpus cites
MD='https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.md (2026)'
E='ERROR'; W='WARNING'; SW='SECURITY_WARNING'; SG='SUGGESTION'
OK=[]
# ---- structure (parser)
case('json-syntax-error', None, [('JSON_SYNTAX_ERROR',E,2)], raw='{"Version": "2012-10-17",\n "Statement": [ { "Effect": "Allow", } ]}\n')
case('data-type-mismatch', {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{"a":1},"Resource":"*"}]}, [('DATA_TYPE_MISMATCH',E)])
case('invalid-policy-element', P(S(Resources="*")), [('INVALID_POLICY_ELEMENT',E)])
case('invalid-version', {"Version":"2012-10-18","Statement":[S()]}, [('INVALID_VERSION',E)])
case('missing-statement', {"Version":"2012-10-17"}, [('MISSING_STATEMENT',E)])
case('missing-effect', P({"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}), [('MISSING_EFFECT',E)])
case('invalid-effect', P(S(effect="allow")), [('INVALID_EFFECT',E)])
case('missing-action', P(S(action=None)), [('MISSING_ACTION',E)])
case('missing-resource', P(S(resource=None)), [('MISSING_RESOURCE',E)])
case('unsupported-element-combination', P(S(NotAction="s3:PutObject")), [('UNSUPPORTED_ELEMENT_COMBINATION',E)])
case('invalid-condition-operator', P(S(Condition=C("StringEqualsAnyCase","aws:username","a"))), [('INVALID_CONDITION_OPERATOR',E)])
case('null-with-if-exists', P(S(Condition=C("NullIfExists","aws:TokenIssueTime","true"))), [('NULL_WITH_IF_EXISTS',E)])
case('unsupported-principal', P(S(Principal={"AWS":"arn:aws:iam::111122223333:root"})), [('UNSUPPORTED_PRINCIPAL',E)])
case('scp-syntax-error-principal', P(S(effect="Deny",Principal="*")), [('SCP_SYNTAX_ERROR_PRINCIPAL',E)], ptype='guardrail')
case('invalid-variable-for-operator', P(S(Condition=C("NumericLessThan","aws:MultiFactorAuthAge","${aws:username}"))), [('INVALID_VARIABLE_FOR_OPERATOR',E)])
case('invalid-condition-data-type', P(S(Condition=C("StringEquals","aws:username",["alice",7]))), [('INVALID_CONDITION_DATA_TYPE',E)])
case('variable-unsupported-in-element-action', P(S(action="s3:${aws:username}")), [('VARIABLE_UNSUPPORTED_IN_ELEMENT',E)])
case('variable-unsupported-in-element-sid', P(S(Sid="${aws:username}")), [('VARIABLE_UNSUPPORTED_IN_ELEMENT',E)])
# type mismatches in values (issue 17: WARNING, blocking)
case('type-mismatch-boolean', P(S(Condition=C("Bool","aws:SecureTransport","Disabled"))), [('TYPE_MISMATCH_BOOLEAN',W)])
case('type-mismatch-boolean-yes', P(S(Condition=C("Bool","aws:SecureTransport","yes"))), [('TYPE_MISMATCH_BOOLEAN',W)])
case('type-mismatch-date', P(S(Condition=C("DateGreaterThan","aws:CurrentTime","2026-13-45"))), [('TYPE_MISMATCH_DATE',W)])
case('type-mismatch-ip-range', P(S(Condition=C("IpAddress","aws:SourceIp","203.0.113.0/33"))), [('TYPE_MISMATCH_IP_RANGE',E)], source=MD+': "Error – Type mismatch IP range" (Finding type: ERROR)')
case('type-mismatch-number', P(S(Condition=C("NumericLessThan","aws:MultiFactorAuthAge","an hour"))), [('TYPE_MISMATCH_NUMBER',W)])
case('type-mismatch-string', P(S(Condition=C("BinaryEquals","aws:username","not base64!"))), [('TYPE_MISMATCH_STRING',W)])
case('type-mismatch-values-negative', P(S(Condition={"Bool":{"aws:SecureTransport":"true"},"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"},"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}})), OK,
     neg=['TYPE_MISMATCH_BOOLEAN','TYPE_MISMATCH_DATE','TYPE_MISMATCH_IP_RANGE','TYPE_MISMATCH_NUMBER','TYPE_MISMATCH_STRING','TYPE_MISMATCH','INVALID_CONDITION_DATA_TYPE','INVALID_VARIABLE_FOR_OPERATOR','NULL_WITH_IF_EXISTS','INVALID_CONDITION_OPERATOR','INVALID_DATE_VALUE','REDUNDANT_CONDITION_VALUE_NUM','PRIVATE_IP_ADDRESS','IMPROVE_IP_RANGE','INVALID_CONDITION_MULTIPLE_BOOLEAN'])
case('type-mismatch', P(S(Condition=C("NumericLessThan","aws:SourceVpc","3"))), [('TYPE_MISMATCH',W)])
# clean baseline
case('clean-identity-policy', P(S(Sid="ReadObjects")), OK, neg=['JSON_SYNTAX_ERROR','DATA_TYPE_MISMATCH','INVALID_POLICY_ELEMENT','INVALID_VERSION','MISSING_STATEMENT','MISSING_EFFECT','INVALID_EFFECT','MISSING_ACTION','MISSING_RESOURCE','UNSUPPORTED_ELEMENT_COMBINATION','UNSUPPORTED_PRINCIPAL','MISSING_VERSION','UNIQUE_SIDS_REQUIRED','UNSUPPORTED_SID','EMPTY_SID_VALUE','REDUNDANT_STATEMENT','INVALID_ACTION','INVALID_SERVICE_IN_ACTION','WILDCARD_IN_SERVICE_NAME','REDUNDANT_ACTION','REDUNDANT_RESOURCE','MISSING_ARN_FIELD','INVALID_ARN_PREFIX','INVALID_PARTITION','INVALID_ARN_SERVICE_CASE','INVALID_ARN_REGION','INVALID_ARN_RESOURCE','MISSING_ARN_REGION','ARN_REGION_NOT_ALLOWED','ARN_ACCOUNT_NOT_ALLOWED','INVALID_ARN_ACCOUNT','POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA','EMPTY_ARRAY_ACTION','EMPTY_ARRAY_RESOURCE','VARIABLE_UNSUPPORTED_IN_ELEMENT'])
case('clean-scp', P(S(effect="Deny",action="s3:DeleteBucket",resource="*")), OK, ptype='guardrail', neg=['SCP_SYNTAX_ERROR_PRINCIPAL','POLICY_SIZE_EXCEEDS_SCP_QUOTA'])
# document
case('missing-version', P(S(), version=False), [('MISSING_VERSION',W)])
case('unique-sids-required', P(S(Sid="A"),S(Sid="A",action="s3:PutObject")), [('UNIQUE_SIDS_REQUIRED',E)])
case('unsupported-sid', P(S(Sid="read objects")), [('UNSUPPORTED_SID',E)])
case('empty-sid-value', P(S(Sid="")), [('EMPTY_SID_VALUE',SG)])
case('redundant-statement', P(S(Sid="A"),S(Sid="B")), [('REDUNDANT_STATEMENT',SG)])
big=["sagemaker:DescribeNotebookInstance%d"%i for i in range(0)]
case('policy-size-exceeds-identity-policy-quota', P(*[S(Sid="S%d"%i,action="s3:GetObject",resource="arn:aws:s3:::bucket-number-%d-with-a-long-name/*"%i) for i in range(120)]), [('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',W)])
case('policy-size-exceeds-scp-quota', P(*[S(Sid="S%d"%i,effect="Deny",action="s3:DeleteObject",resource="arn:aws:s3:::bucket-number-%d-with-a-long-name/*"%i) for i in range(100)]), [('POLICY_SIZE_EXCEEDS_SCP_QUOTA',E)], ptype='guardrail')
trust=lambda **kw: dict({"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}, **kw)
case('policy-size-exceeds-role-trust-policy-quota', P(*[trust(Sid="S%d"%i, Condition=C("StringEquals","aws:SourceAccount","1111222233%02d"%i)) for i in range(40)]), [('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',W)], ptype='role-trust', source=MD+': "General Warning – Policy size exceeds role trust policy quota" (Finding type: GENERAL_WARNING)')
# actions
case('invalid-action', P(S(action="sagemaker:CreatePresignedNotebookInstanceURLs",resource="*")), [('INVALID_ACTION',E)])
case('invalid-action-pattern', P(S(action="sagemaker:Frobnicate*",resource="*")), [('INVALID_ACTION',E)])
case('invalid-service-in-action', P(S(action="sagemakr:CreateTrainingJob",resource="*")), [('INVALID_SERVICE_IN_ACTION',E)], source='issue 17')
case('wildcard-in-service-name', P(S(action="s3*:GetObject")), [('WILDCARD_IN_SERVICE_NAME',SG)])
case('empty-not-action-no-pass-role', P(S(action=None,resource="*",NotAction=[])), [('EMPTY_ARRAY_ACTION',SG)], neg=['PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION','CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'],
     source=MD+': "Suggestion – Empty array action" ("Statements must include either an Action or NotAction element that includes a set of actions. When the element is empty, the policy statement provides no permissions"): an empty NotAction grants nothing, so no PassRole/CreateServiceLinkedRole warning')
case('empty-not-resource-no-pass-role', P(S(action="iam:PassRole",resource=None,NotResource=[])), [('EMPTY_ARRAY_RESOURCE',SG)], neg=['PASS_ROLE_WITH_NOT_RESOURCE'],
     source=MD+': "Suggestion – Empty array resource" ("When you provide an empty array in a statement\'s resource element, the statement has no effect on the policy"): an empty NotResource draws no PASS_ROLE_WITH_NOT_RESOURCE')
case('wildcard-in-service-name-resource', P(S(action="codecommit:GitPull",resource="arn:aws:*code*::111122223333:*")), [('WILDCARD_IN_SERVICE_NAME',SG)], neg=['INVALID_SERVICE','MISSING_ARN_REGION'],
     source=MD+': "Suggestion – Wildcard in service name", whose example is this Resource ("arn:aws:*code*::111122223333:*": "there are more than a dozen AWS services with the word *code* in their name")')
case('redundant-action', P(S(action=["iam:Get*","iam:List*","iam:GetCredentialReport"],resource="*")), [('REDUNDANT_ACTION',SG)])
case('redundant-action-negative', P(S(action=["iam:Get*","iam:List*","iam:*CredentialReport"],resource="*")), OK, neg=['REDUNDANT_ACTION'])
case('empty-array-action', P(S(action=[])), [('EMPTY_ARRAY_ACTION',SG)], source='issue 17')
case('empty-array-resource', P(S(resource=[])), [('EMPTY_ARRAY_RESOURCE',SG)])
# resources / ARN family
case('missing-arn-field', P(S(action="kms:Decrypt",resource="my-key")), [('MISSING_ARN_FIELD',E)], source='issue 17')
case('invalid-arn-prefix', P(S(action="kms:Decrypt",resource="ARN:aws:kms:us-east-1:111122223333:key/k")), [('INVALID_ARN_PREFIX',E)])
case('invalid-partition', P(S(resource="arn:aws-mars:s3:::bucket/*")), [('INVALID_PARTITION',E)])
case('invalid-arn-service-case', P(S(action="sagemaker:DescribeDomain",resource="arn:aws:SageMaker:us-east-1:111122223333:domain/d-1")), [('INVALID_ARN_SERVICE_CASE',E)])
case('invalid-arn-region', P(S(action="sagemaker:DescribeDomain",resource="arn:aws:sagemaker:us-east-99x:111122223333:domain/d-1")), [('INVALID_ARN_REGION',E)])
case('invalid-arn-resource', P(S(action="sagemaker:DescribeUserProfile",resource="arn:aws:sagemaker:us-east-1:111122223333:user-profile/alice")), [('INVALID_ARN_RESOURCE',E)], source='issue 17: a Studio user-profile ARN without its domain')
case('invalid-arn-resource-negative', P(S(action="sagemaker:DescribeUserProfile",resource="arn:aws:sagemaker:us-east-1:111122223333:user-profile/d-demo/alice")), OK, neg=['INVALID_ARN_RESOURCE','MISSING_ARN_REGION','INVALID_ARN_REGION','INVALID_ARN_ACCOUNT'])
case('missing-arn-region', P(S(action="sagemaker:DescribeDomain",resource="arn:aws:sagemaker::111122223333:domain/d-1")), [('MISSING_ARN_REGION',E)])
case('arn-region-not-allowed', P(S(action="s3:ListBucket",resource="arn:aws:s3:us-east-1::bucket")), [('ARN_REGION_NOT_ALLOWED',E)])
case('arn-account-not-allowed', P(S(resource="arn:aws:s3::111122223333:bucket/*")), [('ARN_ACCOUNT_NOT_ALLOWED',E)])
case('invalid-arn-account', P(S(action="sagemaker:DescribeDomain",resource="arn:aws:sagemaker:us-east-1:1111:domain/d-1")), [('INVALID_ARN_ACCOUNT',E)])
case('redundant-resource', P(S(action="iam:GetRole",resource=["arn:aws:iam::111122223333:role/jane-admin","arn:aws:iam::111122223333:role/jane-s3only","arn:aws:iam::111122223333:role/jane*"])), [('REDUNDANT_RESOURCE',SG)],
     source=REF+'#REDUNDANT_RESOURCE (the reference\'s example); one finding per covering ARN, with every ARN involved ("The 2 resource ARN(s) are redundant", two locations, recorded on AWSBackupFullAccess by zoph-io/MAMIP)')
# variables
case('missing-brace-in-variable', P(S(resource="arn:aws:s3:::bucket/${aws:username/*")), [('MISSING_BRACE_IN_VARIABLE',E)])
case('variable-unsupported-in-version', {"Version":"2008-10-17","Statement":[S(resource="arn:aws:s3:::bucket/${aws:username}/*")]}, [('VARIABLE_UNSUPPORTED_IN_VERSION',E)])
case('empty-variable', P(S(resource="arn:aws:s3:::bucket/${}/*")), [('EMPTY_VARIABLE',E)], source='issue 17')
case('unsupported-space-in-variable', P(S(resource="arn:aws:s3:::bucket/${aws: userid}/*")), [('UNSUPPORTED_SPACE_IN_VARIABLE',E)], source='issue 17')
case('unsupported-symbol-in-variable', P(S(resource="arn:aws:s3:::bucket/${aws:user#id}/*")), [('UNSUPPORTED_SYMBOL_IN_VARIABLE',E)])
case('missing-quote-in-variable', P(S(resource="arn:aws:s3:::bucket/${aws:username, anonymous}/*")), [('MISSING_QUOTE_IN_VARIABLE',E)])
case('variables-negative', P(S(resource="arn:aws:s3:::bucket/${aws:username, 'anonymous'}/*", Condition=C("StringEquals","s3:prefix","home/${aws:userid}/"), action="s3:ListBucket")), [('ARN_REGION_NOT_ALLOWED',E)] if False else OK,
     neg=['MISSING_BRACE_IN_VARIABLE','VARIABLE_UNSUPPORTED_IN_VERSION','EMPTY_VARIABLE','UNSUPPORTED_SPACE_IN_VARIABLE','UNSUPPORTED_SYMBOL_IN_VARIABLE','MISSING_QUOTE_IN_VARIABLE','INVALID_GLOBAL_CONDITION_KEY'])
# condition keys
case('invalid-condition-key-format', P(S(Condition=C("StringEquals","username","alice"))), [('INVALID_CONDITION_KEY_FORMAT',E)])
case('invalid-global-condition-key', P(S(Condition=C("StringEquals","aws:SourceIpp","alice"))), [('INVALID_GLOBAL_CONDITION_KEY',E)])
case('invalid-service-condition-key', P(S(action="sagemaker:CreateTrainingJob",resource="*",Condition=C("StringEquals","sagemaker:InstanceTypez","ml.t3.medium"))), [('INVALID_SERVICE_CONDITION_KEY',E)])
case('invalid-service', P(S(Condition=C("StringEquals","sagemakr:InstanceTypes","ml.t3.medium"))), [('INVALID_SERVICE',E)])
case('unsupported-global-condition-key', P(S(Condition=C("ArnEquals","aws:ARN","arn:aws:iam::111122223333:role/r"))), [('UNSUPPORTED_GLOBAL_CONDITION_KEY',E)], neg=['DEPRECATED_GLOBAL_CONDITION_KEY'],
     source=REF+'#UNSUPPORTED_GLOBAL_CONDITION_KEY ("The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead."); the archived awsdocs/iam-user-guide doc_source/access-analyzer-reference-policy-checks.md names the same key under General Warning DEPRECATED_GLOBAL_CONDITION_KEY, so aws:ARN is reported once, as the ERROR of the current page')
case('missing-tag-key-in-condition', P(S(Condition=C("StringEquals","aws:ResourceTag","owner"))), [('MISSING_TAG_KEY_IN_CONDITION',E)], source='issue 17')
case('duplicate-keys-with-different-case', P(S(Condition={"StringEquals":{"aws:username":"a","AWS:UserName":"b"}})), [('DUPLICATE_KEYS_WITH_DIFFERENT_CASE',E)])
case('missing-paired-condition-keys', P(S(Condition=C("IpAddress","aws:VpcSourceIp","10.0.0.0/16"))), [('MISSING_PAIRED_CONDITION_KEYS',SW)])
case('missing-paired-condition-keys-negative', P(S(Condition={"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"},"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}})), OK, neg=['MISSING_PAIRED_CONDITION_KEYS','INVALID_VPC_FORMAT'])
case('unsupported-action-for-condition-key', P(S(action=["s3:ListBucket","s3:ListBucketMultipartUploads"],resource="arn:aws:s3:::bucket",Condition=C("StringLike","s3:prefix","home/${aws:username}/*"))), [('UNSUPPORTED_ACTION_FOR_CONDITION_KEY',E)],
     source=REF+'#UNSUPPORTED_ACTION_FOR_CONDITION_KEY; recorded Access Analyzer output: s3:ListBucketMultipartUploads in the s3:prefix statement is an ERROR UNSUPPORTED_ACTION_FOR_CONDITION_KEY')
case('unsupported-action-for-condition-key-resourceless-negative', P(S(action=["ram:UpdateResourceShare","ram:GetResourceShares"],resource="*",Condition=C("StringLike","ram:ResourceShareName","LakeFormation*"))), OK,
     neg=['UNSUPPORTED_ACTION_FOR_CONDITION_KEY'], source='recorded Access Analyzer output on the AWS managed policy AWSLakeFormationCrossAccountManager (zoph-io/MAMIP findings/): no finding for ram:GetResourceShares, an action without resource types, with ram:ResourceShareName')
case('unsupported-action-for-web-identity-key', P({"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"],
     "Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"}}}), [('UNSUPPORTED_ACTION_FOR_CONDITION_KEY',E),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     source='recorded Access Analyzer output: "The following actions: sts:TagSession are not supported by the condition key cognito-identity.amazonaws.com:aud" (ERROR UNSUPPORTED_ACTION_FOR_CONDITION_KEY)')
CLI_EXAMPLE='https://docs.aws.amazon.com/cli/latest/reference/accessanalyzer/validate-policy.html (AWS CLI example "To request the validation of a policy and returns a list of findings", aws-cli awscli/examples/accessanalyzer/validate-policy.rst)'
# the AWS CLI's recorded validate-policy output, verbatim policy: lines are Access Analyzer's first location of each finding
case('cli-example-cognito-trust-policy', None, [('EMPTY_SID_VALUE',SG,5),('MISMATCHED_ACTION_FOR_PRINCIPAL',E,11),('UNSUPPORTED_ACTION_FOR_CONDITION_KEY',E,12),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG,16)], ptype='role-trust',
     raw='{\n    "Version": "2012-10-17",\n    "Statement": [\n        {\n            "Sid": "",\n            "Effect": "Allow",\n            "Principal": {\n                "Federated": "cognito-identity.amazonaws.com"\n            },\n            "Action": [\n                "sts:AssumeRole",\n                "sts:TagSession"\n            ],\n            "Condition": {\n                "StringEquals": {\n                    "cognito-identity.amazonaws.com:aud": "us-west-2_EXAMPLE"\n                }\n            }\n        }\n    ]\n}\n',
     source=CLI_EXAMPLE+': EMPTY_SID_VALUE at Statement/0/Sid (line 5); MISMATCHED_ACTION_FOR_PRINCIPAL at Statement/0/Action/0, sts:AssumeRole (line 11; second location Principal/Federated); UNSUPPORTED_ACTION_FOR_CONDITION_KEY "The following actions: sts:TagSession are not supported by the condition key cognito-identity.amazonaws.com:aud" at Statement/0/Action/1 (line 12; second location the key): sts:AssumeRole is not named, as the service reference lists cognito-identity.amazonaws.com:aud for it. CONFIRM_AUDIENCE_CLAIM_TYPE is not in that recording (an example older than the check, recorded on GitHub trust policies since) and is kept')
case('mismatched-action-for-principal-string-action', P({"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}), [('MISMATCHED_ACTION_FOR_PRINCIPAL',E,9)], ptype='role-trust',
     source=CLI_EXAMPLE+': MISMATCHED_ACTION_FOR_PRINCIPAL is located first at the statement\'s action (a single action: the Action element, line 9)')
case('equivalent-to-null-false', P(S(action="backup:StartBackupJob",resource="*",Condition=C("StringLike","aws:ResourceTag/aws:backup:source-resource","*"))), [('EQUIVALENT_TO_NULL_FALSE',SG)],
     source=MD+': "Suggestion – Equivalent to null false"; recorded Access Analyzer output on the AWS managed policy AWSBackupGuardDutyRolePolicyForScans (zoph-io/MAMIP findings/): StringLike "*" on aws:ResourceTag/aws:backup:source-resource')
case('equivalent-to-null-true', P(S(action="s3:GetObject",Condition=C("StringNotLike","aws:ResourceTag/project","*"))), [('EQUIVALENT_TO_NULL_TRUE',SG)],
     source=MD+': "Suggestion – Equivalent to null true" (StringNotLike "*" matches only an absent key)')
case('redundant-key-due-to-wildcard-in-condition', P(S(action="s3:GetObject",Condition=C("StringLikeIfExists","aws:ResourceTag/project","*"))), [('REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION',SG)],
     source=MD+': "Suggestion – Redundant key due to wildcard in condition" ("is redundant because it is always matched")')
case('redundant-statement-due-to-wildcard-in-condition', P(S(action="s3:GetObject",Condition=C("ForAnyValue:StringNotLike","aws:TagKeys","*"))), [('REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION',SG)],
     source=MD+': "Suggestion – Redundant statement due to wildcard in condition" ("does not match any values")')
case('wildcard-value-negative', P(S(action="s3:GetObject",Condition={"StringLike":{"aws:ResourceTag/project":"ml-*"},"StringEquals":{"aws:PrincipalTag/team":"*"}})), [('WILDCARD_WITHOUT_LIKE_OPERATOR',W)],
     neg=['EQUIVALENT_TO_NULL_FALSE','EQUIVALENT_TO_NULL_TRUE','REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION','REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION'], source=MD+': only a Like operator with the value "*"')
case('invalid-service-in-resource-arn', P(S(action="sagemaker:DescribeNotebookInstance",resource="arn:aws:sagemakr:us-east-1:111122223333:notebook-instance/nb")), [('INVALID_SERVICE',E)],
     source=REF+'#INVALID_SERVICE; recorded Access Analyzer output on AWSBackupFullAccess (zoph-io/MAMIP findings/): "The service ssm-sap does not exist. Use a valid service name." on the Resource')
case('arn-service-of-a-resource-type-negative', P(S(action="servicecatalog:DescribeProduct",resource="arn:aws:catalog:us-east-1:111122223333:product/prod-abc")), OK, neg=['INVALID_SERVICE'],
     source='catalog is the ARN service of Service Catalog resource types (service authorization reference), not an unknown service')
case('type-mismatch-arn-operator-on-string-key', P(S(action="kms:Decrypt",resource="*",Condition=C("ArnLike","kms:EncryptionContext:aws:s3:arn","arn:aws:s3:::reports-*"))), [('TYPE_MISMATCH',W)],
     source=MD+'#TYPE_MISMATCH; recorded Access Analyzer output on the AWS managed policies AWS-SSM-DiagnosisAutomation-AdministrationRolePolicy and -ExecutionRolePolicy (zoph-io/MAMIP findings/): "Use the operator type String instead of operator ARN for the condition key kms:EncryptionContext:aws:s3:arn"')

case('unsupported-action-for-condition-key-negative', P(S(action="sagemaker:CreateTrainingJob",resource="*",Condition=C("ForAnyValue:StringLike","sagemaker:InstanceTypes","ml.t3.*"))), OK, neg=['UNSUPPORTED_ACTION_FOR_CONDITION_KEY','MISSING_QUALIFIER','INVALID_SERVICE_CONDITION_KEY','INVALID_CONDITION_KEY_FORMAT','INVALID_SERVICE','UNSUPPORTED_GLOBAL_CONDITION_KEY','MISSING_TAG_KEY_IN_CONDITION','DUPLICATE_KEYS_WITH_DIFFERENT_CASE'])
# tag keys for services (sagemaker-mlflow has no aws:ResourceTag per the reference)
case('deny-with-unsupported-tag-condition-key-for-service', P(S(effect="Deny",action=["sagemaker:DeleteDomain","sagemaker-mlflow:DeleteExperiment"],resource="*",Condition=C("StringEquals","aws:ResourceTag/status","Confidential"))), [('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',SW)])
case('allow-with-unsupported-tag-condition-key-for-service', P(S(action=["sagemaker:DescribeDomain","sagemaker-mlflow:GetExperiment"],resource="*",Condition=C("StringEquals","aws:ResourceTag/team","BumbleBee"))), [('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',SG)])
case('deny-notaction-with-unsupported-tag-condition-key-for-service', P({"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":C("StringEquals","aws:ResourceTag/status","Confidential")}), [('DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',SW)])
case('allow-notaction-with-unsupported-tag-condition-key-for-service', P({"Effect":"Allow","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":C("StringEquals","aws:ResourceTag/team","BumbleBee")}), [('ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',SG)])
case('tag-condition-key-for-service-negative', P(S(effect="Deny",action=["sagemaker:DeleteDomain"],resource="*",Condition=C("StringEquals","aws:ResourceTag/status","Confidential"))), OK,
     neg=['DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE','ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE','DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE','ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'])
# qualifiers
case('missing-qualifier', P(S(action="sagemaker:CreateTrainingJob",resource="*",Condition=C("StringLike","sagemaker:InstanceTypes","ml.t3.*"))), [('MISSING_QUALIFIER',E)], source='issue 17')
case('missing-qualifier-tag-keys', P(S(action="sagemaker:AddTags",resource="*",Condition=C("StringEquals","aws:TagKeys","owner"))), [('MISSING_QUALIFIER',E)], source='issue 17')
case('forallvalues-with-single-valued-key', P(S(Condition=C("ForAllValues:StringEquals","aws:username","alice"))), [('FORALLVALUES_WITH_SINGLE_VALUED_KEY',SW)])
case('null-with-qualifier', P(S(Condition=C("ForAllValues:Null","aws:TagKeys","false"))), [('NULL_WITH_QUALIFIER',SG)])
case('qualifiers-negative', P(S(Condition={"ForAllValues:StringEquals":{"aws:TagKeys":["owner","team"]},"Null":{"aws:TagKeys":"false"}}, action="sagemaker:AddTags", resource="*")), OK,
     neg=['MISSING_QUALIFIER','FORALLVALUES_WITH_SINGLE_VALUED_KEY','NULL_WITH_QUALIFIER','EMPTY_ARRAY_CONDITION','EMPTY_ARRAY_CONDITION_FORALLVALUES','EMPTY_ARRAY_CONDITION_FORANYVALUE','EMPTY_ARRAY_CONDITION_IFEXISTS','EMPTY_OBJECT_CONDITION'])
# empty arrays / objects in conditions
case('empty-array-condition', P(S(Condition=C("StringEquals","aws:username",[]))), [('EMPTY_ARRAY_CONDITION',SG)])
case('empty-array-condition-forallvalues', P(S(Condition=C("ForAllValues:StringEquals","aws:TagKeys",[]))), [('EMPTY_ARRAY_CONDITION_FORALLVALUES',SG)])
case('empty-array-condition-foranyvalue', P(S(Condition=C("ForAnyValue:StringEquals","aws:TagKeys",[]))), [('EMPTY_ARRAY_CONDITION_FORANYVALUE',SG)])
case('empty-array-condition-ifexists', P(S(Condition=C("StringEqualsIfExists","aws:username",[]))), [('EMPTY_ARRAY_CONDITION_IFEXISTS',SG)])
case('empty-object-condition', P(S(Condition={})), [('EMPTY_OBJECT_CONDITION',SG)])
case('empty-object-condition-operator', P(S(Condition={"StringEquals":{}})), [('EMPTY_OBJECT_CONDITION',SG)])
# values
case('wildcard-without-like-operator', P(S(Condition=C("StringEquals","aws:PrincipalTag/job-category","admin-*"))), [('WILDCARD_WITHOUT_LIKE_OPERATOR',W)])
case('wildcard-without-like-operator-negative', P(S(Condition=C("StringLike","aws:PrincipalTag/job-category","admin-*"))), OK, neg=['WILDCARD_WITHOUT_LIKE_OPERATOR'])
case('invalid-condition-multiple-boolean', P(S(Condition=C("Bool","aws:SecureTransport",["true","false"]))), [('INVALID_CONDITION_MULTIPLE_BOOLEAN',E)])
case('invalid-date-value', P(S(Condition=C("DateGreaterThan","aws:CurrentTime","1767225600"))), [('INVALID_DATE_VALUE',W)])
case('redundant-condition-value-num', P(S(Condition=C("NumericLessThan","aws:MultiFactorAuthAge",["2700","3600"]))), [('REDUNDANT_CONDITION_VALUE_NUM',SG)])
case('private-ip-address', P(S(action="sagemaker:CreatePresignedNotebookInstanceUrl",resource="*",Condition=C("IpAddress","aws:SourceIp","10.0.0.0/8"))), [('PRIVATE_IP_ADDRESS',E)], source='issue 17: a presign guardrail on 10.x never matches')
case('private-not-ip-address', P(S(effect="Deny",action="sagemaker:CreatePresignedNotebookInstanceUrl",resource="*",Condition=C("NotIpAddress","aws:SourceIp",["10.0.0.0/8","192.168.0.0/16"]))), [('PRIVATE_NOT_IP_ADDRESS',E)])
case('private-ip-address-subset', P(S(Condition=C("IpAddress","aws:SourceIp",["10.0.0.0/8","203.0.113.0/24"]))), [('PRIVATE_IP_ADDRESS_SUBSET',SG)])
case('private-not-ip-address-subset', P(S(effect="Deny",Condition=C("NotIpAddress","aws:SourceIp",["172.16.0.0/12","203.0.113.0/24"]))), [('PRIVATE_NOT_IP_ADDRESS_SUBSET',SG)])
case('private-ip-negative', P(S(Condition={"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}})), OK, neg=['PRIVATE_IP_ADDRESS','PRIVATE_NOT_IP_ADDRESS','PRIVATE_IP_ADDRESS_SUBSET','PRIVATE_NOT_IP_ADDRESS_SUBSET','IMPROVE_IP_RANGE'])
case('improve-ip-range', P(S(Condition=C("IpAddress","aws:SourceIp","203.0.113.5/24"))), [('IMPROVE_IP_RANGE',SG)])
case('invalid-vpc-format', P(S(Condition=C("StringEquals","aws:SourceVpc","my-vpc"))), [('INVALID_VPC_FORMAT',E)])
case('invalid-vpce-format', P(S(Condition=C("StringEquals","aws:SourceVpce","vpc-1a2b3c4d"))), [('INVALID_VPCE_FORMAT',E)])
case('invalid-region', P(S(Condition=C("StringEquals","aws:RequestedRegion","us-east"))), [('INVALID_REGION',E)])
case('invalid-service-principal-format', P(S(action="iam:PassRole",resource="arn:aws:iam::111122223333:role/SageMakerExec",Condition=C("StringEquals","iam:PassedToService","sagemaker"))), [('INVALID_SERVICE_PRINCIPAL_FORMAT',E)])
case('value-formats-negative', P(S(Condition={"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d","aws:RequestedRegion":["us-east-1","eu-west-2"]}})), OK, neg=['INVALID_VPCE_FORMAT','INVALID_REGION','INVALID_VPC_FORMAT','INVALID_SERVICE_PRINCIPAL_FORMAT'])
# pass role / SLR
case('pass-role-with-star-in-resource', P(S(action="iam:PassRole",resource="*")), [('PASS_ROLE_WITH_STAR_IN_RESOURCE',SW)])
case('pass-role-with-star-in-resource-role-path', P(S(action="iam:PassRole",resource="arn:aws:iam::111122223333:role/*")), [('PASS_ROLE_WITH_STAR_IN_RESOURCE',SW)], source='issue 17: iam:PassRole on role/* without a condition')
case('pass-role-with-passed-to-service-negative', P(S(action="iam:PassRole",resource="*",Condition=C("StringEquals","iam:PassedToService","sagemaker.amazonaws.com"))), OK,
     neg=['PASS_ROLE_WITH_STAR_IN_RESOURCE','INVALID_SERVICE_PRINCIPAL_FORMAT'], source='issue 17: the finding text names iam:PassedToService as the fix')
case('pass-role-with-star-in-action-and-resource', P(S(action="iam:Pass*",resource="*")), [('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',SW)], source='issue 17')
case('administrator-access', P(S(action="*",resource="*")), [('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',SW),('CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',W)], source=REF+' (AdministratorAccess is listed under both checks)')
case('pass-role-with-star-in-resource-and-not-action', P({"Effect":"Allow","NotAction":"s3:*","Resource":"*"}), [('PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',SW),('CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',W)])
case('pass-role-with-not-resource', P(S(action="iam:PassRole",resource=None,NotResource="arn:aws:iam::111122223333:role/Admin")), [('PASS_ROLE_WITH_NOT_RESOURCE',SW)])
case('pass-role-with-star-in-action-and-not-resource', P(S(action="iam:*",resource=None,NotResource="arn:aws:iam::111122223333:role/Admin")), [('PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',SW),('CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',W)])
case('pass-role-with-not-action-and-not-resource', P({"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:s3:::secret/*"}), [('PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',SW),('CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',W)])
case('create-slr-with-star-in-resource', P(S(action="iam:CreateServiceLinkedRole",resource="*")), [('CREATE_SLR_WITH_STAR_IN_RESOURCE',W)])
case('create-slr-with-not-resource', P(S(action="iam:CreateServiceLinkedRole",resource=None,NotResource="arn:aws:iam::111122223333:role/x")), [('CREATE_SLR_WITH_NOT_RESOURCE',W)])
case('create-slr-negative', P(S(action="iam:CreateServiceLinkedRole",resource="*",Condition=C("StringEquals","iam:AWSServiceName","sagemaker.amazonaws.com"))), OK,
     neg=['CREATE_SLR_WITH_STAR_IN_RESOURCE','CREATE_SLR_WITH_NOT_RESOURCE','CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE','CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE','CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE','CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'])
case('pass-role-not-action-excludes-iam-negative', P({"Effect":"Allow","NotAction":"iam:*","Resource":"*"}), OK,
     neg=['PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION','PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE','PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE','PASS_ROLE_WITH_NOT_RESOURCE','PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE'], source='issue 17: ALLOW_WITH_NOT_ACTION is not an Access Analyzer code')
case('scp-allow-all-negative', P(S(action="*",resource="*")), OK, ptype='guardrail', neg=['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE','CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE'], source='FullAWSAccess SCP: guardrails grant nothing')
# role trust
case('role-trust-clean', P(trust(Condition=C("StringEquals","aws:SourceAccount","111122223333"))), OK, ptype='role-trust',
     neg=['MISSING_PRINCIPAL','ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE','ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL','ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL','MISMATCHED_ACTION_FOR_PRINCIPAL','INVALID_PRINCIPAL_FORMAT','INVALID_PRINCIPAL_KEY','EMPTY_ARRAY_PRINCIPAL','EMPTY_OBJECT_PRINCIPAL','UNSUPPORTED_WILDCARD_IN_PRINCIPAL','INVALID_ROLE_REFERENCE','INVALID_USER_REFERENCE','POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA','INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY','MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY'], source='issue 17: trust policies were MISSING_RESOURCE')
case('missing-principal', P({"Effect":"Allow","Action":"sts:AssumeRole"}), [('MISSING_PRINCIPAL',E)], ptype='role-trust')
case('role-trust-policy-syntax-error-resource', P(trust(Resource="*")), [('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',E)], ptype='role-trust')
case('role-trust-policy-syntax-error-notprincipal', P({"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}), [('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',E)], ptype='role-trust')
case('role-trust-policy-unsupported-wildcard-in-principal', P({"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}), [('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',E)], ptype='role-trust')
case('unsupported-wildcard-in-principal', P({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"sts:AssumeRole"}), [('UNSUPPORTED_WILDCARD_IN_PRINCIPAL',E)], ptype='role-trust')
case('invalid-federated-principal-syntax', P({"Effect":"Allow","Principal":{"Federated":"*"},"Action":"sts:AssumeRoleWithWebIdentity"}), [('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',E)], ptype='role-trust')
case('invalid-principal-format', P({"Effect":"Allow","Principal":["arn:aws:iam::111122223333:root"],"Action":"sts:AssumeRole"}), [('INVALID_PRINCIPAL_FORMAT',E)], ptype='role-trust')
case('invalid-principal-key', P({"Effect":"Allow","Principal":{"Aws":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}), [('INVALID_PRINCIPAL_KEY',E)], ptype='role-trust')
case('empty-array-principal', P({"Effect":"Allow","Principal":{"AWS":[]},"Action":"sts:AssumeRole"}), [('EMPTY_ARRAY_PRINCIPAL',SG)], ptype='role-trust')
case('empty-object-principal', P({"Effect":"Allow","Principal":{},"Action":"sts:AssumeRole"}), [('EMPTY_OBJECT_PRINCIPAL',SG)], ptype='role-trust')
case('mismatched-action-for-principal', P({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":"sts:AssumeRole"}), [('MISMATCHED_ACTION_FOR_PRINCIPAL',E)], ptype='role-trust')
case('mismatched-action-for-principal-negative', P({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":C("StringEquals","SAML:aud","https://signin.aws.amazon.com/saml")}), OK, ptype='role-trust', neg=['MISMATCHED_ACTION_FOR_PRINCIPAL','INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY'])
case('missing-action-for-roles-anywhere', P({"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}), [('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',E)], ptype='role-trust')
case('roles-anywhere-negative', P({"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}), OK, ptype='role-trust', neg=['MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY'])
case('invalid-role-reference', P({"Effect":"Allow","Principal":{"AWS":"AROADATASCIENTIST001"},"Action":"sts:AssumeRole"}), [('INVALID_ROLE_REFERENCE',W)], ptype='role-trust')
case('invalid-user-reference', P({"Effect":"Allow","Principal":{"AWS":"AIDACAROLEXAMPLE0001"},"Action":"sts:AssumeRole"}), [('INVALID_USER_REFERENCE',W)], ptype='role-trust')

# ---- checks of the 2026 reference (sections quoted in each source)
case('missing-arn-account', P(S(action="sagemaker:DescribeDomain",resource="arn:aws:sagemaker:us-east-1::domain/d-abc123")), [('MISSING_ARN_ACCOUNT',E)],
     source=MD+': "Error – Missing ARN account" ("The resource {{resourceName}} in the arn is missing an account id. Please provide a 12 digit account id.")')
case('missing-arn-account-aws-owned-negative', P(S(action="ssm:SendCommand",resource=["arn:aws:ssm:*::document/AWS-RunShellScript","arn:aws:ssm:us-east-1:111122223333:document/mine"])), OK, neg=['MISSING_ARN_ACCOUNT'],
     source='AWS-owned SSM documents have ARNs without an account (arn:aws:ssm:REGION::document/AWS-RunShellScript); 96 uses in the AWS managed policies, none listed by the reference under MISSING_ARN_ACCOUNT')
case('scp-syntax-error-action-wildcard', P(S(effect="Deny",action="iam:*Role",resource="*")), [('SCP_SYNTAX_ERROR_ACTION_WILDCARD',E)], ptype='guardrail',
     source=MD+': "Error – SCP syntax error action wildcard" ("SCP actions can include wildcards (*) only at the end of a string"); still in the 2026 reference although SCPs accept such wildcards since September 2025')
case('scp-action-wildcard-negative', P(S(effect="Deny",action=["iam:Delete*"],resource="*"), S(effect="Allow",action="s3:Get*",resource="arn:aws:s3:::reports/*",Condition=C("StringEquals","aws:PrincipalTag/team","admins"))), OK, ptype='guardrail',
     neg=['SCP_SYNTAX_ERROR_ALLOW_CONDITION','SCP_SYNTAX_ERROR_ALLOW_RESOURCE','SCP_SYNTAX_ERROR_ALLOW_NOTACTION','SCP_SYNTAX_ERROR_NOTRESOURCE'],
     source='AWS Security Blog "Unlock new possibilities: AWS Organizations service control policy now supports full IAM language" (September 2025): conditions, resource ARNs, NotAction with Allow and NotResource are valid in SCPs; the 2026 reference has no section for the four SCP_SYNTAX_ERROR_ALLOW_*/NOTRESOURCE checks')
case('scp-action-wildcard-identity-negative', P(S(action="s3:*Object")), OK, neg=['SCP_SYNTAX_ERROR_ACTION_WILDCARD'], source=MD+': the check is for SCPs only')
GH='token.actions.githubusercontent.com'
GHP={"Federated":"arn:aws:iam::111122223333:oidc-provider/"+GH}
def gh(cond, action="sts:AssumeRoleWithWebIdentity"):
    return {"Effect":"Allow","Principal":GHP,"Action":action,"Condition":cond}
case('wildcard-usage-too-permissive', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com"},"StringLike":{GH+":sub":"repo:*@319896805/*@1342943014:ref:refs/heads/stack"}})),
     [('WILDCARD_USAGE_TOO_PERMISSIVE',E),('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',W),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     source=MD+': "Error – Wildcard usage too permissive" ("Use the wildcard preceded by 6 consecutive characters"); recorded aws accessanalyzer validate-policy output on this subject pattern (only 5 characters, repo:, before the first *): WILDCARD_USAGE_TOO_PERMISSIVE on the sub condition, with the default IDENTITY_POLICY type')
case('wildcard-usage-too-permissive-userid', P(S(action="s3:GetObject",Condition=C("StringLike","aws:userid","AIDA*"))), [('WILDCARD_USAGE_TOO_PERMISSIVE',E)],
     source=MD+': "Error – Wildcard usage too permissive", third message ("Use the wildcard on the right side of colon or as the only character on the left side of a colon")')
case('variable-usage-too-permissive', P(S(action="s3:GetObject",Condition=C("StringEquals","aws:userid","${aws:userid}"))), [('VARIABLE_USAGE_TOO_PERMISSIVE',E)],
     source=MD+': "Error – Variable usage too permissive", third message (use AIDACKCEVSQ6C2EXAMPLE:${aws:userid} or ${aws:userid}:* instead of ${aws:userid})')
case('variable-usage-too-permissive-sub', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com",GH+":sub":"repo:${aws:username}/app:ref:refs/heads/main"}})), [('VARIABLE_USAGE_TOO_PERMISSIVE',E),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     neg=['SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED'],
     source=MD+': "Error – Variable usage too permissive", first message ("Use the policy variable preceded by 6 consecutive characters"); the value pins a branch, so no SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED')
case('permissive-usage-negative', P(S(action="s3:GetObject",Condition={"StringLike":{"aws:userid":["AIDACKCEVSQ6C2EXAMPLE:*","*:*","${aws:userid}:*"]}})), OK,
     neg=['WILDCARD_USAGE_TOO_PERMISSIVE','VARIABLE_USAGE_TOO_PERMISSIVE'], source=MD+': the reference\'s own compliant examples (AIDACKCEVSQ6C2EXAMPLE:*, *:*, ${aws:userid}:*)')
case('permissive-usage-sub-negative', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com"},"StringLike":{GH+":sub":"repo:octo-org/octo-repo:ref:refs/heads/release-*"}})), [('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',W),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     neg=['WILDCARD_USAGE_TOO_PERMISSIVE','MISSING_GITHUB_REPO_CONDITION_KEY'], source='recorded validate-policy output: four or more literal characters around /<repository>@ are clean; the reference: a wildcard in the sub is SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED')
case('specific-github-repo-and-branch-recommended', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com",GH+":sub":"repo:octo-org/octo-repo:environment:production"}})),
     [('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',W),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     source=MD+': "General Warning – Specific github repo and branch recommended"; recorded validate-policy output on trust policies with an environment subject (repo:Atom-oh/awsops:environment:production): SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED (warning) and CONFIRM_AUDIENCE_CLAIM_TYPE (suggestion) for StringEquals ...:aud sts.amazonaws.com')
GHREF=MD+': "General Warning – Specific github repo and branch recommended" ("If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key"; resolving: "When the subject claim does not include the branch — for example, when it names a GitHub environment — specify the branch in token.actions.githubusercontent.com:ref")'
case('specific-github-repo-and-branch-ref-negative', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com",GH+":sub":"repo:octo-org/octo-repo:environment:production",GH+":ref":"refs/heads/main"}})),
     [('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust', neg=['SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED','MISSING_GITHUB_REPO_CONDITION_KEY'],
     source=GHREF+': an environment subject of one repository with the branch pinned in :ref is what the check asks for')
case('specific-github-repo-and-branch-ref-unpinned', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com",GH+":sub":"repo:octo-org/octo-repo:environment:production"},"StringLike":{GH+":ref":["refs/heads/master","refs/pull/*/merge"]}})),
     [('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',W),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     source=GHREF+'; recorded validate-policy output on an environment subject whose separate ref condition allows master or pull-request merge refs: SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED remains (a ref with a wildcard pins no branch)')
case('specific-github-repo-and-branch-wildcard-sub-with-ref', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com",GH+":ref":"refs/heads/main"},"StringLike":{GH+":sub":"repo:octo-org/octo-repo:*"}})),
     [('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',W),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     source=GHREF+': "Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended" — a wildcard in the subject is reported even with a pinned :ref')
case('github-trust-pinned', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com",GH+":sub":"repo:octo-org/octo-repo:ref:refs/heads/main"}})), [('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     neg=['SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED','MISSING_GITHUB_REPO_CONDITION_KEY','MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL','FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE','WILDCARD_USAGE_TOO_PERMISSIVE','VARIABLE_USAGE_TOO_PERMISSIVE'],
     source=MD+': "Suggestion – Confirm audience claim type"; recorded validate-policy output: it remains on a GitHub trust policy whose audience uses scalar StringEquals')
case('missing-github-repo-condition-key', P(gh({"StringEquals":{GH+":aud":"sts.amazonaws.com"}})), [('MISSING_GITHUB_REPO_CONDITION_KEY',SW),('CONFIRM_AUDIENCE_CLAIM_TYPE',SG)], ptype='role-trust',
     neg=['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'], source=MD+': "Security Warning – Missing github repo condition key"')
case('missing-condition-key-for-oidc-principal', P({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"},"Action":"sts:AssumeRoleWithWebIdentity"}),
     [('MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',SW)], ptype='role-trust', source=MD+': "Security Warning – Missing condition key for oidc principal"')
case('oidc-principal-negative', P({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"},"Action":"sts:AssumeRoleWithWebIdentity",
     "Condition":C("StringEquals","oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub","system:serviceaccount:ml:trainer")}), OK, ptype='role-trust',
     neg=['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL','MISSING_GITHUB_REPO_CONDITION_KEY','CONFIRM_AUDIENCE_CLAIM_TYPE','REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY'], source=MD+': a condition key with the provider\'s prefix')
case('foranyvalue-with-audience-claim-type', P({"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
     "Condition":{"ForAnyValue:StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"}}}), [('FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE',SW)], ptype='role-trust',
     neg=['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'], source=MD+': "Security Warning – ForAnyValue with audience claim type"')
case('redundant-principal-in-role-trust-policy', P({"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/deployer","arn:aws:sts::111122223333:assumed-role/deployer/ci-session"]},"Action":"sts:AssumeRole"}),
     [('REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',SG)], ptype='role-trust', source=MD+': "Suggestion – Redundant principal in role trust policy" (its example: a role and an assumed-role session of it)')
case('string-like-operator-with-arn-condition-keys', P(S(action="s3:GetObject",Condition=C("StringLike","aws:PrincipalArn","arn:aws:iam::111122223333:role/app-*"))), [('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',SW)],
     source=MD+': "Security Warning – String like operator with ARN condition keys"; a recorded finding: StringLike on aws:PrincipalArn raises STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS, ArnLike does not')
case('string-like-arn-negative', P(S(action="s3:GetObject",Condition={"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/app-*"},"StringLike":{"aws:PrincipalTag/team":"ml-*"}})), OK,
     neg=['STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS'], source=MD+': ArnLike is the recommended operator; StringLike on a String key is fine')
case('s3-prefix-in-negative-context', P(S(action="s3:ListBucket",resource="arn:aws:s3:::bucket",effect="Deny",Condition=C("StringLike","s3:prefix","private/*"))), [('S3_PREFIX_IN_NEGATIVE_CONTEXT',SW)],
     source=MD+': "Security Warning – S3 prefix in negative context" (a Deny with StringLike does not restrict listing)')
case('s3-prefix-negative', P(S(action="s3:ListBucket",resource="arn:aws:s3:::bucket",Condition=C("StringLike","s3:prefix","home/${aws:username}/*")),
     S(action="s3:ListBucket",resource="arn:aws:s3:::bucket",effect="Deny",Condition=C("StringNotLike","s3:prefix","public/*"))), OK,
     neg=['S3_PREFIX_IN_NEGATIVE_CONTEXT'], source=MD+': the two patterns the reference recommends (Allow with StringLike, Deny with StringNotLike)')
case('dynamodb-attributes-without-select', P(S(action="dynamodb:GetItem",resource="arn:aws:dynamodb:us-east-1:111122223333:table/Scores",Condition={"ForAllValues:StringEquals":{"dynamodb:Attributes":["UserId","TopScore"]}})),
     [('DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',SW)], source=MD+': "Security Warning – DynamoDB attributes without select"')
case('dynamodb-attributes-negative', P(S(action="dynamodb:GetItem",resource="arn:aws:dynamodb:us-east-1:111122223333:table/Scores",Condition={"ForAllValues:StringEquals":{"dynamodb:Attributes":["UserId","TopScore"]},"StringEquals":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}})), OK,
     neg=['DYNAMODB_ATTRIBUTES_WITHOUT_SELECT'], source=MD+': the fix the reference gives (dynamodb:Select = SPECIFIC_ATTRIBUTES in the same statement)')

for name, policy, expect, neg, ptype, source, raw in cases:
    text = raw if raw is not None else json.dumps(policy, indent=2) + "\n"
    open(os.path.join(OUT, name + '.json'), 'w').write(text)
    codes = [e[0] for e in expect]
    src = source or ('; '.join(sorted(set(REF + '#' + c for c in codes))) if codes else REF)
    lines = ['# source: ' + src, '# policy-type: ' + ptype]
    if neg: lines.append('# negative: ' + ', '.join(neg))
    for e in expect:
        lines.append(' '.join(str(x) for x in e if x is not None))
    open(os.path.join(OUT, name + '.expect'), 'w').write('\n'.join(lines) + '\n')
print(len(cases))
