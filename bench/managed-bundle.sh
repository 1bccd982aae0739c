#!/usr/bin/env bash
# A bundle of all 1,594 AWS managed policies: one role per policy plus a role with all of them.
#   bench/managed-bundle.sh OUT_DIR ; then ./iamgate bench --bundle OUT_DIR  (prints "loaded in … ms")
set -euo pipefail
#   MANAGED_POLICIES=FILE: JSON Lines of {"name", "document"}, one AWS managed policy per line. Make it with the AWS CLI:
#     aws iam list-policies --scope AWS --query 'Policies[].[PolicyName,Arn,DefaultVersionId]' --output text |
#       while read -r n a v; do aws iam get-policy-version --policy-arn "$a" --version-id "$v" \
#         --query "{name:'$n',document:PolicyVersion.Document}" --output json | jq -c .; done > managed.jsonl
out=$1; src=${MANAGED_POLICIES:-${SHARED:-../shared}/data/aws-managed-policies/all-latest.jsonl}
[ -f "$src" ] || { echo "no managed policies at $src: set MANAGED_POLICIES (see the header of $0)" >&2; exit 2; }
mkdir -p "$out/policies"
python3 - "$src" "$out" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
names = []
for line in open(src):
    x = json.loads(line); names.append(x['name'])
    open('%s/policies/%s.json' % (out, x['name']), 'w').write(json.dumps(x['document'], indent=2))
with open(out + '/principals.yaml', 'w') as f:
    f.write('roles:\n')
    for i, n in enumerate(names):
        f.write('  - {name: R%04d, id: AROAMANAGED%09d, policies: [%s]}\n' % (i, i, n))
    f.write('  - {name: Everything, id: AROAEVERYTHING00001, policies: [%s]}\n' % ', '.join(names))
open(out + '/iamgate-bundle.yaml', 'w').write('revision: managed-1594\naccount: "111122223333"\n')
open(out + '/resources.yaml', 'w').write('- arn: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb1\n  tags: {owner: x}\n')
PY
echo "wrote $out: $(ls "$out/policies" | wc -l) policies"
