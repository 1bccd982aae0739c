#!/bin/sh
# Starts the Cerbos peer (bench/peers/cerbos/start.sh: 0.55.0 from npm, needs npm) on 127.0.0.1:3592 with
# bench/cerbos/policies: the synthetic bundle's rules, for `iamgate trace replay --peer cerbos`.
# Prints its PID. Stop it with: kill PID
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${IAMGATE_SHARED:-$here/..}
exec sh "$shared/peers/cerbos/start.sh" "$here/policies"
